package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.layout.RecordLayout;

/**
 * One record as its producer wrote it, copied out of its ring buffer by the drainer, with
 * where it came from and what is needed to read its times in nanoseconds.
 *
 * <p>Instances are the preallocated events of the drain pipeline's Disruptor ring: a handler
 * sees one only during its callback and must copy what it keeps. Read-only to handlers; the
 * drainer fills it before publishing the slot (the Disruptor's publish is the release that
 * makes these plain fields visible to the handler threads). A slot is one small object (about
 * two cache lines: the payload in six fields, not an array; what is per buffer in a shared
 * object), so the drainer's copy and each handler's read touch as little memory as possible.
 */
public final class DrainedRecord implements RecordWords {
    private int typeCode;
    private int flags;
    private int tid;
    private long time;
    private long word0;
    private long word1;
    private long word2;
    private long word3;
    private long word4;
    private long word5;
    private long position;
    private long timeNanos;
    /** The buffer's id, owner and clock, shared by all its records. */
    private BufferSource source;
    /** What this slot carries: a record, a lost notice (see {@link RecordsLost}), or nothing. */
    byte kind;
    static final byte RECORD = 0;
    static final byte LOST_NOTICE = 1;
    /** Claimed but never filled: the buffer was freed while the drainer read it. Skipped. */
    static final byte VOID = 2;

    DrainedRecord() {}

    /** Copies the record under {@code view}; {@code clock} converts its time. */
    void copyFrom(RecordView view, BufferSource from, ClockAnchor clock) {
        kind = RECORD;
        source = from;
        typeCode = view.typeCode();
        flags = view.flags();
        tid = view.tid();
        time = view.time();
        word0 = view.word(0);
        word1 = view.word(1);
        word2 = view.word(2);
        word3 = view.word(3);
        word4 = view.word(4);
        word5 = view.word(5);
        position = view.position();
        timeNanos = (flags & RecordLayout.FLAG_TIME_NS) != 0 || from.tscHz() == 0
                ? time
                : clock.toNanoTime(time, from.nanosPerCycle());
    }

    /** Makes this slot a lost notice: {@code lost} more records dropped, {@code lostTotal} in all. */
    void setLostNotice(BufferSource from, long lost, long lostTotal) {
        kind = LOST_NOTICE;
        source = from;
        word0 = lost;
        word1 = lostTotal;
    }

    BufferSource source() {
        return source;
    }

    /** {@code LWP4J_REC_*} as written. */
    @Override
    public int typeCode() {
        return typeCode;
    }

    /** {@code LWP4J_REC_TIME_NS}, {@code LWP4J_REC_TSC_UNSTABLE}, ... as written. */
    @Override
    public int flags() {
        return flags;
    }

    /** Thread (gettid) the record is about. */
    @Override
    public int tid() {
        return tid;
    }

    /** Time as written: TSC cycles, or CLOCK_MONOTONIC ns when {@link #flags()} says so. */
    @Override
    public long time() {
        return time;
    }

    /** Payload word {@code i} (0..5) as written. */
    @Override
    public long word(int i) {
        return switch (i) {
            case 0 -> word0;
            case 1 -> word1;
            case 2 -> word2;
            case 3 -> word3;
            case 4 -> word4;
            case 5 -> word5;
            default -> throw new IndexOutOfBoundsException("payload word " + i + " of " + RecordLayout.PAYLOAD_WORDS);
        };
    }

    /** Id of the buffer the record came from (unique per process, never reused). */
    public long bufferId() {
        return source.bufferId();
    }

    /** Position (free-running index) of the record in its buffer. */
    public long position() {
        return position;
    }

    /** Owner thread id of that buffer (0 for the orphan buffer). */
    public int bufferOwnerTid() {
        return source.ownerTid();
    }

    /**
     * The Java thread the record is about, when it is the Java thread owning the buffer;
     * null for native sampler threads, the orphan buffer and records about other threads.
     */
    public Thread thread() {
        return tid == source.ownerTid() ? source.owner() : null;
    }

    /** TSC frequency the record's cycle counts run at; 0 when they are nanoseconds. */
    @Override
    public long tscHz() {
        return source.tscHz();
    }

    /** The record's time on the {@link System#nanoTime()} clock (CLOCK_MONOTONIC). */
    public long timeNanos() {
        return timeNanos;
    }

    /**
     * A duration field of this record in nanoseconds: TSC cycles converted with the
     * calibrated frequency, or the value itself when the record says the TSC was unusable
     * ({@code LWP4J_REC_TSC_UNSTABLE}: cycle fields hold nanoseconds).
     */
    @Override
    public long nanos(long cycles) {
        if ((flags & RecordLayout.FLAG_TSC_UNSTABLE) != 0 || source.tscHz() == 0) return cycles;
        return (long) (cycles * source.nanosPerCycle());
    }

    @Override
    public String toString() {
        return "DrainedRecord[type=" + typeCode + ", tid=" + tid + ", buffer=" + bufferId() + ", position=" + position
                + "]";
    }
}
