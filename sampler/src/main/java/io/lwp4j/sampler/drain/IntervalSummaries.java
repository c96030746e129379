package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.decode.DecodedRecord;
import io.lwp4j.sampler.layout.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Per-interval latency summaries of decoded records, one per record type and
 * {@linkplain DecodedRecord#summaryKey() key}: count, p50, p90, p99, p99.9 and max of
 * {@link DecodedRecord#summaryNanos()}, computed with HdrHistogram (2 significant digits,
 * auto-resizing, so any nanosecond value fits).
 *
 * <p>One thread records ({@link #record}, allocation-free once a key has been seen); any
 * thread may take a type's intervals ({@link #takeIntervals}, serialised). Each key has a
 * {@link SingleWriterRecorder}: the writer records without locks, the reader swaps the
 * active histogram for the one it recycles, so no value is lost or counted twice between
 * intervals.
 */
public final class IntervalSummaries {
    private static final int SIGNIFICANT_DIGITS = 2;

    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, Entry>[] byType = new ConcurrentHashMap[RecordType.values().length];
    private final long[] intervalStartNanos = new long[RecordType.values().length];

    public IntervalSummaries() {
        long now = System.nanoTime();
        for (int i = 0; i < byType.length; i++) {
            byType[i] = new ConcurrentHashMap<>();
            intervalStartNanos[i] = now;
        }
    }

    /** One interval's summary of one type and key. Percentiles and max in nanoseconds. */
    public record Summary(
            RecordType type,
            String key,
            long count,
            long p50,
            long p90,
            long p99,
            long p999,
            long max,
            long intervalNanos) {}

    private static final class Entry {
        final SingleWriterRecorder recorder = new SingleWriterRecorder(SIGNIFICANT_DIGITS);
        Histogram recycled;
    }

    /** Adds the record's summary value, if its type has one. Writer thread only. */
    public void record(DecodedRecord decoded) {
        long nanos = decoded.summaryNanos();
        RecordType type = decoded.type();
        if (nanos < 0 || type == null) return;
        ConcurrentHashMap<String, Entry> keys = byType[type.ordinal()];
        String key = decoded.summaryKey();
        Entry e = keys.get(key);
        if (e == null) {
            e = new Entry();
            keys.put(key, e);
        }
        e.recorder.recordValue(nanos);
    }

    /**
     * Ends the current interval of {@code type}: returns the summary of every key that
     * recorded a value in it, and starts the next.
     */
    public synchronized List<Summary> takeIntervals(RecordType type) {
        long now = System.nanoTime();
        long interval = now - intervalStartNanos[type.ordinal()];
        intervalStartNanos[type.ordinal()] = now;
        List<Summary> out = new ArrayList<>();
        for (var kv : byType[type.ordinal()].entrySet()) {
            Entry e = kv.getValue();
            Histogram h = e.recorder.getIntervalHistogram(e.recycled);
            e.recycled = h;
            long count = h.getTotalCount();
            if (count == 0) continue;
            out.add(new Summary(type, kv.getKey(), count, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), interval));
        }
        return out;
    }
}
