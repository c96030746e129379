package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * liblwp4j's self-check producer ({@code src/seq_producer.c}) and its ABI table ({@code
 * src/abi.c}).
 *
 * <p>One class per C area: its downcall handles are private and bound when the class is first
 * used (class initialisation), each wrapped once in a typed method. Functions that can fail
 * return what {@code lwp4j.h} says: 0 or a count, or a negative errno. 
 */
public final class NativeSelfCheck {
    private static final MethodHandle SEQ_PRODUCER_START =
            LibLwp4j.bind("lwp4j_seq_producer_start", FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT));
    private static final MethodHandle SEQ_PRODUCER_JOIN =
            LibLwp4j.bind("lwp4j_seq_producer_join", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ABI_ENTRIES =
            LibLwp4j.bind("lwp4j_abi_entries", FunctionDescriptor.of(ADDRESS, ADDRESS));

    private NativeSelfCheck() {}

    /** A native thread appending {@code count} sequence records to a buffer of its own; NULL when refused. */
    public static MemorySegment seqProducerStart(long count, int capacity, int burst) {
        try {
            return (MemorySegment) SEQ_PRODUCER_START.invokeExact(count, capacity, burst);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Waits for the producer thread: 0, or -1 when it was not one of these. */
    public static int seqProducerJoin(MemorySegment buffer) {
        try {
            return (int) SEQ_PRODUCER_JOIN.invokeExact(buffer);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The ABI table; its length goes to {@code count}. */
    public static MemorySegment abiEntries(MemorySegment count) {
        try {
            return (MemorySegment) ABI_ENTRIES.invokeExact(count);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
