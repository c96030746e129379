package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

/**
 * {@code LWP4J_REC_DIRTY_PAGES}: one async (WP_ASYNC + PAGEMAP_SCAN) scan of one tracked
 * range, which ended the range's epoch ({@code struct lwp4j_dirty_pages_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}). The record's tid is the scanning
 * thread, its time when the scan began.
 */
public final class DirtyPages extends DecodedRecord {
    DirtyPages() {}

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
