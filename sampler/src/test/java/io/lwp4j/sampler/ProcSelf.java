package io.lwp4j.sampler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says about this process: fields of /proc/self/status, in KiB. */
public final class ProcSelf {
    private ProcSelf() {}

    /** A "Name:  123 kB" (or plain number) line of /proc/self/status. */
    public static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + field + " in /proc/self/status");
    }

    /** Locked memory (mlock), KiB. */
    public static long vmLckKiB() {
        return status("VmLck");
    }

    /** Mapped address space, KiB. */
    public static long vmSizeKiB() {
        return status("VmSize");
    }

    public static long vmRssKiB() {
        return status("VmRSS");
    }

    public static long threads() {
        return status("Threads");
    }
}
