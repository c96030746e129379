package io.lwp4j.sampler.internal;

import io.lwp4j.sampler.BufferStatistics;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link NativeLibraryTest}: loads liblwp4j (whatever java.io.tmpdir its
 * parent chose), prints the maps lines of every library it loaded from that directory and
 * exits 0; or prints why it could not load it and exits 3.
 */
public final class NativeLoadChild {
    public static void main(String[] args) throws Exception {
        try {
            BufferStatistics.read();
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null) root = root.getCause();
            System.out.println("not loaded: " + root);
            System.exit(3);
        }
        String tmp = System.getProperty("java.io.tmpdir");
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains(tmp)) System.out.println("mapped: " + line.substring(line.indexOf('/')));
        }
        System.out.println("loaded");
    }
}
