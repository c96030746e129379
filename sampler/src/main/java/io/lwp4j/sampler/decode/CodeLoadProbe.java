package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_CODE_LOAD_PROBE}: seed 001's JIT code-loading cost for one strategy
 * ({@code struct lwp4j_code_load_probe_payload}), per iteration. The record's tid is the probe
 * thread, its time when the first iteration began. A refused step leaves {@link #error()}
 * set and the timing zero.
 */
public final class CodeLoadProbe extends TimedProbe {
    private static final String[] STRATEGY_NAMES = {"naive", "reuse", "reuse-locked", "shared", "memfd-dual"};

    CodeLoadProbe() {}

    /** {@code LWP4J_CODE_LOAD_NAIVE} (0) .. {@code _MEMFD_DUAL} (4). */
    public int strategy() {
        return (int) (raw.word(0) & 0xffff);
    }

    /**
     * "naive" (mmap RW, write, mprotect RX, call, munmap), "reuse" (mprotect flips of one
     * mapping), "reuse-locked" (the same, MAP_LOCKED), "shared" (the same, MAP_SHARED),
     * "memfd-dual" (one memfd mapped RX and W), or "strategy-N".
     */
    public String strategyName() {
        int s = strategy();
        return s < STRATEGY_NAMES.length ? STRATEGY_NAMES[s] : "strategy-" + s;
    }

    /** errno of the refused step, 0 when every step worked. */
    public int error() {
        return (int) ((raw.word(0) >>> 16) & 0xffff);
    }

    /** Pages in the code region. */
    public int pages() {
        return (int) ((raw.word(0) >>> 32) & 0xffff);
    }

    /** Iterations measured. */
    public int iterations() {
        return (int) (raw.word(0) >>> 48);
    }

    @Override
    public String summaryKey() {
        return strategyName();
    }

    /** The median iteration; none for a failed strategy. */
    @Override
    public long summaryNanos() {
        return error() != 0 ? -1 : medianNanos();
    }
}
