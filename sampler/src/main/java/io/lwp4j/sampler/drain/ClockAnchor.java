package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.internal.NativeClock;

/**
 * A pair of readings of the TSC ({@code lwp4j_now}) and of {@link System#nanoTime()} taken
 * together, to place a record's TSC time on the nanoTime clock. The drainer takes a new
 * pair at every pass, so the calibrated frequency's error (parts per million) only applies
 * across the few milliseconds between a record and its pass. Used by the drainer thread only.
 */
final class ClockAnchor {
    private long tsc;
    private long nanoTime;

    /** Takes a new pair: the TSC read before and after nanoTime, averaged. */
    void update() {
        long before = NativeClock.now();
        long nanos = System.nanoTime();
        long after = NativeClock.now();
        tsc = before + (after - before) / 2;
        nanoTime = nanos;
    }

    /** {@code cycles} (a TSC reading) on the nanoTime clock. */
    long toNanoTime(long cycles, double nanosPerCycle) {
        return nanoTime + (long) ((cycles - tsc) * nanosPerCycle);
    }
}
