package io.lwp4j.cli.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latencies of one timespan field for one group of events: an HdrHistogram over the whole
 * recording (three significant digits) for percentiles, exact count, minimum, maximum and sum,
 * and a coarser histogram (two digits) per time bucket for percentiles over time.
 */
public final class LatencyStatistics {
    /** The percentiles the report shows, in percent. */
    public static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Histogram histogram = new Histogram(3);
    private final Histogram[] perBucket;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long sum;
    private long unmeasurable;

    LatencyStatistics(int buckets) {
        perBucket = new Histogram[buckets];
    }

    void record(long nanos, int bucket) {
        histogram.recordValue(nanos);
        Histogram h = perBucket[bucket];
        if (h == null) perBucket[bucket] = h = new Histogram(2);
        h.recordValue(nanos);
        count++;
        min = Math.min(min, nanos);
        max = Math.max(max, nanos);
        sum = saturatingAdd(sum, nanos);
    }

    /** A value JFR could not express in nanoseconds (negative, or "infinite"): counted, not charted. */
    void recordUnmeasurable() {
        unmeasurable++;
    }

    public long count() {
        return count;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public long mean() {
        return count == 0 ? 0 : Math.round((double) sum / count);
    }

    public long unmeasurable() {
        return unmeasurable;
    }

    /** HdrHistogram's value at {@code percent} (nearest rank, within 0.1 %). */
    public long percentile(double percent) {
        return histogram.getValueAtPercentile(percent);
    }

    /** The value at {@code percent} among the events of one time bucket, or -1 when it had none. */
    public long percentileInBucket(int bucket, double percent) {
        Histogram h = perBucket[bucket];
        return h == null ? -1 : h.getValueAtPercentile(percent);
    }

    /** The largest value of one time bucket, or -1 when it had none. */
    public long maxInBucket(int bucket) {
        Histogram h = perBucket[bucket];
        return h == null ? -1 : h.getMaxValue();
    }

    /**
     * Counts per bin, bins given by their lower edges (ascending, the last one open-ended);
     * values below the first edge fall into the first bin. The counts add up to {@link #count()}.
     */
    public long[] countsPerBin(long[] lowerEdges) {
        long[] counts = new long[lowerEdges.length];
        for (HistogramIterationValue v : histogram.recordedValues()) {
            long value = v.getValueIteratedTo();
            int bin = 0;
            while (bin + 1 < lowerEdges.length && value >= lowerEdges[bin + 1]) bin++;
            counts[bin] += v.getCountAtValueIteratedTo();
        }
        return counts;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
