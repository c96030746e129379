package io.lwp4j.sampler.tracking;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;

/** Payload fields by their byte offset within the record (the layout mirror's constants). */
final class Payload {
    private Payload() {}

    static void check(RecordView r, RecordType expected) {
        if (r.typeCode() != expected.code()) {
            throw new IllegalArgumentException("record type " + r.typeCode() + " is not " + expected);
        }
    }

    static long u64(RecordView r, long offset) {
        return r.word((int) ((offset - RecordLayout.PAYLOAD_OFFSET) / 8));
    }

    /** A 32-bit field: the low or high half of its little-endian word. */
    static int i32(RecordView r, long offset) {
        long w = u64(r, offset & ~7L);
        return (int) ((offset & 4) == 0 ? w : w >>> 32);
    }
}
