package io.lwp4j.sampler.layout;

import java.util.Map;

/**
 * Java mirror of {@code struct lwp4j_buffer_header} and the buffer constants of
 * {@code native/include/lwp4j.h}; see that header for the ordering protocol. A test checks
 * every value here against the table the C library was compiled with.
 *
 * <pre>
 *   0 +--------------------------------------------------+
 *     | line 0: descriptor (creator, before publication) |  magic .. tsc_hz
 *  64 | line 1: head          producer, store-release    |
 * 128 | line 2: lost          producer, store-release    |  tail_cache, rung_head: producer only
 * 192 | lines 3..6: consumer slot i: position (consumer i, store-release), state (CAS)
 * 448 | reserved                                         |
 *4096 +--------------------------------------------------+
 *     | capacity x 64-byte records                       |
 *     +--------------------------------------------------+
 * </pre>
 */
public final class RingBufferLayout {
    @AbiName("LWP4J_MAGIC")
    public static final int MAGIC = 0x4a50574c;
    @AbiName("LWP4J_ABI_VERSION")
    public static final int ABI_VERSION = 1;
    @AbiName("LWP4J_CACHE_LINE")
    public static final int CACHE_LINE = 64;
    @AbiName("LWP4J_HEADER_SIZE")
    public static final int HEADER_SIZE = 4096;
    @AbiName("LWP4J_RECORD_SIZE")
    public static final int RECORD_SIZE = 64;
    @AbiName("LWP4J_MAX_CONSUMERS")
    public static final int MAX_CONSUMERS = 4;
    @AbiName("LWP4J_MIN_CAPACITY")
    public static final int MIN_CAPACITY = 16;
    @AbiName("LWP4J_MAX_CAPACITY")
    public static final int MAX_CAPACITY = 1 << 24;
    /** Most bytes of buffer mappings, locked or not, by default (lwp4j_set_memory_budget). */
    @AbiName("LWP4J_DEFAULT_MEMORY_BUDGET")
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    @AbiName("LWP4J_BUF_LOCKED")
    public static final int FLAG_LOCKED = 1;
    @AbiName("LWP4J_BUF_UNLOCKED_RLIMIT")
    public static final int FLAG_UNLOCKED_RLIMIT = 1 << 1;
    @AbiName("LWP4J_BUF_UNLOCKED_BUDGET")
    public static final int FLAG_UNLOCKED_BUDGET = 1 << 2;
    @AbiName("LWP4J_BUF_NATIVE_OWNER")
    public static final int FLAG_NATIVE_OWNER = 1 << 3;
    @AbiName("LWP4J_BUF_ORPHAN")
    public static final int FLAG_ORPHAN = 1 << 4;
    @AbiName("LWP4J_BUF_CLOSED")
    public static final int FLAG_CLOSED = 1 << 5;

    @AbiName("LWP4J_CONSUMER_FREE")
    public static final int CONSUMER_FREE = 0;
    @AbiName("LWP4J_CONSUMER_ACTIVE")
    public static final int CONSUMER_ACTIVE = 1;
    @AbiName("LWP4J_CONSUMER_CLAIMING")
    public static final int CONSUMER_CLAIMING = 2;
    /** Slot of the drain pipeline. */
    @AbiName("LWP4J_CONSUMER_DRAIN")
    public static final int CONSUMER_DRAIN = 0;
    /** Slot of the application's own raw poller. */
    @AbiName("LWP4J_CONSUMER_RAW")
    public static final int CONSUMER_RAW = 1;

    @AbiName("header.magic")
    public static final long MAGIC_OFFSET = 0;
    @AbiName("header.abi_version")
    public static final long ABI_VERSION_OFFSET = 4;
    @AbiName("header.header_size")
    public static final long HEADER_SIZE_OFFSET = 8;
    @AbiName("header.record_size")
    public static final long RECORD_SIZE_OFFSET = 12;
    @AbiName("header.capacity")
    public static final long CAPACITY_OFFSET = 16;
    @AbiName("header.owner_tid")
    public static final long OWNER_TID_OFFSET = 24;
    @AbiName("header.flags")
    public static final long FLAGS_OFFSET = 28;
    @AbiName("header.doorbell_fd")
    public static final long DOORBELL_FD_OFFSET = 32;
    @AbiName("header.watermark")
    public static final long WATERMARK_OFFSET = 36;
    @AbiName("header.buffer_id")
    public static final long BUFFER_ID_OFFSET = 40;
    @AbiName("header.tsc_hz")
    public static final long TSC_HZ_OFFSET = 48;
    @AbiName("header.head")
    public static final long HEAD_OFFSET = 64;
    @AbiName("header.lost")
    public static final long LOST_OFFSET = 128;
    @AbiName("header.tail_cache")
    public static final long TAIL_CACHE_OFFSET = 136;
    @AbiName("header.rung_head")
    public static final long RUNG_HEAD_OFFSET = 144;
    @AbiName("header.consumers")
    public static final long CONSUMERS_OFFSET = 192;
    @AbiName("consumer_slot.size")
    public static final long CONSUMER_SLOT_SIZE = 64;
    @AbiName("consumer_slot.position")
    public static final long CONSUMER_POSITION_OFFSET = 0;
    @AbiName("consumer_slot.state")
    public static final long CONSUMER_STATE_OFFSET = 8;

    private RingBufferLayout() {}

    public static long consumerPositionOffset(int slot) {
        return CONSUMERS_OFFSET + slot * CONSUMER_SLOT_SIZE + CONSUMER_POSITION_OFFSET;
    }

    public static long consumerStateOffset(int slot) {
        return CONSUMERS_OFFSET + slot * CONSUMER_SLOT_SIZE + CONSUMER_STATE_OFFSET;
    }

    public static boolean isValidCapacity(long capacity) {
        return capacity >= MIN_CAPACITY && capacity <= MAX_CAPACITY && Long.bitCount(capacity) == 1;
    }

    public static long mappingSize(long capacity) {
        return HEADER_SIZE + capacity * RECORD_SIZE;
    }

    /** Every value above under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        return AbiTable.of(RingBufferLayout.class);
    }
}
