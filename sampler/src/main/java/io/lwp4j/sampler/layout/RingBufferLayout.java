package io.lwp4j.sampler.layout;

import java.util.LinkedHashMap;
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
    public static final int MAGIC = 0x4a50574c;
    public static final int ABI_VERSION = 1;
    public static final int CACHE_LINE = 64;
    public static final int HEADER_SIZE = 4096;
    public static final int RECORD_SIZE = 64;
    public static final int MAX_CONSUMERS = 4;
    public static final int MIN_CAPACITY = 16;
    public static final int MAX_CAPACITY = 1 << 24;
    /** Most bytes of buffer mappings, locked or not, by default (lwp4j_set_memory_budget). */
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    public static final int FLAG_LOCKED = 1;
    public static final int FLAG_UNLOCKED_RLIMIT = 1 << 1;
    public static final int FLAG_UNLOCKED_BUDGET = 1 << 2;
    public static final int FLAG_NATIVE_OWNER = 1 << 3;
    public static final int FLAG_ORPHAN = 1 << 4;
    public static final int FLAG_CLOSED = 1 << 5;

    public static final int CONSUMER_FREE = 0;
    public static final int CONSUMER_ACTIVE = 1;
    public static final int CONSUMER_CLAIMING = 2;
    /** Slot of the drain pipeline. */
    public static final int CONSUMER_DRAIN = 0;
    /** Slot of the application's own raw poller. */
    public static final int CONSUMER_RAW = 1;

    public static final long MAGIC_OFFSET = 0;
    public static final long ABI_VERSION_OFFSET = 4;
    public static final long HEADER_SIZE_OFFSET = 8;
    public static final long RECORD_SIZE_OFFSET = 12;
    public static final long CAPACITY_OFFSET = 16;
    public static final long OWNER_TID_OFFSET = 24;
    public static final long FLAGS_OFFSET = 28;
    public static final long DOORBELL_FD_OFFSET = 32;
    public static final long WATERMARK_OFFSET = 36;
    public static final long BUFFER_ID_OFFSET = 40;
    public static final long TSC_HZ_OFFSET = 48;
    public static final long HEAD_OFFSET = 64;
    public static final long LOST_OFFSET = 128;
    public static final long TAIL_CACHE_OFFSET = 136;
    public static final long RUNG_HEAD_OFFSET = 144;
    public static final long CONSUMERS_OFFSET = 192;
    public static final long CONSUMER_SLOT_SIZE = 64;
    public static final long CONSUMER_POSITION_OFFSET = 0;
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
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("LWP4J_MAGIC", (long) MAGIC);
        m.put("LWP4J_ABI_VERSION", (long) ABI_VERSION);
        m.put("LWP4J_CACHE_LINE", (long) CACHE_LINE);
        m.put("LWP4J_HEADER_SIZE", (long) HEADER_SIZE);
        m.put("LWP4J_RECORD_SIZE", (long) RECORD_SIZE);
        m.put("LWP4J_MAX_CONSUMERS", (long) MAX_CONSUMERS);
        m.put("LWP4J_MIN_CAPACITY", (long) MIN_CAPACITY);
        m.put("LWP4J_MAX_CAPACITY", (long) MAX_CAPACITY);
        m.put("LWP4J_DEFAULT_MEMORY_BUDGET", DEFAULT_MEMORY_BUDGET);
        m.put("LWP4J_BUF_LOCKED", (long) FLAG_LOCKED);
        m.put("LWP4J_BUF_UNLOCKED_RLIMIT", (long) FLAG_UNLOCKED_RLIMIT);
        m.put("LWP4J_BUF_UNLOCKED_BUDGET", (long) FLAG_UNLOCKED_BUDGET);
        m.put("LWP4J_BUF_NATIVE_OWNER", (long) FLAG_NATIVE_OWNER);
        m.put("LWP4J_BUF_ORPHAN", (long) FLAG_ORPHAN);
        m.put("LWP4J_BUF_CLOSED", (long) FLAG_CLOSED);
        m.put("LWP4J_CONSUMER_FREE", (long) CONSUMER_FREE);
        m.put("LWP4J_CONSUMER_ACTIVE", (long) CONSUMER_ACTIVE);
        m.put("LWP4J_CONSUMER_CLAIMING", (long) CONSUMER_CLAIMING);
        m.put("LWP4J_CONSUMER_DRAIN", (long) CONSUMER_DRAIN);
        m.put("LWP4J_CONSUMER_RAW", (long) CONSUMER_RAW);
        m.put("header.magic", MAGIC_OFFSET);
        m.put("header.abi_version", ABI_VERSION_OFFSET);
        m.put("header.header_size", HEADER_SIZE_OFFSET);
        m.put("header.record_size", RECORD_SIZE_OFFSET);
        m.put("header.capacity", CAPACITY_OFFSET);
        m.put("header.owner_tid", OWNER_TID_OFFSET);
        m.put("header.flags", FLAGS_OFFSET);
        m.put("header.doorbell_fd", DOORBELL_FD_OFFSET);
        m.put("header.watermark", WATERMARK_OFFSET);
        m.put("header.buffer_id", BUFFER_ID_OFFSET);
        m.put("header.tsc_hz", TSC_HZ_OFFSET);
        m.put("header.head", HEAD_OFFSET);
        m.put("header.lost", LOST_OFFSET);
        m.put("header.tail_cache", TAIL_CACHE_OFFSET);
        m.put("header.rung_head", RUNG_HEAD_OFFSET);
        m.put("header.consumers", CONSUMERS_OFFSET);
        m.put("consumer_slot.size", CONSUMER_SLOT_SIZE);
        m.put("consumer_slot.position", CONSUMER_POSITION_OFFSET);
        m.put("consumer_slot.state", CONSUMER_STATE_OFFSET);
        return m;
    }
}
