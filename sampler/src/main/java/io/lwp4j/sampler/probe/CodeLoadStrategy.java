package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.layout.ProbeLayout;

/**
 * Seed 001's ways of putting freshly written machine code in place and running it
 * ({@code LWP4J_CODE_LOAD_*}), each measured per iteration by the code-loading probe.
 */
public enum CodeLoadStrategy {
    /** mmap RW, write, mprotect RX, call, munmap: a fresh mapping per module. */
    NAIVE(ProbeLayout.CODE_LOAD_NAIVE, true),
    /** One private mapping kept, flipped RW then RX with mprotect per module. */
    REUSE(ProbeLayout.CODE_LOAD_REUSE, true),
    /** {@link #REUSE} with MAP_LOCKED: pages resident, never faulted in. */
    REUSE_LOCKED(ProbeLayout.CODE_LOAD_REUSE_LOCKED, true),
    /** {@link #REUSE} with MAP_SHARED: no copy-on-write when made writable again. */
    SHARED(ProbeLayout.CODE_LOAD_SHARED, true),
    /** A memfd mapped twice, RX and W: no syscall per module, but W and X coexist. */
    MEMFD_DUAL(ProbeLayout.CODE_LOAD_MEMFD_DUAL, false);

    private static final CodeLoadStrategy[] BY_CODE = values();

    final int code;
    private final boolean keepsWxorX;

    CodeLoadStrategy(int code, boolean keepsWxorX) {
        this.code = code;
        this.keepsWxorX = keepsWxorX;
    }

    /**
     * True when no page is writable and executable at the same instant. The memfd dual
     * mapping keeps a writable and an executable view of the same memory alive together.
     */
    public boolean keepsWxorX() {
        return keepsWxorX;
    }

    static CodeLoadStrategy of(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code].code != code) {
            throw new IllegalArgumentException("unknown code-loading strategy " + code);
        }
        return BY_CODE[code];
    }
}
