package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import io.lwp4j.sampler.layout.ProbeLayout;

/**
 * The records of the syscall-path probes: one measurement of many samples summarised by the
 * probe thread ({@code struct lwp4j_probe_timing}, at the same payload offset in both
 * payloads; offsets from {@link ProbeLayout}). Each sample
 * had the timer's own cost ({@link #overheadCycles()}) subtracted; the median is the lower
 * middle sample. The probe converted the nanoseconds itself with the calibrated TSC.
 */
public abstract sealed class TimedProbe extends DecodedRecord permits SyscallPathProbe, CodeLoadTiming {
    TimedProbe() {}

    /** The probe run this measurement belongs to, from 1. */
    public final long run() {
        return field(SYSCALL_RUN, 8); // CODE_LOAD_RUN is the same offset
    }

    public final long minCycles() {
        return timing(TIMING_MIN_CYCLES);
    }

    public final long medianCycles() {
        return timing(TIMING_MEDIAN_CYCLES);
    }

    public final long maxCycles() {
        return timing(TIMING_MAX_CYCLES);
    }

    /** The cost of timing an empty call the same way, subtracted from every sample. */
    public final long overheadCycles() {
        return timing(TIMING_OVERHEAD_CYCLES);
    }

    public final long minNanos() {
        return timing(TIMING_MIN_NS);
    }

    public final long medianNanos() {
        return timing(TIMING_MEDIAN_NS);
    }

    public final long maxNanos() {
        return timing(TIMING_MAX_NS);
    }

    public final long meanNanos() {
        return timing(TIMING_MEAN_NS);
    }

    /** A u32 of {@code struct lwp4j_probe_timing}. */
    private long timing(long offset) {
        return field(SYSCALL_TIMING + offset, 4); // CODE_LOAD_TIMING is the same offset
    }

    /** The median sample. */
    @Override
    public long summaryNanos() {
        return medianNanos();
    }
}
