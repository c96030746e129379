package io.lwp4j.agent;

import java.util.Locale;

/** {@code syscalls=}: what the I/O advice does with each of the application's calls. */
public enum SyscallsMode {
    /** Counted in the calling thread; a record only for a slow, failed or sampled call. */
    COUNTS,
    /** Counted, and a SYSCALL record for every call. */
    RECORDS,
    /** No I/O advice at all. */
    OFF;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
