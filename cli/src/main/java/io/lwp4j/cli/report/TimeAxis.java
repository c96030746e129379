package io.lwp4j.cli.report;

/**
 * The shared time axis of every over-time chart: the span of the recording's lwp4j events cut
 * into at most {@code maxBuckets} buckets of a round width (1, 2 or 5 times a power of ten
 * milliseconds, or whole seconds and minutes), so that charts of different kinds line up.
 */
public record TimeAxis(long startEpochNanos, long bucketNanos, int buckets) {

    private static final long[] ROUND_WIDTHS_NANOS = roundWidths();

    public static TimeAxis covering(long firstEpochNanos, long lastEpochNanos, int maxBuckets) {
        long span = Math.max(1, lastEpochNanos - firstEpochNanos + 1);
        for (long width : ROUND_WIDTHS_NANOS) {
            long buckets = (span + width - 1) / width;
            if (buckets <= maxBuckets) return new TimeAxis(firstEpochNanos, width, (int) buckets);
        }
        long width = (span + maxBuckets - 1) / maxBuckets;
        return new TimeAxis(firstEpochNanos, width, (int) ((span + width - 1) / width));
    }

    public int bucketOf(long epochNanos) {
        long bucket = (epochNanos - startEpochNanos) / bucketNanos;
        return (int) Math.max(0, Math.min(buckets - 1, bucket));
    }

    /** The span of the axis in nanoseconds. */
    public long spanNanos() {
        return bucketNanos * buckets;
    }

    private static long[] roundWidths() {
        long ms = 1_000_000L;
        long s = 1_000 * ms;
        return new long[] {
            ms, 2 * ms, 5 * ms, 10 * ms, 20 * ms, 50 * ms, 100 * ms, 200 * ms, 500 * ms,
            s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s, 60 * s, 120 * s, 300 * s, 600 * s, 900 * s, 1800 * s,
            3600 * s, 7200 * s, 6 * 3600 * s, 12 * 3600 * s, 24 * 3600 * s
        };
    }
}
