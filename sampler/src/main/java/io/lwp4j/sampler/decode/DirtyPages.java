package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_DIRTY_PAGES}: one async (WP_ASYNC + PAGEMAP_SCAN) scan of one tracked
 * range, which ended the range's epoch ({@code struct lwp4j_dirty_pages_payload}). The
 * record's tid is the scanning thread, its time when the scan began.
 */
public final class DirtyPages extends DecodedRecord {
    DirtyPages() {}

    public long rangeId() {
        return raw.word(0);
    }

    /** The epoch the scan ended. */
    public long epoch() {
        return raw.word(1);
    }

    /** The range's address. */
    public long start() {
        return raw.word(2);
    }

    /** The range's length in pages. */
    public long pages() {
        return raw.word(3);
    }

    /** Pages written during the epoch. */
    public long pagesWritten() {
        return raw.word(4);
    }

    /** Duration of the PAGEMAP_SCAN ioctl(s) for the range. */
    public long scanNanos() {
        return raw.nanos(raw.word(5));
    }

    @Override
    public long summaryNanos() {
        return scanNanos();
    }
}
