package io.lwp4j.sampler.decode;

import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;

/**
 * A record read through its type: times in nanoseconds, codes as names. One small subclass
 * per record type owns that type's payload layout, so what a payload word means is written
 * down in exactly one place on the Java side. The record is a drained one or one read in
 * place by a raw poller ({@link RecordWords}); a caller that keeps a record takes a copy with
 * the type's {@code toValue()}.
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
    RecordWords raw;
    /** The same record when it was drained: its thread and drain clock; null when read in place. */
    private DrainedRecord drained;

    DecodedRecord() {}

    final DecodedRecord wrap(RecordWords record, DrainedRecord drainedOrNull) {
        raw = record;
        drained = drainedOrNull;
        return this;
    }

    /** The record as written. */
    public final RecordWords raw() {
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

    /**
     * The Java thread the record is about, when known (see {@link DrainedRecord#thread()});
     * null for a record read in place.
     */
    public final Thread thread() {
        return drained == null ? null : drained.thread();
    }

    /**
     * The record's own time on the {@link System#nanoTime()} clock, which the drainer's clock
     * anchor gives: only for a drained record.
     *
     * @throws IllegalStateException for a record read in place
     */
    public final long timeNanos() {
        if (drained == null) {
            throw new IllegalStateException("a record read in place has no drain clock: use raw().time()");
        }
        return drained.timeNanos();
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

    /** {@link #field} for a mirror that gives offsets within the whole record. */
    final long recordField(long recordOffset, int bytes) {
        return field(recordOffset - RecordLayout.PAYLOAD_OFFSET, bytes);
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
