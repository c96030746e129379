package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordWords;

/**
 * {@code LWP4J_REC_DIRTY_PAGES}: one async (WP_ASYNC + PAGEMAP_SCAN) scan of one tracked
 * range, which ended the range's epoch ({@code struct lwp4j_dirty_pages_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}). The record's tid is the scanning
 * thread, its time when the scan began.
 */
public final class DirtyPages extends DecodedRecord {
    DirtyPages() {}

    /**
     * A copy of one scan.
     *
     * @param tid the thread that scanned
     * @param started when the scan began (TSC cycles, or ns per the record flags)
     * @param rangeId the tracked range
     * @param epoch the epoch the scan ended
     * @param start the range's address
     * @param pages the range's length in pages
     * @param written pages written during the epoch
     * @param scanCycles duration of the PAGEMAP_SCAN ioctl(s)
     */
    public record Value(int tid, long started, long rangeId, long epoch, long start, long pages, long written,
                        long scanCycles) {}

    /** A copy of this record. */
    public Value toValue() {
        return new Value(tid(), raw.time(), rangeId(), epoch(), start(), pages(), pagesWritten(),
                recordField(DIRTY_PAGES_SCAN_CYCLES, 8));
    }

    /** A copy of a record read in place; throws IllegalArgumentException for another type. */
    public static Value valueOf(RecordWords record) {
        return new Decoder().decodeAs(record, DirtyPages.class).toValue();
    }

    public long rangeId() {
        return recordField(DIRTY_PAGES_RANGE_ID, 8);
    }

    /** The epoch the scan ended. */
    public long epoch() {
        return recordField(DIRTY_PAGES_EPOCH, 8);
    }

    /** The range's address. */
    public long start() {
        return recordField(DIRTY_PAGES_START, 8);
    }

    /** The range's length in pages. */
    public long pages() {
        return recordField(DIRTY_PAGES_PAGES, 8);
    }

    /** Pages written during the epoch. */
    public long pagesWritten() {
        return recordField(DIRTY_PAGES_WRITTEN, 8);
    }

    /** Duration of the PAGEMAP_SCAN ioctl(s) for the range. */
    public long scanNanos() {
        return raw.nanos(recordField(DIRTY_PAGES_SCAN_CYCLES, 8));
    }

    @Override
    public long summaryNanos() {
        return scanNanos();
    }
}
