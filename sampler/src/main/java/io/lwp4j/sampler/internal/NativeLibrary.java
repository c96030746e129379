package io.lwp4j.sampler.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Extracts liblwp4j from the jar and opens it with {@link SymbolLookup#libraryLookup}.
 *
 * <p>The library is written into a fresh directory with owner-only permissions (random name,
 * created atomically by {@code mkdir}, which fails rather than follows whatever is already at
 * the name, so a pre-planted file or symlink at any path is never followed), the file is created with
 * {@code CREATE_NEW} (fails rather than follows an existing link), and both are deleted
 * right after {@code dlopen}: the mapping stays valid, nothing is left for others to swap.
 *
 * <p>That holds only where others cannot rename the fresh directory away and put their own in
 * its place between the write and the {@code dlopen}: so the temp directory must not be
 * writable by group or others unless it has the sticky bit (as /tmp has), and the fresh
 * directory must be ours, owner-only and not a link when we write into it. Otherwise lwp4j
 * refuses to load, naming the directory.
 */
public final class NativeLibrary {
    static final String RESOURCE = "/lwp4j/native/linux-x86_64/liblwp4j.so";
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;

    private NativeLibrary() {}

    /** Opens the library for the life of the process. */
    public static SymbolLookup load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException(
                    "lwp4j native library is built for linux-x86_64 only, this JVM runs on " + os + "/" + arch);
        }
        Path file = null;
        try {
            file = extractInto(Path.of(System.getProperty("java.io.tmpdir")));
            return SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract the lwp4j native library into a private temp "
                    + "directory (" + e + "): check java.io.tmpdir is writable", e);
        } finally {
            if (file != null) {
                deleteQuietly(file);
                deleteQuietly(file.getParent());
            }
        }
    }

    /**
     * Writes the library into a fresh owner-only directory under {@code tempRoot}; returns the
     * file. The caller loads it and deletes both.
     *
     * @throws IOException when the root is unsafe (see the class comment) or the write fails
     */
    static Path extractInto(Path tempRoot) throws IOException {
        int rootMode = (int) Files.getAttribute(tempRoot, "unix:mode");
        if ((rootMode & GROUP_OR_OTHERS_WRITE) != 0 && (rootMode & STICKY) == 0) {
            throw new IOException(tempRoot + " is writable by others and has no sticky bit (mode "
                    + Integer.toOctalString(rootMode & 07777) + "): another user could swap the library between its "
                    + "extraction and its loading; set -Djava.io.tmpdir to a directory only you can write, or one "
                    + "with the sticky bit such as /tmp");
        }
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("lwp4j native library " + RESOURCE
                        + " is not on the class path: add lwp4j-native to it (the agent jar contains it)");
            }
            Path dir = createOwnerOnlyDirectory(tempRoot);
            Path file = dir.resolve("liblwp4j.so");
            try {
                try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
                Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("r-x------")));
                checkPrivate(dir, file);
            } catch (IOException e) {
                deleteQuietly(file);
                deleteQuietly(dir);
                throw e;
            }
            return file;
        }
    }

    /**
     * A fresh owner-only directory {@code lwp4j-<random>} in {@code tempRoot}, made by {@code
     * mkdir}. Not {@link Files#createTempDirectory}: its first use initialises SecureRandom, and
     * with it the JDK's security providers (1.7 MB of heap and tens of milliseconds of the start,
     * issue 16). The name's randomness is not what keeps the library safe ({@code mkdir}'s
     * exclusivity and {@link #checkPrivate} are), so a non-cryptographic one does; a taken name
     * (planted, say) is passed over for another.
     */
    private static Path createOwnerOnlyDirectory(Path tempRoot) throws IOException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (int attempt = 1; ; attempt++) {
            Path dir = tempRoot.resolve("lwp4j-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()));
            try {
                return Files.createDirectory(dir, ownerOnly);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) throw taken;
            }
        }
    }

    /**
     * After the write: the directory is still a real directory, owner-only, and owned by whoever
     * owns the file just written (us), so nobody else could have put or swapped anything in it.
     */
    private static void checkPrivate(Path dir, Path ours) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object me = Files.getAttribute(ours, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory() || !owner.equals(me)
                || !a.permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
            throw new IOException(dir + " is not a private directory of this user (owner uid " + owner + ", "
                    + PosixFilePermissions.toString(a.permissions()) + "): refusing to load the library from it");
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
