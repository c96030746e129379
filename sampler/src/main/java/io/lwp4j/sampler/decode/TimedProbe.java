package io.lwp4j.sampler.decode;

/**
 * The records of the syscall-path probes: one measurement of many samples summarised by the
 * probe thread ({@code struct lwp4j_probe_timing}, payload words 2..5: u32 pairs). Each sample
 * had the timer's own cost ({@link #overheadCycles()}) subtracted; the median is the lower
 * middle sample. The probe converted the nanoseconds itself with the calibrated TSC.
 */
public abstract sealed class TimedProbe extends DecodedRecord permits SyscallPathProbe, CodeLoadProbe {
    TimedProbe() {}

    /** The probe run this measurement belongs to, from 1. */
    public final long run() {
        return raw.word(1);
    }

    public final long minCycles() {
        return low(2);
    }

    public final long medianCycles() {
        return high(2);
    }

    public final long maxCycles() {
        return low(3);
    }

    /** The cost of timing an empty call the same way, subtracted from every sample. */
    public final long overheadCycles() {
        return high(3);
    }

    public final long minNanos() {
        return low(4);
    }

    public final long medianNanos() {
        return high(4);
    }

    public final long maxNanos() {
        return low(5);
    }

    public final long meanNanos() {
        return high(5);
    }

    private long low(int word) {
        return raw.word(word) & 0xffff_ffffL;
    }

    private long high(int word) {
        return raw.word(word) >>> 32;
    }

    /** The median sample. */
    @Override
    public long summaryNanos() {
        return medianNanos();
    }
}
