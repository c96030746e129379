package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordType;

/**
 * A {@link RecordType#DIRTY_PAGES} record: one async scan of one range, which ended the
 * range's epoch.
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
public record DirtyPages(int tid, long started, long rangeId, long epoch, long start, long pages, long written,
                         long scanCycles) {
    public static DirtyPages of(RecordView r) {
        Payload.check(r, RecordType.DIRTY_PAGES);
        return new DirtyPages(r.tid(), r.time(), Payload.u64(r, DIRTY_PAGES_RANGE_ID),
                Payload.u64(r, DIRTY_PAGES_EPOCH), Payload.u64(r, DIRTY_PAGES_START),
                Payload.u64(r, DIRTY_PAGES_PAGES), Payload.u64(r, DIRTY_PAGES_WRITTEN),
                Payload.u64(r, DIRTY_PAGES_SCAN_CYCLES));
    }
}
