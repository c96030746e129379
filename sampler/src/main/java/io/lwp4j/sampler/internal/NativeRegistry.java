package io.lwp4j.sampler.internal;

import java.lang.foreign.MemorySegment;

/**
 * liblwp4j's thread id to buffer registry ({@code src/registry.c}), readable by native threads
 * without locks.
 *
 * <p>One class per C area, each function wrapped once in a typed method through {@link
 * LibLwp4j}'s one entry point. Functions that can fail return what {@code lwp4j.h} says: 0 or
 * a count, or a negative errno.
 */
public final class NativeRegistry {
    private NativeRegistry() {}

    /** 0, -EINVAL, or -ENOSPC when the table is full. */
    public static int put(int tid, MemorySegment buffer) {
        return (int) LibLwp4j.call(NativeOp.REGISTRY_PUT, tid, buffer.address());
    }

    /** Removes the entry when it still names this buffer. */
    public static void remove(int tid, MemorySegment buffer) {
        LibLwp4j.call(NativeOp.REGISTRY_REMOVE, tid, buffer.address());
    }

    /** The buffer of the thread, NULL when none. */
    public static MemorySegment get(int tid) {
        return MemorySegment.ofAddress(LibLwp4j.callCritical(NativeOp.REGISTRY_GET, tid));
    }

    /** Entries in the registry. */
    public static int size() {
        return (int) LibLwp4j.call(NativeOp.REGISTRY_SIZE);
    }
}
