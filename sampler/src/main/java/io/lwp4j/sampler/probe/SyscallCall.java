package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.layout.ProbeLayout;

/** What one burst of the entry/exit canary timed ({@code LWP4J_SYSCALL_*}). */
public enum SyscallCall {
    /** {@code syscall(SYS_getpid)}: the minimal trip through the kernel's entry and exit. */
    GETPID(ProbeLayout.SYSCALL_GETPID),
    /** {@code clock_gettime(CLOCK_MONOTONIC)} through the vDSO: no kernel entry at all. */
    CLOCK_GETTIME_VDSO(ProbeLayout.SYSCALL_CLOCK_VDSO),
    /** {@code syscall(SYS_clock_gettime, CLOCK_MONOTONIC)}: the same work through the kernel. */
    CLOCK_GETTIME_SYSCALL(ProbeLayout.SYSCALL_CLOCK_RAW);

    private static final SyscallCall[] BY_CODE = values();

    final int code;

    SyscallCall(int code) {
        this.code = code;
    }

    static SyscallCall of(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code].code != code) {
            throw new IllegalArgumentException("unknown canary call " + code);
        }
        return BY_CODE[code];
    }
}
