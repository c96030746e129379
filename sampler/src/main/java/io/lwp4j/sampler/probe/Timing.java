package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.MemorySegment;

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

    static Timing read(MemorySegment s, long offset, boolean cyclesAreNanos) {
        return new Timing(
                u32(s, offset + TIMING_MIN_CYCLES),
                u32(s, offset + TIMING_MEDIAN_CYCLES),
                u32(s, offset + TIMING_MAX_CYCLES),
                u32(s, offset + TIMING_OVERHEAD_CYCLES),
                u32(s, offset + TIMING_MIN_NS),
                u32(s, offset + TIMING_MEDIAN_NS),
                u32(s, offset + TIMING_MAX_NS),
                u32(s, offset + TIMING_MEAN_NS),
                cyclesAreNanos);
    }

    private static long u32(MemorySegment s, long offset) {
        return Integer.toUnsignedLong(s.get(JAVA_INT_UNALIGNED, offset));
    }
}
