package io.lwp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules over the whole code base, every module's: checked here because this module is built
 * last, so every module the reactor built is there (the modules this one depends on always are).
 */
class CodebaseRulesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** A field, not a method: {@code public [static] [final] MethodHandle NAME =} or {@code ;}. */
    private static final Pattern PUBLIC_HANDLE_FIELD =
            Pattern.compile("public\\s+(static\\s+)?(final\\s+)?MethodHandle\\s+\\w+\\s*[=;]");

    /**
     * No two main (top-level) classes share a simple name, across every module's compiled
     * classes: a reader who meets {@code WriteFault} must not have to check which one it is.
     */
    @Test
    void everyTopLevelClassHasItsOwnSimpleName() throws IOException {
        Path root = ROOT;
        Map<String, Set<String>> byName = new TreeMap<>();
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path classes : dirs.map(d -> d.resolve("target/classes")).filter(Files::isDirectory).toList()) {
                modules.add(classes.getParent().getParent().getFileName().toString());
                try (Stream<Path> files = Files.walk(classes)) {
                    files.map(f -> classes.relativize(f).toString())
                            .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.endsWith("package-info.class")
                                    && !f.endsWith("module-info.class"))
                            .forEach(f -> byName.computeIfAbsent(simpleName(f), k -> new TreeSet<>())
                                    .add(f.replace('/', '.').replace(".class", "")));
                }
            }
        }
        assertTrue(modules.containsAll(List.of("native", "sampler", "jfr-events", "agent", "cli")),
                "the compiled classes of this module and those it depends on were found: " + modules);
        assertTrue(byName.containsKey("RingBuffer"), "sampler's classes were scanned");
        Map<String, Set<String>> shared = byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertEquals(Map.of(), shared, "simple names shared by main classes in " + modules);
    }

    /**
     * Native calls go through one typed method each ({@code NativeBuffers}, {@code UffdNative},
     * ...): no downcall handle is a public field, in any module's main sources.
     */
    @Test
    void noPublicMethodHandleField() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path src : dirs.map(d -> d.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> walk = Files.walk(src)) {
                    for (Path f : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                        files++;
                        Matcher m = PUBLIC_HANDLE_FIELD.matcher(Files.readString(f));
                        while (m.find()) found.add(ROOT.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(files > 100, "the main sources were read: " + files + " files");
        assertEquals(List.of(), found, "public MethodHandle fields");
        assertTrue(PUBLIC_HANDLE_FIELD.matcher("public static final MethodHandle NOW = bind()").find()
                && !PUBLIC_HANDLE_FIELD.matcher("public static MethodHandle bind(String name)").find(),
                "the pattern tells a field from a method");
    }

    private static String simpleName(String classFile) {
        String name = classFile.substring(classFile.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".class".length());
    }
}
