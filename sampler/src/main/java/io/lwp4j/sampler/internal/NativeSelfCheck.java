package io.lwp4j.sampler.internal;

import java.lang.foreign.MemorySegment;

/**
 * liblwp4j's self-check producer ({@code src/seq_producer.c}) and its ABI table ({@code
 * src/abi.c}).
 *
 * <p>One class per C area, each function wrapped once in a typed method through {@link
 * LibLwp4j}'s one entry point. Functions that can fail return what {@code lwp4j.h} says: 0 or
 * a count, or a negative errno.
 */
public final class NativeSelfCheck {
    private NativeSelfCheck() {}

    /** A native thread appending {@code count} sequence records to a buffer of its own; NULL when refused. */
    public static MemorySegment seqProducerStart(long count, int capacity, int burst) {
        return LibLwp4j.madeOrNull(LibLwp4j.call(NativeOp.SEQ_PRODUCER_START, count, capacity, burst));
    }

    /** Waits for the producer thread: 0, or -1 when it was not one of these. */
    public static int seqProducerJoin(MemorySegment buffer) {
        return (int) LibLwp4j.call(NativeOp.SEQ_PRODUCER_JOIN, buffer.address());
    }

    /** The ABI table; its length goes to {@code count}. */
    public static MemorySegment abiEntries(MemorySegment count) {
        return MemorySegment.ofAddress(LibLwp4j.call(NativeOp.ABI_ENTRIES, count.address()));
    }
}
