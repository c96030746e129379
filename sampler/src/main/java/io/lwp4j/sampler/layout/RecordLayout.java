package io.lwp4j.sampler.layout;

import java.util.Map;

/**
 * Java mirror of {@code struct lwp4j_record}: a 16-byte header (type, flags, tid, time) and
 * a 48-byte payload of six little-endian u64 words whose meaning depends on the type. Each
 * record type's payload offsets are in {@link RecordType}'s section of this class.
 */
public final class RecordLayout {
    @AbiName("record.type")
    public static final long TYPE_OFFSET = 0;
    @AbiName("record.flags")
    public static final long FLAGS_OFFSET = 2;
    @AbiName("record.tid")
    public static final long TID_OFFSET = 4;
    @AbiName("record.time")
    public static final long TIME_OFFSET = 8;
    @AbiName("record.u")
    public static final long PAYLOAD_OFFSET = 16;
    public static final int PAYLOAD_WORDS = 6;

    /** {@code time} is CLOCK_MONOTONIC nanoseconds, not TSC cycles. */
    @AbiName("LWP4J_REC_TIME_NS")
    public static final int FLAG_TIME_NS = 1;
    /** The TSC was unusable: cycle fields hold nanoseconds. */
    @AbiName("LWP4J_REC_TSC_UNSTABLE")
    public static final int FLAG_TSC_UNSTABLE = 1 << 1;

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

    /** Every value above and in {@link RecordType} under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        Map<String, Long> m = AbiTable.of(RecordLayout.class);
        for (RecordType t : RecordType.values()) {
            m.put(t.cName(), (long) t.code());
        }
        m.put("LWP4J_REC_TYPE_MAX", (long) RecordType.MAX_CODE);
        return m;
    }
}
