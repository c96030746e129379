package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * Recordings the report tests read, each made once per test JVM in a child JVM of its own, under
 * {@code cli/target/test-recordings/}: a real server and the demo recorded by the built agent,
 * and test programs' recordings of what the agent cannot be made to write (an older lwp4j's events).
 */
final class TestRecordings {
    static final Path DIR = Path.of(System.getProperty("lwp4j.buildDir", "target"), "test-recordings").toAbsolutePath();
    private static final Map<String, Path> MADE = new HashMap<>();

    private TestRecordings() {
    }

    /** {@link H2ServerUnderLoad} for 3 s under the built agent, forcing its journal every 10 requests. */
    static Path server() throws Exception {
        return underAgent("server.jfr", "10");
    }

    /** The same server with one known change: it forces its journal after every request. */
    static Path serverForcingEveryRequest() throws Exception {
        return underAgent("server-force-every.jfr", "1");
    }

    /** What {@link H2ServerUnderLoad} printed about the run that made {@code recording}. */
    static Properties facts(Path recording) throws IOException {
        Properties facts = new Properties();
        try (Reader in = Files.newBufferedReader(factsOf(recording))) {
            facts.load(in);
        }
        return facts;
    }

    private static Path factsOf(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".facts");
    }

    /** A recording whose I/O summaries are of an older lwp4j, with kernel costs beside them. */
    static Path olderVersion() throws Exception {
        return made("older.jfr", OlderRecording.class);
    }

    static final Path AGENT = Path.of("../agent/target/lwp4j-agent.jar").toAbsolutePath().normalize();
    static final Path DEMO = Path.of("../demo/target/lwp4j-demo.jar").toAbsolutePath().normalize();

    /** The recording the demo writes under the built agent, as a user makes it (200 modules). */
    static synchronized Path demo() throws Exception {
        Path file = MADE.get("demo.jfr");
        if (file == null) {
            assertTrue(Files.isRegularFile(AGENT) && Files.isRegularFile(DEMO), "mvn verify builds agent and demo before cli");
            file = Files.createDirectories(DIR).resolve("demo.jfr");
            Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AGENT + "=buffer=64k", "-jar", DEMO.toString(),
                    "--modules=200", "--jfr=" + file).redirectErrorStream(true).start();
            String out = finish(demo, "the demo");
            assertEquals(0, demo.exitValue(), out);
            MADE.put("demo.jfr", file);
        }
        return file;
    }

    /**
     * {@link H2ServerUnderLoad} in a JVM of its own, as a user runs an application: its classes
     * and H2's jar on the class path, the built agent writing the recording ({@code jfr=}).
     */
    private static synchronized Path underAgent(String name, String forceEvery) throws Exception {
        Path file = MADE.get(name);
        if (file == null) {
            assertTrue(Files.isRegularFile(AGENT), "mvn verify builds the agent before cli");
            file = Files.createDirectories(DIR).resolve(name);
            Path work = DIR.resolve(name + ".d");
            deleteTree(work); // a database left by an earlier build would refuse the same rows
            Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AGENT + "=jfr=" + file, "-cp", serverClassPath(),
                    H2ServerUnderLoad.class.getName(), work.toString(), "3", forceEvery).redirectErrorStream(true).start();
            String out = finish(server, "H2ServerUnderLoad");
            assertEquals(0, server.exitValue(), "H2ServerUnderLoad failed: " + out);
            Files.writeString(factsOf(file), out.lines().filter(l -> l.matches("\\w+=.*")).collect(Collectors.joining("\n")));
            MADE.put(name, file);
        }
        return file;
    }

    /** The class path of {@link H2ServerUnderLoad} as an application's: its classes and H2's jar. */
    static String serverClassPath() throws Exception {
        return codeSource(H2ServerUnderLoad.class) + File.pathSeparator + codeSource(Server.class);
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    /** Waits for a child to end by itself within 120 s, else ends it; returns its output. */
    private static String finish(Process p, String what) throws Exception {
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                out.append(e);
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            throw new AssertionError(what + " did not finish within 120 s: " + out);
        }
        reader.join();
        return out.toString();
    }

    private static synchronized Path made(String name, Class<?> main, String... args) throws Exception {
        Path file = MADE.get(name);
        if (file == null) {
            file = Files.createDirectories(DIR).resolve(name);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName(),
                    file.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = finish(p, main.getSimpleName());
            assertEquals(0, p.exitValue(), main.getSimpleName() + " failed: " + out);
            MADE.put(name, file);
        }
        return file;
    }
}
