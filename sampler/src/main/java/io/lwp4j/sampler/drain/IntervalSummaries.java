package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.decode.DecodedRecord;
import io.lwp4j.sampler.layout.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Per-interval latency summaries of decoded records, one per record type and
 * {@linkplain DecodedRecord#summaryKey() key}: count, p50, p90, p99, p99.9 and max of
 * {@link DecodedRecord#summaryNanos()}, computed with HdrHistogram (2 significant digits,
 * auto-resizing, so any nanosecond value fits).
 *
 * <p>One thread records, in batches: {@link #beginBatch()}, {@link #record} per record,
 * {@link #endBatch()}; allocation-free once a key has been seen. Any thread may take a type's
 * intervals ({@link #takeIntervals}). Each key has two histograms, the active one the writer
 * records into and the inactive one the reader reads; a {@link WriterReaderPhaser} (the
 * protocol of HdrHistogram's own {@code Recorder}, here paid once per batch instead of twice
 * per value) lets the reader swap them and then wait until no batch still writes into the one
 * it swapped out, so no value is lost or counted twice between intervals.
 */
public final class IntervalSummaries {
    private static final int SIGNIFICANT_DIGITS = 2;

    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, Entry>[] byType = new ConcurrentHashMap[RecordType.values().length];
    private final long[] intervalStartNanos = new long[RecordType.values().length];
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private long batchEpoch;

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
        /** Written by the writer inside a batch; swapped by the reader under the phaser. */
        volatile Histogram active = newHistogram();
        Histogram inactive = newHistogram();

        static Histogram newHistogram() {
            Histogram h = new Histogram(SIGNIFICANT_DIGITS);
            h.setAutoResize(true);
            return h;
        }
    }

    /** The writer starts a batch of {@link #record} calls. */
    public void beginBatch() {
        batchEpoch = phaser.writerCriticalSectionEnter();
    }

    /** Adds the record's summary value, if its type has one. Writer thread, inside a batch. */
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
        e.active.recordValue(nanos);
    }

    /** The writer ends its batch. */
    public void endBatch() {
        phaser.writerCriticalSectionExit(batchEpoch);
    }

    /**
     * Ends the current interval of {@code type}: returns the summary of every key that
     * recorded a value in it, and starts the next.
     */
    public List<Summary> takeIntervals(RecordType type) {
        List<Summary> out = new ArrayList<>();
        phaser.readerLock();
        try {
            long now = System.nanoTime();
            long interval = now - intervalStartNanos[type.ordinal()];
            intervalStartNanos[type.ordinal()] = now;
            var entries = byType[type.ordinal()].entrySet();
            for (var kv : entries) {
                Entry e = kv.getValue();
                Histogram ended = e.active;
                e.inactive.reset();
                e.active = e.inactive;
                e.inactive = ended;
            }
            phaser.flipPhase(); // returns once no batch still writes into an ended histogram
            for (var kv : entries) {
                Histogram h = kv.getValue().inactive;
                long count = h.getTotalCount();
                if (count == 0) continue;
                out.add(new Summary(type, kv.getKey(), count, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                        h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), interval));
            }
        } finally {
            phaser.readerUnlock();
        }
        return out;
    }
}
