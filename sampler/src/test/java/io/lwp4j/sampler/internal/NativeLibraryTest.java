package io.lwp4j.sampler.internal;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.Soak;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native library is extracted only into a fresh owner-only directory: links and files
 * planted at every predictable path are neither followed nor used, even when the planted
 * library would run code the moment it is loaded; and a temp directory where others could
 * swap the library before it is loaded is refused.
 */
class NativeLibraryTest {
    @TempDir
    Path work;

    /** Predictable names an attacker would plant: the file, the directory, guesses at the random name. */
    static List<String> predictableNames() {
        List<String> names = new java.util.ArrayList<>(List.of("liblwp4j.so", "lwp4j", "lwp4j-", "lwp4j.so",
                "lwp4j-native", "lwp4j-" + ProcessHandle.current().pid()));
        for (int i = 0; i < 50; i++) names.add("lwp4j-" + i);
        return names;
    }

    static void chmod(String mode, Path p) throws Exception {
        Process c = new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start();
        assertTrue(c.waitFor(10, TimeUnit.SECONDS) && c.exitValue() == 0, "chmod " + mode + " " + p);
    }

    /** A temp root like /tmp (world-writable, sticky) with a link to {@code target} at each predictable name. */
    Path plantedRoot(Path target) throws Exception {
        Path root = Files.createDirectory(work.resolve("tmp"));
        chmod("1777", root);
        for (String name : predictableNames()) Files.createSymbolicLink(root.resolve(name), target);
        Path plantedDir = Files.createDirectory(root.resolve("lwp4j-planted"));
        Files.createSymbolicLink(plantedDir.resolve("liblwp4j.so"), target);
        return root;
    }

    static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    @Test
    void extractionMakesAFreshOwnerOnlyDirectoryAndFollowsNoPlantedLink() throws Exception {
        Path victim = Files.writeString(work.resolve("victim"), "must stay as it is");
        Path root = plantedRoot(victim);
        Set<String> planted = entries(root);
        byte[] library;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(NativeLibrary.RESOURCE)) {
            library = in.readAllBytes();
        }
        for (int i = 0; i < 20; i++) {
            Path file = NativeLibrary.extractInto(root);
            Path dir = file.getParent();
            try {
                assertEquals(root, dir.getParent());
                assertFalse(planted.contains(dir.getFileName().toString()), "a fresh name: " + dir);
                assertFalse(Files.isSymbolicLink(dir) || Files.isSymbolicLink(file));
                assertEquals("rwx------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
                assertEquals("r-x------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
                assertArrayEquals(library, Files.readAllBytes(file), "the library from the jar, nothing else");
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        }
        Soak.report("library-extraction", "planted_paths", planted.size(), "extractions", 20, "victim_unchanged",
                Files.readString(victim).equals("must stay as it is"), "left_behind", entries(root).size() - planted.size());
        assertEquals("must stay as it is", Files.readString(victim), "no planted link was written through");
        assertEquals(planted, entries(root), "nothing left behind, nothing planted touched");
    }

    @Test
    void aTempDirectoryOthersCouldSwapTheLibraryInIsRefused() throws Exception {
        for (String mode : List.of("0777", "0770", "0707")) {
            Path root = Files.createDirectory(work.resolve("open-" + mode));
            chmod(mode, root);
            IOException e = assertThrows(IOException.class, () -> NativeLibrary.extractInto(root), mode);
            assertTrue(e.getMessage().contains("no sticky bit") && e.getMessage().contains(root.toString()),
                    e.getMessage());
            assertEquals(Set.of(), entries(root), "nothing written into it");
        }
        for (String mode : List.of("1777", "0700", "0755")) {
            Path root = Files.createDirectory(work.resolve("safe-" + mode));
            chmod(mode, root);
            Path file = NativeLibrary.extractInto(root);
            Files.delete(file);
            Files.delete(file.getParent());
        }
    }

    /**
     * End to end in a child JVM: every predictable path links to a library that would create
     * a marker file from its constructor the moment anything loads it. The child loads lwp4j
     * from a fresh directory, the marker never appears, and nothing is left behind.
     */
    @Test
    void aPlantedLibraryIsNeverLoaded() throws Exception {
        Path marker = work.resolve("planted-library-ran");
        Path evilSource = Files.writeString(work.resolve("evil.c"), """
                #include <fcntl.h>
                #include <unistd.h>
                __attribute__((constructor)) static void planted(void) {
                    int fd = open("%s", O_CREAT | O_WRONLY, 0600);
                    if (fd >= 0) close(fd);
                }
                """.formatted(marker));
        Path evil = work.resolve("evil.so");
        Process cc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", evil.toString(), evilSource.toString())
                .inheritIO().start();
        assertTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "gcc builds the planted library");
        Path root = plantedRoot(evil);
        Set<String> planted = entries(root);

        String out = runChild(root);
        assertTrue(out.contains("loaded"), out);
        assertFalse(Files.exists(marker), "the planted library never ran:\n" + out);
        List<String> mapped = out.lines().filter(l -> l.startsWith("mapped: ")).toList();
        assertFalse(mapped.isEmpty(), "liblwp4j was loaded from the temp directory:\n" + out);
        for (String line : mapped) {
            Path loaded = Path.of(line.substring("mapped: ".length()).replace(" (deleted)", ""));
            assertEquals("liblwp4j.so", loaded.getFileName().toString(), line);
            assertEquals(root, loaded.getParent().getParent(), line);
            assertFalse(planted.contains(loaded.getParent().getFileName().toString()), "a fresh directory: " + line);
            assertTrue(line.endsWith("(deleted)"), "deleted right after loading: " + line);
        }
        assertEquals(planted, entries(root), "nothing left behind");

        chmod("0777", root);                                   // others may now swap files in it: refused
        String refused = runChild(root);
        Soak.report("library-planted", "planted_paths", planted.size(), "planted_library_ran", Files.exists(marker),
                "world_writable_tmp_refused", refused.contains("no sticky bit"));
        assertTrue(refused.contains("not loaded") && refused.contains("no sticky bit"), refused);
        assertFalse(Files.exists(marker), "the planted library never ran");
    }

    private String runChild(Path tmp) throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), NativeLoadChild.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        System.out.println("--- child (tmpdir " + tmp + ")\n" + out);
        return out;
    }
}
