package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Buffers for the jcstress tests, laid out as {@code lwp4j_buffer_create} lays them out but in
 * memory of an automatic arena (one per test state, thousands per run: no mlock, no budget, no
 * liblwp4j), with no doorbell, so the producer never calls down to C.
 */
final class StressRings {
    static final int CAPACITY = 16;

    private StressRings() {}

    /** An empty buffer whose drain slot (0) is active at position 0. */
    static MemorySegment newBuffer() {
        MemorySegment m = Arena.ofAuto().allocate(mappingSize(CAPACITY), CACHE_LINE);
        m.set(JAVA_INT, MAGIC_OFFSET, MAGIC);
        m.set(JAVA_INT, ABI_VERSION_OFFSET, ABI_VERSION);
        m.set(JAVA_INT, HEADER_SIZE_OFFSET, HEADER_SIZE);
        m.set(JAVA_INT, RECORD_SIZE_OFFSET, RECORD_SIZE);
        m.set(JAVA_LONG, CAPACITY_OFFSET, CAPACITY);
        m.set(JAVA_INT, DOORBELL_FD_OFFSET, -1);
        m.set(JAVA_INT, WATERMARK_OFFSET, CAPACITY / 2);
        m.set(JAVA_LONG, BUFFER_ID_OFFSET, 1);
        m.set(JAVA_INT, consumerStateOffset(CONSUMER_DRAIN), CONSUMER_ACTIVE);
        return m;
    }
}
