package io.lwp4j.cli.report;

import java.util.Arrays;

/**
 * The values of one numeric, non-timespan field for one group of events (bytes, counts,
 * fractions): count, minimum, maximum, sum, the value of the latest event, and the largest
 * value, mean and sum per time bucket.
 */
public final class QuantityStatistics {
    private final double[] maxPerBucket;
    private final double[] sumPerBucket;
    private final long[] countPerBucket;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private double last;
    private long lastEpochNanos = Long.MIN_VALUE;

    QuantityStatistics(int buckets) {
        maxPerBucket = new double[buckets];
        Arrays.fill(maxPerBucket, Double.NEGATIVE_INFINITY);
        sumPerBucket = new double[buckets];
        countPerBucket = new long[buckets];
    }

    void record(double value, long epochNanos, int bucket) {
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        if (epochNanos >= lastEpochNanos) {
            last = value;
            lastEpochNanos = epochNanos;
        }
        maxPerBucket[bucket] = Math.max(maxPerBucket[bucket], value);
        sumPerBucket[bucket] += value;
        countPerBucket[bucket]++;
    }

    public long count() {
        return count;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double sum() {
        return sum;
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The value of the event with the latest start time. */
    public double last() {
        return last;
    }

    public boolean hasBucket(int bucket) {
        return countPerBucket[bucket] > 0;
    }

    public double maxInBucket(int bucket) {
        return maxPerBucket[bucket];
    }

    public double sumInBucket(int bucket) {
        return sumPerBucket[bucket];
    }

    public double meanInBucket(int bucket) {
        return sumPerBucket[bucket] / countPerBucket[bucket];
    }
}
