package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordWords;

/**
 * {@code LWP4J_REC_WRITE_FAULT}: the first write of an epoch to a tracked page, as the sync
 * fault handler saw it ({@code struct lwp4j_write_fault_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}). The record's tid is the thread that
 * wrote, its time when the handler received the fault message.
 */
public final class WriteFault extends DecodedRecord implements WriteFaultFlags {
    WriteFault() {}

    /**
     * A copy of one write fault, times as written: TSC cycles (nanoseconds when the record's
     * flags say the TSC is unusable).
     *
     * @param tid the thread that wrote
     * @param received when the handler read the fault message
     * @param address the page
     * @param rangeId the tracked range
     * @param epoch the range's epoch at the fault
     * @param handleCycles message received to resolve issued (see {@link #handleNanos()})
     * @param idleCycles how long the handler slept before this fault; 0 when it was spinning
     * @param handlerTid the handler thread
     * @param faultFlags {@code WF_*} of {@link io.lwp4j.sampler.layout.WriteTrackingLayout}
     */
    public record Value(int tid, long received, long address, long rangeId, long epoch, long handleCycles,
                        long idleCycles, int handlerTid, int faultFlags) implements WriteFaultFlags {}

    /** A copy of this record. */
    public Value toValue() {
        return new Value(tid(), raw.time(), address(), rangeId(), epoch(), recordField(WRITE_FAULT_HANDLE_CYCLES, 8),
                recordField(WRITE_FAULT_IDLE_CYCLES, 8), handlerTid(), faultFlags());
    }

    /** A copy of a record read in place; throws IllegalArgumentException for another type. */
    public static Value valueOf(RecordWords record) {
        return new Decoder().decodeAs(record, WriteFault.class).toValue();
    }

    /** The page written. */
    public long address() {
        return recordField(WRITE_FAULT_ADDRESS, 8);
    }

    /** The tracked range holding the page. */
    public long rangeId() {
        return recordField(WRITE_FAULT_RANGE_ID, 8);
    }

    /** The range's epoch at the fault. */
    public long epoch() {
        return recordField(WRITE_FAULT_EPOCH, 8);
    }

    /**
     * Message received to the resolve issued: lookup, dirty bitmap, this record. The un-protect
     * itself comes after the record is out (the canary times it).
     */
    public long handleNanos() {
        return raw.nanos(recordField(WRITE_FAULT_HANDLE_CYCLES, 8));
    }

    /** How long the handler slept in poll(2) before this message; 0 when it was spinning. */
    public long handlerIdleNanos() {
        return raw.nanos(recordField(WRITE_FAULT_IDLE_CYCLES, 8));
    }

    /** The fault handler thread (gettid). */
    public int handlerTid() {
        return (int) recordField(WRITE_FAULT_HANDLER_TID, 4);
    }

    @Override
    public int faultFlags() {
        return (int) recordField(WRITE_FAULT_FLAGS, 4);
    }

    /** The handle time: what the handler spent on this fault before resolving it. */
    @Override
    public long summaryNanos() {
        return handleNanos();
    }
}
