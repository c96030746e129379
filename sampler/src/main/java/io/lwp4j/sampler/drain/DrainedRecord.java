package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;

/**
 * One record as its producer wrote it, copied out of its ring buffer by the drainer, with
 * where it came from and what is needed to read its times in nanoseconds.
 *
 * <p>Instances are the preallocated events of the drain pipeline's Disruptor ring: a handler
 * sees one only during its callback and must copy what it keeps. Read-only to handlers; the
 * drainer fills it before publishing the slot (the Disruptor's publish is the release that
 * makes these plain fields visible to the handler threads). The payload is held in six
 * fields, not an array, so a slot is one object: the drainer's copy and each handler's read
 * touch one place in memory.
 */
public final class DrainedRecord {
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
    private long bufferId;
    private long position;
    private int ownerTid;
    private Thread owner;
    private long tscHz;
    private double nanosPerCycle;
    private long timeNanos;
    /** This slot carries {@link #lostNotice} instead of a record. */
    boolean isLostNotice;
    /** The lost notice of this slot, allocated with it, filled only for notices. */
    final RecordsLost lostNotice = new RecordsLost();

    DrainedRecord() {}

    /** Copies the record under {@code view}; {@code clock} converts its time. */
    void copyFrom(RecordView view, BufferCursor source, ClockAnchor clock) {
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
        bufferId = source.bufferId();
        ownerTid = source.ownerTid();
        owner = source.owner();
        tscHz = source.tscHz();
        nanosPerCycle = source.nanosPerCycle();
        timeNanos = (flags & RecordLayout.FLAG_TIME_NS) != 0 || tscHz == 0
                ? time
                : clock.toNanoTime(time, nanosPerCycle);
    }

    /** {@code LWP4J_REC_*} as written. */
    public int typeCode() {
        return typeCode;
    }

    /** The record type, or null for a type code this build does not know. */
    public RecordType type() {
        return RecordType.of(typeCode);
    }

    /** {@code LWP4J_REC_TIME_NS}, {@code LWP4J_REC_TSC_UNSTABLE}, ... as written. */
    public int flags() {
        return flags;
    }

    /** Thread (gettid) the record is about. */
    public int tid() {
        return tid;
    }

    /** Time as written: TSC cycles, or CLOCK_MONOTONIC ns when {@link #flags()} says so. */
    public long time() {
        return time;
    }

    /** Payload word {@code i} (0..5) as written. */
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
        return bufferId;
    }

    /** Position (free-running index) of the record in its buffer. */
    public long position() {
        return position;
    }

    /** Owner thread id of that buffer (0 for the orphan buffer). */
    public int bufferOwnerTid() {
        return ownerTid;
    }

    /**
     * The Java thread the record is about, when it is the Java thread owning the buffer;
     * null for native sampler threads, the orphan buffer and records about other threads.
     */
    public Thread thread() {
        return tid == ownerTid ? owner : null;
    }

    /** TSC frequency the record's cycle counts run at; 0 when they are nanoseconds. */
    public long tscHz() {
        return tscHz;
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
    public long nanos(long cycles) {
        if ((flags & RecordLayout.FLAG_TSC_UNSTABLE) != 0 || tscHz == 0) return cycles;
        return (long) (cycles * nanosPerCycle);
    }

    @Override
    public String toString() {
        return "DrainedRecord[type=" + typeCode + ", tid=" + tid + ", buffer=" + bufferId + ", position=" + position + "]";
    }
}
