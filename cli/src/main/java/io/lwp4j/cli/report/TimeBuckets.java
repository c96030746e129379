package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Values of one series over the recording in at most {@link #MAX_BUCKETS} time buckets, read in
 * one pass without knowing the recording's length: buckets start {@code width} wide from the
 * recording's start and, when a value falls past the last one, neighbours merge two by two and
 * the width doubles. Merging is exact for what the report keeps per bucket (bucket counts,
 * histograms, sums), so the result equals bucketing at the final width directly.
 *
 * @param <T> what a bucket holds
 */
final class TimeBuckets<T> {
    static final int MAX_BUCKETS = 120;

    private final long originNanos;
    private long widthNanos;
    private final Supplier<T> empty;
    private final BiConsumer<T, T> mergeInto;
    private final List<T> buckets = new ArrayList<>();

    TimeBuckets(long originEpochNanos, long initialWidthNanos, Supplier<T> empty, BiConsumer<T, T> mergeInto) {
        this.originNanos = originEpochNanos;
        this.widthNanos = Math.max(1, initialWidthNanos);
        this.empty = empty;
        this.mergeInto = mergeInto;
    }

    /** The bucket of a time (epoch ns); times before the origin go to the first bucket. */
    T at(long epochNanos) {
        long index = Math.max(0, (epochNanos - originNanos) / widthNanos);
        while (index >= MAX_BUCKETS) {
            halve();
            index = Math.max(0, (epochNanos - originNanos) / widthNanos);
        }
        while (buckets.size() <= index) buckets.add(empty.get());
        return buckets.get((int) index);
    }

    private void halve() {
        List<T> merged = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i += 2) {
            T into = buckets.get(i);
            if (i + 1 < buckets.size()) mergeInto.accept(into, buckets.get(i + 1));
            merged.add(into);
        }
        buckets.clear();
        buckets.addAll(merged);
        widthNanos *= 2;
    }

    /** Merges buckets until they are {@code width} wide, so series of one chart line up. */
    void widenTo(long width) {
        while (widthNanos < width) halve();
    }

    long widthNanos() {
        return widthNanos;
    }

    List<T> buckets() {
        return buckets;
    }

    /** The width to start with so that a recording of {@code spanNanos} needs no merging: a round one. */
    static long initialWidth(long spanNanos) {
        long second = 1_000_000_000L;
        long width = second;
        while (spanNanos / width >= MAX_BUCKETS / 2) width *= 2;
        return width;
    }
}
