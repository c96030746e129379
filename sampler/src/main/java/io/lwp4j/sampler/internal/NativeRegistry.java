package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * liblwp4j's thread id to buffer registry ({@code src/registry.c}), readable by native threads
 * without locks.
 *
 * <p>One class per C area: its downcall handles are private and bound when the class is first
 * used (class initialisation), each wrapped once in a typed method. Functions that can fail
 * return what {@code lwp4j.h} says: 0 or a count, or a negative errno. 
 */
public final class NativeRegistry {
    private static final MethodHandle PUT =
            LibLwp4j.bind("lwp4j_registry_put", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle REMOVE =
            LibLwp4j.bind("lwp4j_registry_remove", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS));
    private static final MethodHandle GET =
            LibLwp4j.bind("lwp4j_registry_get", FunctionDescriptor.of(ADDRESS, JAVA_INT), LibLwp4j.CRITICAL);
    private static final MethodHandle SIZE =
            LibLwp4j.bind("lwp4j_registry_size", FunctionDescriptor.of(JAVA_INT));

    private NativeRegistry() {}

    /** 0, -EINVAL, or -ENOSPC when the table is full. */
    public static int put(int tid, MemorySegment buffer) {
        try {
            return (int) PUT.invokeExact(tid, buffer);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Removes the entry when it still names this buffer. */
    public static void remove(int tid, MemorySegment buffer) {
        try {
            REMOVE.invokeExact(tid, buffer);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The buffer of the thread, NULL when none. */
    public static MemorySegment get(int tid) {
        try {
            return (MemorySegment) GET.invokeExact(tid);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Entries in the registry. */
    public static int size() {
        try {
            return (int) SIZE.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
