package io.lwp4j.demo;

import io.lwp4j.sampler.tracking.TrackedRange;
import io.lwp4j.sampler.tracking.WriteTracker;
import io.lwp4j.sampler.tracking.WriteTrackingUnavailableException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;

/** Sync write tracking of the runtime's instance memory, or none where the kernel refuses it. */
final class WriteTrackerOrNone implements AutoCloseable {
    private final WriteTracker tracker;

    private WriteTrackerOrNone(WriteTracker tracker) {
        this.tracker = tracker;
    }

    static WriteTrackerOrNone open(PrintStream out) {
        try {
            return new WriteTrackerOrNone(WriteTracker.open(WriteTracker.Options.sync()));
        } catch (WriteTrackingUnavailableException e) {
            out.println("lwp4j-demo: write tracking off: " + e.getMessage());
            return new WriteTrackerOrNone(null);
        }
    }

    /** The tracked range, or null without tracking. */
    TrackedRange track(MemorySegment segment) {
        return tracker == null ? null : tracker.track(segment);
    }

    @Override
    public void close() {
        if (tracker != null) tracker.close();
    }
}
