package io.lwp4j.sampler.decode;

import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;

/**
 * A drained record read through its type: times in nanoseconds, codes as names. One small
 * subclass per record type owns that type's payload layout, so what a payload word means
 * is written down in exactly one place on the Java side.
 *
 * <p>Instances are flyweights a {@link Decoder} re-points at each record: valid until the
 * next {@code decode} call on the same decoder, never shared between threads. Use pattern
 * matching to reach a type's fields:
 *
 * <pre>{@code
 * if (decoded instanceof UserRecord u) counter.add(u.sequence());
 * }</pre>
 */
public abstract sealed class DecodedRecord permits WriteFault, DirtyPages, WriteFaultProbe, TimedProbe, Syscall, UserRecord, UndecodedRecord {
    DrainedRecord raw;

    DecodedRecord() {}

    final DecodedRecord wrap(DrainedRecord record) {
        raw = record;
        return this;
    }

    /** The record as written. */
    public final DrainedRecord raw() {
        return raw;
    }

    /** The record type, or null for a type code this build does not know. */
    public final RecordType type() {
        return raw.type();
    }

    /** Thread (gettid) the record is about. */
    public final int tid() {
        return raw.tid();
    }

    /** The Java thread the record is about, when known (see {@link DrainedRecord#thread()}). */
    public final Thread thread() {
        return raw.thread();
    }

    /** The record's own time on the {@link System#nanoTime()} clock. */
    public final long timeNanos() {
        return raw.timeNanos();
    }

    /**
     * The unsigned field of {@code bytes} (1, 2, 4 or 8) at {@code payloadOffset} within the
     * payload, as a layout mirror gives it: payload words are little-endian, so a narrower
     * field is a bit range of its word.
     */
    final long field(long payloadOffset, int bytes) {
        long word = raw.word((int) (payloadOffset >>> 3));
        if (bytes == Long.BYTES) return word;
        return (word >>> ((payloadOffset & 7) * 8)) & ((1L << (bytes * 8)) - 1);
    }

    /**
     * Which of the type's summaries this record falls in (say, the I/O operation), "" when
     * the type has one summary.
     */
    public String summaryKey() {
        return "";
    }

    /**
     * The duration this type's periodic summary is made of, in nanoseconds; negative when the
     * record type has no summary or this record carries no duration (a failed probe).
     */
    public long summaryNanos() {
        return -1;
    }
}
