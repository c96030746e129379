package io.lwp4j.sampler.tracking;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * A page-aligned segment tracked by a {@link WriteTracker}. Pages are numbered from 0 at
 * {@link #address()}; bit i of a returned {@link BitSet} is page i. Holding this object
 * keeps the segment (and an automatic arena's memory) reachable while it is tracked.
 */
public final class TrackedRange implements AutoCloseable {
    /** The page size userfaultfd protects at. */
    public static final long PAGE_SIZE = 4096;

    private final WriteTracker tracker;
    private final long id;
    private final MemorySegment segment;

    TrackedRange(WriteTracker tracker, long id, MemorySegment segment) {
        this.tracker = tracker;
        this.id = id;
        this.segment = segment;
    }

    /** The range id in this range's records (process-wide, never reused). */
    public long id() {
        return id;
    }

    public MemorySegment segment() {
        return segment;
    }

    public long address() {
        return segment.address();
    }

    public long pages() {
        return segment.byteSize() / PAGE_SIZE;
    }

    /** The current epoch: 1 after {@link WriteTracker#track}, +1 at each rearm. */
    public long epoch() {
        return tracker.epoch(this);
    }

    /**
     * Ends the current epoch and starts the next: returns the pages written during the one
     * that ended, and protects them again. Every write belongs to exactly one epoch.
     */
    public BitSet rearm() {
        return tracker.pagesWritten(this, true);
    }

    /** The pages written so far in the current epoch, which goes on. */
    public BitSet dirtyPages() {
        return tracker.pagesWritten(this, false);
    }

    /** Stops tracking: the range becomes writable, nobody stays blocked on it. Idempotent. */
    @Override
    public void close() {
        tracker.untrack(this);
    }

    @Override
    public String toString() {
        return "TrackedRange[id=" + id + ", 0x" + Long.toHexString(address()) + " +" + pages() + " pages]";
    }
}
