package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

/**
 * {@code LWP4J_REC_SYSCALL_PROBE}: one burst of the entry/exit canary
 * ({@code struct lwp4j_syscall_probe_payload}), per call timed. The record's tid is the probe
 * thread, its time when the burst began.
 */
public final class SyscallPathProbe extends TimedProbe {
    private static final String[] CALL_NAMES = new String[SYSCALL_CALL_COUNT];

    static {
        CALL_NAMES[SYSCALL_GETPID] = "getpid";
        CALL_NAMES[SYSCALL_CLOCK_VDSO] = "clock_gettime-vdso";
        CALL_NAMES[SYSCALL_CLOCK_RAW] = "clock_gettime-syscall";
    }

    SyscallPathProbe() {}

    /** {@code LWP4J_SYSCALL_GETPID} (0), {@code _CLOCK_VDSO} (1), {@code _CLOCK_RAW} (2). */
    public int call() {
        return (int) field(SYSCALL_CALL, 2);
    }

    /**
     * "getpid" (the minimal kernel entry and exit), "clock_gettime-vdso" (no entry at all),
     * "clock_gettime-syscall" (the same work through the kernel), or "call-N".
     */
    public String callName() {
        int c = call();
        return c < CALL_NAMES.length ? CALL_NAMES[c] : "call-" + c;
    }

    /** Calls timed in the burst. */
    public long burst() {
        return field(SYSCALL_BURST, 4);
    }

    @Override
    public String summaryKey() {
        return callName();
    }
}
