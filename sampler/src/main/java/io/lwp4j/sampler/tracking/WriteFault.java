package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordType;

/**
 * A {@link RecordType#WRITE_FAULT} record: one sync fault as the handler saw it. Times are
 * TSC cycles (nanoseconds when the record's flags say the TSC is unusable).
 *
 * @param tid the thread that wrote
 * @param received when the handler read the fault message
 * @param address the page
 * @param rangeId the tracked range ({@link TrackedRange#id()})
 * @param epoch the range's epoch at the fault
 * @param handleCycles message received to resolve issued: lookup, bitmap, this record. The
 *     record is published while the page is still protected (so the thread cannot run past
 *     its write meanwhile); the un-protect and wake that follow are timed in aggregate by
 *     {@link WriteTracker.Statistics#resolveCycles()} and per step by the {@link WriteFaultCanary}
 * @param idleCycles how long the handler slept before this fault; 0 when it was spinning
 * @param handlerTid the handler thread
 * @param flags {@code WF_*} of {@link io.lwp4j.sampler.layout.WriteTrackingLayout}
 */
public record WriteFault(int tid, long received, long address, long rangeId, long epoch, long handleCycles,
                         long idleCycles, int handlerTid, int flags) {
    /** Decodes a record; throws IllegalArgumentException for another type. */
    public static WriteFault of(RecordView r) {
        Payload.check(r, RecordType.WRITE_FAULT);
        return new WriteFault(r.tid(), r.time(), Payload.u64(r, WRITE_FAULT_ADDRESS),
                Payload.u64(r, WRITE_FAULT_RANGE_ID), Payload.u64(r, WRITE_FAULT_EPOCH),
                Payload.u64(r, WRITE_FAULT_HANDLE_CYCLES), Payload.u64(r, WRITE_FAULT_IDLE_CYCLES),
                Payload.i32(r, WRITE_FAULT_HANDLER_TID), Payload.i32(r, WRITE_FAULT_FLAGS));
    }

    /** A fault on a page already written this epoch: not a first write (an orphan record). */
    public boolean repeat() {
        return (flags & WF_REPEAT) != 0;
    }

    public boolean orphan() {
        return (flags & WF_ORPHAN) != 0;
    }

    /** The handler was asleep and had to be woken for it. */
    public boolean woken() {
        return (flags & WF_WOKEN) != 0;
    }
}
