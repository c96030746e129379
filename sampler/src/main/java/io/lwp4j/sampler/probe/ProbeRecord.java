package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.RecordLayout.*;
import static io.lwp4j.sampler.layout.RingBufferLayout.RECORD_SIZE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.MemorySegment;

/** Reading one probe record out of a copy: the header fields every probe result carries. */
final class ProbeRecord {
    private ProbeRecord() {}

    /** A private copy of the record under the view, checked to be of {@code expected} type. */
    static MemorySegment copyOf(RecordView r, RecordType expected) {
        if (r.type() != expected) {
            throw new IllegalArgumentException("not a " + expected + " record: " + r);
        }
        MemorySegment copy = MemorySegment.ofArray(new long[RECORD_SIZE / Long.BYTES]);
        r.copyTo(copy, 0);
        return copy;
    }

    static int type(MemorySegment rec, long base) {
        return Short.toUnsignedInt(rec.get(JAVA_SHORT_UNALIGNED, base + TYPE_OFFSET));
    }

    static int flags(MemorySegment rec, long base) {
        return Short.toUnsignedInt(rec.get(JAVA_SHORT_UNALIGNED, base + FLAGS_OFFSET));
    }

    static int tid(MemorySegment rec, long base) {
        return rec.get(JAVA_INT_UNALIGNED, base + TID_OFFSET);
    }

    static long time(MemorySegment rec, long base) {
        return rec.get(JAVA_LONG_UNALIGNED, base + TIME_OFFSET);
    }

    static int u16(MemorySegment rec, long base, long payloadOffset) {
        return Short.toUnsignedInt(rec.get(JAVA_SHORT_UNALIGNED, base + PAYLOAD_OFFSET + payloadOffset));
    }

    static long u32(MemorySegment rec, long base, long payloadOffset) {
        return Integer.toUnsignedLong(rec.get(JAVA_INT_UNALIGNED, base + PAYLOAD_OFFSET + payloadOffset));
    }

    static long u64(MemorySegment rec, long base, long payloadOffset) {
        return rec.get(JAVA_LONG_UNALIGNED, base + PAYLOAD_OFFSET + payloadOffset);
    }

    static Timing timing(MemorySegment rec, long base, long payloadOffset) {
        return Timing.read(rec, base + PAYLOAD_OFFSET + payloadOffset, (flags(rec, base) & FLAG_TSC_UNSTABLE) != 0);
    }
}
