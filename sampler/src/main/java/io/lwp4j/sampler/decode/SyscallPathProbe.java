package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import io.lwp4j.sampler.layout.ProbeLayout;

/**
 * {@code LWP4J_REC_SYSCALL_PROBE}: one burst of the entry/exit canary
 * ({@code struct lwp4j_syscall_probe_payload}), per call timed. The record's tid is the probe
 * thread, its time when the burst began.
 */
public final class SyscallPathProbe extends TimedProbe {
    SyscallPathProbe() {}

    /** {@code LWP4J_SYSCALL_GETPID} (0), {@code _CLOCK_VDSO} (1), {@code _CLOCK_RAW} (2). */
    public int call() {
        return (int) field(SYSCALL_CALL, 2);
    }

    /** {@link ProbeLayout#callName}: "getpid", "clock_gettime-vdso", ..., or "call-N". */
    public String callName() {
        return ProbeLayout.callName(call());
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
