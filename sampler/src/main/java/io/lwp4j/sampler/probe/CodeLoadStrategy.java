package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.layout.ProbeLayout;

/**
 * Seed 001's ways of putting freshly written machine code in place and running it
 * ({@code LWP4J_CODE_LOAD_*}), each measured per iteration by the code-loading probe.
 */
public enum CodeLoadStrategy {
    /** mmap RW, write, mprotect RX, call, munmap: a fresh mapping per module. */
    NAIVE(ProbeLayout.CODE_LOAD_NAIVE),
    /** One private mapping kept, flipped RW then RX with mprotect per module. */
    REUSE(ProbeLayout.CODE_LOAD_REUSE),
    /** {@link #REUSE} with MAP_LOCKED: pages resident, never faulted in. */
    REUSE_LOCKED(ProbeLayout.CODE_LOAD_REUSE_LOCKED),
    /** {@link #REUSE} with MAP_SHARED: no copy-on-write when made writable again. */
    SHARED(ProbeLayout.CODE_LOAD_SHARED),
    /** A memfd mapped twice, RX and W: no syscall per module, but W and X coexist. */
    MEMFD_DUAL(ProbeLayout.CODE_LOAD_MEMFD_DUAL);

    private static final CodeLoadStrategy[] BY_CODE = values();

    final int code;

    CodeLoadStrategy(int code) {
        this.code = code;
    }

    static CodeLoadStrategy of(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code].code != code) {
            throw new IllegalArgumentException("unknown code-loading strategy " + code);
        }
        return BY_CODE[code];
    }
}
