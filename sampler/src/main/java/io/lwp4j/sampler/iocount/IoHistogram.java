package io.lwp4j.sampler.iocount;

import java.util.Arrays;

/**
 * Counts of durations per bucket of {@link IoHistogramScheme} (schema 4): immutable, holding
 * the buckets from the first non-empty one to the last ({@link #firstIndex()} is the bucket
 * index of {@code counts[0]}).
 */
public final class IoHistogram {
    public static final IoHistogram EMPTY = new IoHistogram(0, new long[0], 0);

    private final int firstIndex;
    private final long[] counts;
    private final long total;

    private IoHistogram(int firstIndex, long[] counts, long total) {
        this.firstIndex = firstIndex;
        this.counts = counts;
        this.total = total;
    }

    /** The histogram of {@code slotCounts[from .. from + BUCKETS)}, slot {@code i} being bucket {@code MIN_INDEX + i}. */
    static IoHistogram ofSlots(long[] slotCounts, int from) {
        int first = -1;
        int last = -1;
        long total = 0;
        for (int i = 0; i < IoHistogramScheme.BUCKETS; i++) {
            long c = slotCounts[from + i];
            if (c == 0) continue;
            if (first < 0) first = i;
            last = i;
            total += c;
        }
        if (first < 0) return EMPTY;
        return new IoHistogram(first + IoHistogramScheme.MIN_INDEX, Arrays.copyOfRange(slotCounts, from + first,
                from + last + 1), total);
    }

    /** A histogram of the given bucket indexes and counts (each index once, counts &gt;= 0). */
    public static IoHistogram of(int[] indexes, long[] bucketCounts) {
        long[] slots = new long[IoHistogramScheme.BUCKETS];
        for (int i = 0; i < indexes.length; i++) {
            int k = indexes[i];
            if (k < IoHistogramScheme.MIN_INDEX || k > IoHistogramScheme.MAX_INDEX) {
                throw new IllegalArgumentException("bucket index " + k + " is outside " + IoHistogramScheme.MIN_INDEX
                        + ".." + IoHistogramScheme.MAX_INDEX);
            }
            if (bucketCounts[i] < 0) throw new IllegalArgumentException("negative count in bucket " + k);
            slots[k - IoHistogramScheme.MIN_INDEX] += bucketCounts[i];
        }
        return ofSlots(slots, 0);
    }

    /** Durations counted. */
    public long count() {
        return total;
    }

    /** Bucket index of {@link #bucketCounts()}[0] (meaningless when empty). */
    public int firstIndex() {
        return firstIndex;
    }

    /** Counts from bucket {@link #firstIndex()} on, up to the last non-empty bucket: a copy. */
    public long[] bucketCounts() {
        return counts.clone();
    }

    /** The count of bucket {@code k}. */
    public long countAt(int k) {
        int i = k - firstIndex;
        return i >= 0 && i < counts.length ? counts[i] : 0;
    }

    /**
     * The duration at {@code percentile} (0 to 100) in ns: the midpoint of the bucket holding the
     * value of rank max(1, ceil(percentile / 100 * count)), the rank HdrHistogram's {@code
     * getValueAtPercentile} uses; 0 when empty.
     */
    public double percentileNanos(double percentile) {
        if (total == 0) return 0;
        double p = Math.min(Math.max(Math.nextDown(percentile), 0), 100);
        long rank = Math.max(1, (long) Math.ceil(p / 100 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return IoHistogramScheme.midpointNanos(firstIndex + i);
        }
        return IoHistogramScheme.midpointNanos(firstIndex + counts.length - 1);
    }

    /** The longest duration, as its bucket's midpoint in ns; 0 when empty. */
    public double maxNanos() {
        return total == 0 ? 0 : IoHistogramScheme.midpointNanos(firstIndex + counts.length - 1);
    }

    /** This histogram with {@code other}'s counts added. */
    public IoHistogram plus(IoHistogram other) {
        return combine(other, 1);
    }

    /**
     * This histogram with {@code earlier}'s counts taken away: the interval between two
     * snapshots of the same cumulative counts.
     *
     * @throws IllegalArgumentException when a bucket of {@code earlier} holds more
     */
    public IoHistogram minus(IoHistogram earlier) {
        return combine(earlier, -1);
    }

    private IoHistogram combine(IoHistogram other, int sign) {
        if (other.total == 0) return this;
        long[] slots = new long[IoHistogramScheme.BUCKETS];
        addTo(slots, 1);
        other.addTo(slots, sign);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] < 0) {
                throw new IllegalArgumentException("bucket " + (i + IoHistogramScheme.MIN_INDEX) + " would go negative");
            }
        }
        return ofSlots(slots, 0);
    }

    private void addTo(long[] slots, int sign) {
        int from = firstIndex - IoHistogramScheme.MIN_INDEX;
        for (int i = 0; i < counts.length; i++) slots[from + i] += sign * counts[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IoHistogram h && h.total == total && (total == 0
                || h.firstIndex == firstIndex && Arrays.equals(h.counts, counts));
    }

    @Override
    public int hashCode() {
        return total == 0 ? 0 : 31 * firstIndex + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return IoHistogramText.encode(this);
    }
}
