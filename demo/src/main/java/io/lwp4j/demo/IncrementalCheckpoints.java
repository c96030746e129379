package io.lwp4j.demo;

import io.lwp4j.sampler.tracking.TrackedRange;
import io.lwp4j.sampler.tracking.WriteTracker;
import io.lwp4j.sampler.tracking.WriteTrackingUnavailableException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;

/**
 * The runtime's incremental checkpoints, what CRIU's pre-dumps and a VM's live migration do:
 * the state table is write-tracked asynchronously (WP_ASYNC + PAGEMAP_SCAN: the kernel marks
 * written pages itself, no thread ever stops), and each checkpoint copies only the pages written
 * since the last one into the checkpoint image, which must then equal the state byte for byte,
 * a check that the tracking missed no write. Each checkpoint's scan is one {@code
 * lwp4j.DirtyPages} record. Where the kernel refuses async tracking, every checkpoint copies
 * the whole table, and one line says why.
 */
final class IncrementalCheckpoints implements AutoCloseable {
    private final MemorySegment state;
    private final MemorySegment image;
    private final WriteTracker tracker;
    private final TrackedRange range;
    private long checkpoints;
    private long pagesCopied;

    private IncrementalCheckpoints(MemorySegment state, MemorySegment image, WriteTracker tracker, TrackedRange range) {
        this.state = state;
        this.image = image;
        this.tracker = tracker;
        this.range = range;
    }

    /** Tracks {@code state} (page aligned) and makes its first, full image in {@code arena}. */
    static IncrementalCheckpoints open(MemorySegment state, Arena arena, PrintStream out) {
        MemorySegment image = arena.allocate(state.byteSize(), JitDemo.PAGE);
        image.copyFrom(state);
        WriteTracker tracker = null;
        TrackedRange range = null;
        try {
            tracker = WriteTracker.open(WriteTracker.Options.async());
            range = tracker.track(state);
        } catch (WriteTrackingUnavailableException e) {
            out.println("lwp4j-demo: async write tracking off (" + e.getMessage() + "): each checkpoint copies the"
                    + " whole state");
        }
        return new IncrementalCheckpoints(state, image, tracker, range);
    }

    long statePages() {
        return state.byteSize() / JitDemo.PAGE;
    }

    /** Copies what changed since the last checkpoint; the image then equals the state. */
    void take() {
        long pages = statePages();
        BitSet changed = range == null ? fullCopy(pages) : range.rearm();
        for (int p = changed.nextSetBit(0); p >= 0; p = changed.nextSetBit(p + 1)) {
            image.asSlice((long) p * JitDemo.PAGE, JitDemo.PAGE).copyFrom(state.asSlice((long) p * JitDemo.PAGE, JitDemo.PAGE));
        }
        long differ = image.mismatch(state);
        if (differ >= 0) {
            throw new IllegalStateException("checkpoint " + (checkpoints + 1) + " differs from the state at page "
                    + differ / JitDemo.PAGE + ": a write the tracking did not report");
        }
        checkpoints++;
        pagesCopied += changed.cardinality();
    }

    private static BitSet fullCopy(long pages) {
        BitSet all = new BitSet();
        all.set(0, (int) pages);
        return all;
    }

    long checkpoints() {
        return checkpoints;
    }

    long pagesCopied() {
        return pagesCopied;
    }

    boolean incremental() {
        return range != null;
    }

    String summary() {
        double perCheckpoint = checkpoints == 0 ? 0 : (double) pagesCopied / checkpoints;
        return String.format("incremental checkpoints: %d of a %d-page state table, %.1f pages changed each"
                        + " (%.0f%% of a full copy), %d pages copied, every image equal to the state%s",
                checkpoints, statePages(), perCheckpoint, 100 * perCheckpoint / statePages(), pagesCopied,
                incremental() ? "" : " (full copies: async tracking off)");
    }

    @Override
    public void close() {
        if (range != null) range.close();
        if (tracker != null) tracker.close();
    }
}
