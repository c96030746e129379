package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import io.lwp4j.sampler.layout.ProbeLayout;

/**
 * {@code LWP4J_REC_CODE_LOAD_PROBE}: seed 001's JIT code-loading cost for one strategy
 * ({@code struct lwp4j_code_load_probe_payload}), per iteration. The record's tid is the probe
 * thread, its time when the first iteration began. A refused step leaves {@link #error()}
 * set and the timing zero.
 */
public final class CodeLoadTiming extends TimedProbe {
    CodeLoadTiming() {}

    /** {@code LWP4J_CODE_LOAD_NAIVE} (0) .. {@code _MEMFD_DUAL} (4). */
    public int strategy() {
        return (int) field(CODE_LOAD_STRATEGY, 2);
    }

    /** {@link ProbeLayout#strategyName}: "naive", "reuse", ..., or "strategy-N". */
    public String strategyName() {
        return ProbeLayout.strategyName(strategy());
    }

    /** errno of the refused step, 0 when every step worked. */
    public int error() {
        return (int) field(CODE_LOAD_ERROR, 2);
    }

    /** Pages in the code region. */
    public int pages() {
        return (int) field(CODE_LOAD_PAGES, 2);
    }

    /** Iterations measured. */
    public int iterations() {
        return (int) field(CODE_LOAD_ITERATIONS, 2);
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
