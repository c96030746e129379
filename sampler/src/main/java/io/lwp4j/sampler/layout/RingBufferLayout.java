package io.lwp4j.sampler.layout;

/**
 * Java mirror of {@code struct lwp4j_buffer_header} and the buffer constants of
 * {@code native/include/lwp4j.h}; see that header for the ordering protocol and who writes
 * each field. Its constants are printed from
 * lwp4j.h at build time ({@link RingBufferAbi}, {@code native/src/abi.c}); a test checks them against
 * the table of the library Java loaded.
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
public final class RingBufferLayout extends RingBufferAbi {
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
}
