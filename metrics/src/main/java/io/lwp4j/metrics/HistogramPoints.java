package io.lwp4j.metrics;

import io.lwp4j.sampler.iocount.IoHistogram;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

/**
 * lwp4j's bucket counts as one Prometheus histogram data point, in seconds, with nothing
 * observed again and nothing estimated:
 * <ul>
 *   <li><b>native</b>: schema {@value IoHistogramScheme#SCHEMA}, lwp4j's buckets as they are
 *       (they are the same buckets); its lowest bucket, every duration up to 8 ns, is the zero
 *       bucket, its threshold that bucket's bound;
 *   <li><b>classic</b>: every 16th of those bounds, the powers of two from 2<sup>{@value
 *       #FIRST_CLASSIC_POWER}</sup> s (60 ns) to 2<sup>{@value #LAST_CLASSIC_POWER}</sup> s, and
 *       +Inf; each classic bucket is exactly the sum of the native buckets under its bound.
 * </ul>
 * The text format carries the classic buckets, the protobuf format both; count and sum are
 * lwp4j's. The highest lwp4j bucket holds every duration past 2<sup>114/16</sup> s (about 140
 * s): as a native bucket it says 140 to 146 s; the classic +Inf bucket says it right.
 */
final class HistogramPoints {
    static final int FIRST_CLASSIC_POWER = -24;
    static final int LAST_CLASSIC_POWER = 6;
    private static final double[] CLASSIC_BOUNDS = classicBounds();
    private static final double ZERO_THRESHOLD_SECONDS = IoHistogramScheme.upperBoundSeconds(IoHistogramScheme.MIN_INDEX);

    private HistogramPoints() {}

    private static double[] classicBounds() {
        double[] b = new double[LAST_CLASSIC_POWER - FIRST_CLASSIC_POWER + 2];
        for (int e = FIRST_CLASSIC_POWER; e <= LAST_CLASSIC_POWER; e++) {
            b[e - FIRST_CLASSIC_POWER] = IoHistogramScheme.upperBoundSeconds(16 * e);
        }
        b[b.length - 1] = Double.POSITIVE_INFINITY;
        return b;
    }

    /** The data point of {@code durations}, whose durations add up to {@code sumNanos}. */
    static HistogramDataPointSnapshot of(IoHistogram durations, long sumNanos, Labels labels) {
        long[] counts = durations.bucketCounts();
        int first = durations.firstIndex();
        long[] classic = new long[CLASSIC_BOUNDS.length];
        long zeroCount = 0;
        NativeHistogramBuckets.Builder positive = NativeHistogramBuckets.builder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            int k = first + i;
            if (k == IoHistogramScheme.MIN_INDEX) zeroCount = counts[i];
            else positive.bucket(k, counts[i]);
            classic[classicBucket(k)] += counts[i];
        }
        return HistogramDataPointSnapshot.builder()
                .labels(labels)
                .sum(sumNanos / 1e9)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(CLASSIC_BOUNDS, classic))
                .nativeSchema(IoHistogramScheme.SCHEMA)
                .nativeZeroCount(zeroCount)
                .nativeZeroThreshold(ZERO_THRESHOLD_SECONDS)
                .nativeBucketsForPositiveValues(positive.build())
                .build();
    }

    /** The classic bucket holding lwp4j bucket {@code k}: bound 2^e holds every k <= 16 e. */
    static int classicBucket(int k) {
        int e = Math.floorDiv(k + 15, 16);   // the least e with 16 e >= k
        return Math.min(Math.max(e, FIRST_CLASSIC_POWER), LAST_CLASSIC_POWER + 1) - FIRST_CLASSIC_POWER;
    }
}
