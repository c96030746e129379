package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

/**
 * {@code LWP4J_REC_WRITE_FAULT}: the first write of an epoch to a tracked page, as the sync
 * fault handler saw it ({@code struct lwp4j_write_fault_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}). The record's tid is the thread that
 * wrote, its time when the handler received the fault message.
 */
public final class WriteFault extends DecodedRecord {
    WriteFault() {}

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

    /** {@code LWP4J_WF_*}: orphan, repeat, woken. */
    public int faultFlags() {
        return (int) recordField(WRITE_FAULT_FLAGS, 4);
    }

    /** The thread had no buffer: the record came through the orphan buffer. */
    public boolean isOrphan() {
        return (faultFlags() & WF_ORPHAN) != 0;
    }

    /** The page was already written this epoch (threads raced on it): not a first write. */
    public boolean isRepeat() {
        return (faultFlags() & WF_REPEAT) != 0;
    }

    /** The handler was asleep and had to be woken for it. */
    public boolean handlerWasWoken() {
        return (faultFlags() & WF_WOKEN) != 0;
    }

    /** The handle time: what the handler spent on this fault before resolving it. */
    @Override
    public long summaryNanos() {
        return handleNanos();
    }
}
