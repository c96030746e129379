package io.lwp4j.sampler.layout;

/**
 * Java mirror of {@code struct lwp4j_record}: a 16-byte header (type, flags, tid, time) and
 * a 48-byte payload of six little-endian u64 words whose meaning depends on the type. Each
 * record type's payload offsets are in {@link RecordType}'s section of this class. Its constants are printed from
 * lwp4j.h at build time ({@link RecordAbi}, {@code native/src/abi.c}); a test checks them against
 * the table of the library Java loaded.
 */
public final class RecordLayout extends RecordAbi {
    private RecordLayout() {}

    /**
     * The record's first u64 as {@code struct lwp4j_record} lays it out on a little-endian
     * machine: type in bits 0-15, flags in 16-31, tid in 32-63.
     */
    public static long headerWord(int type, int flags, int tid) {
        return (type & 0xffffL) | (flags & 0xffffL) << 16 | (long) tid << 32;
    }

    /** Offset of payload word {@code i} (0..5) within a record. */
    public static long payloadOffset(int i) {
        return PAYLOAD_OFFSET + 8L * i;
    }
}
