package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.RecordLayout.FLAG_TSC_UNSTABLE;

import io.lwp4j.sampler.decode.TimedProbe;

/**
 * The samples of one probe measurement ({@code struct lwp4j_probe_timing}): one sample per
 * call of a canary burst, or per iteration of a code-loading strategy. Each sample had the
 * timer's own cost ({@link #overheadCycles}) subtracted. The median is the lower middle
 * sample, so {@code min <= median <= max}. Nanoseconds are cycles converted with the
 * calibrated TSC frequency, or equal to them when {@link #cyclesAreNanos()}.
 */
public record Timing(
        long minCycles,
        long medianCycles,
        long maxCycles,
        long overheadCycles,
        long minNanos,
        long medianNanos,
        long maxNanos,
        long meanNanos,
        boolean cyclesAreNanos) {

    /** A copy of a decoded probe record's timing. */
    static Timing of(TimedProbe p) {
        return new Timing(p.minCycles(), p.medianCycles(), p.maxCycles(), p.overheadCycles(), p.minNanos(),
                p.medianNanos(), p.maxNanos(), p.meanNanos(), (p.raw().flags() & FLAG_TSC_UNSTABLE) != 0);
    }
}
