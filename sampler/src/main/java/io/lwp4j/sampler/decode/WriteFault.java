package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_WRITE_FAULT}: the first write of an epoch to a tracked page, as the sync
 * fault handler saw it ({@code struct lwp4j_write_fault_payload}). The record's tid is the
 * thread that wrote, its time when the handler received the fault message.
 */
public final class WriteFault extends DecodedRecord {
    /** {@code LWP4J_WF_ORPHAN}: the thread had no buffer; the record is in the orphan buffer. */
    public static final int ORPHAN = 1;
    /** {@code LWP4J_WF_REPEAT}: the page was already written this epoch (threads raced on it). */
    public static final int REPEAT = 1 << 1;
    /** {@code LWP4J_WF_WOKEN}: the handler was asleep and had to be woken for it. */
    public static final int WOKEN = 1 << 2;

    WriteFault() {}

    /** The page written. */
    public long address() {
        return raw.word(0);
    }

    /** The tracked range holding the page. */
    public long rangeId() {
        return raw.word(1);
    }

    /** The range's epoch at the fault. */
    public long epoch() {
        return raw.word(2);
    }

    /** Message received to page writable (the thread is woken right after). */
    public long resolveNanos() {
        return raw.nanos(raw.word(3));
    }

    /** How long the handler slept in poll(2) before this message; 0 when it was spinning. */
    public long handlerIdleNanos() {
        return raw.nanos(raw.word(4));
    }

    /** The fault handler thread (gettid). */
    public int handlerTid() {
        return (int) raw.word(5);
    }

    /** {@link #ORPHAN}, {@link #REPEAT}, {@link #WOKEN}. */
    public int faultFlags() {
        return (int) (raw.word(5) >>> 32);
    }

    public boolean isOrphan() {
        return (faultFlags() & ORPHAN) != 0;
    }

    public boolean isRepeat() {
        return (faultFlags() & REPEAT) != 0;
    }

    public boolean handlerWasWoken() {
        return (faultFlags() & WOKEN) != 0;
    }

    /** The resolve time: what the handler spent on this fault. */
    @Override
    public long summaryNanos() {
        return resolveNanos();
    }
}
