package io.lwp4j.metrics;

import io.lwp4j.sampler.iocount.IoHistogram;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Durations counted by one writer thread in the buckets of {@link IoHistogramScheme}, with their
 * sum, read by any thread: cumulative since it was made, so a scraper takes rates.
 *
 * <p>Memory ordering as in {@code ThreadIoCounts}: the writer (one thread only) reads each
 * counter plainly and writes it back with an opaque store ({@code setOpaque}); readers load each
 * one opaquely. Every counter is atomic and never goes back, but a reader can see a duration's
 * bucket before its share of the sum.
 */
final class DurationHistogram {
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SUM_NANOS = IoHistogramScheme.BUCKETS;

    /** The scheme's slots, then the sum of the durations in ns. */
    private final long[] counters = new long[IoHistogramScheme.BUCKETS + 1];

    /** One duration. Writer thread only. */
    void record(long nanos) {
        int slot = IoHistogramScheme.slot(nanos);
        COUNTER.setOpaque(counters, slot, counters[slot] + 1);
        COUNTER.setOpaque(counters, SUM_NANOS, counters[SUM_NANOS] + Math.max(nanos, 0));
    }

    /** The buckets counted so far; any thread. */
    IoHistogram durations() {
        int n = 0;
        int[] indexes = new int[IoHistogramScheme.BUCKETS];
        long[] counts = new long[IoHistogramScheme.BUCKETS];
        for (int slot = 0; slot < IoHistogramScheme.BUCKETS; slot++) {
            long c = (long) COUNTER.getOpaque(counters, slot);
            if (c == 0) continue;
            indexes[n] = slot + IoHistogramScheme.MIN_INDEX;
            counts[n++] = c;
        }
        return IoHistogram.of(Arrays.copyOf(indexes, n), Arrays.copyOf(counts, n));
    }

    /** The sum of the durations so far, ns; any thread. */
    long sumNanos() {
        return (long) COUNTER.getOpaque(counters, SUM_NANOS);
    }
}
