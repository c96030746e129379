package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.layout.ProbeLayout;

/** What a probe times its samples with. */
public enum ProbeClock {
    /** The TSC when it is usable (constant, nonstop, calibrated), else CLOCK_MONOTONIC. */
    AUTO(ProbeLayout.CLOCK_AUTO),
    /**
     * Always {@code clock_gettime(CLOCK_MONOTONIC)}: for a TSC the host does not trust. The
     * results then say {@link Timing#cyclesAreNanos()}.
     */
    MONOTONIC(ProbeLayout.CLOCK_MONOTONIC);

    final int code;

    ProbeClock(int code) {
        this.code = code;
    }
}
