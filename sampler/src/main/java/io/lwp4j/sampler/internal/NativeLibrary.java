package io.lwp4j.sampler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Extracts liblwp4j from the jar and opens it with {@link SymbolLookup#libraryLookup}.
 *
 * <p>The library is written into a fresh directory made by {@link Files#createTempDirectory}
 * with owner-only permissions (random name, created atomically, so a pre-planted file or
 * symlink at any predictable path is never followed), the file is created with
 * {@code CREATE_NEW} (fails rather than follows an existing link), and both are deleted
 * right after {@code dlopen}: the mapping stays valid, nothing is left for others to swap.
 */
public final class NativeLibrary {
    static final String RESOURCE = "/lwp4j/native/linux-x86_64/liblwp4j.so";

    private NativeLibrary() {}

    /** Opens the library for the life of the process. */
    public static SymbolLookup load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException(
                    "lwp4j native library is built for linux-x86_64 only, this JVM runs on " + os + "/" + arch);
        }
        Path dir = null;
        Path file = null;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("lwp4j native library " + RESOURCE
                        + " is not on the class path: add lwp4j-native to it (the agent jar contains it)");
            }
            dir = Files.createTempDirectory("lwp4j-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            file = dir.resolve("liblwp4j.so");
            try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(out);
            }
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("r-x------")));
            return SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the lwp4j native library into a private temp "
                    + "directory (" + e + "): check java.io.tmpdir is writable", e);
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover private file is harmless; never fail the load for it
        }
    }
}
