package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * Ring buffers, consumer slots, the doorbell and the buffer budgets of liblwp4j ({@code
 * src/buffer.c}).
 *
 * <p>One class per C area, each function wrapped once in a typed method. Its downcall handles
 * are bound per group of calls that are used together, in a holder class of their own, when the
 * group is first used: a JVM binds only what it calls (each binding spins a stub, about 6 ms of
 * the start's CPU; the C producer's, for instance, only tests call). Functions that can fail
 * return what {@code lwp4j.h} says: 0 or a count, or a negative errno. Calls that neither block
 * nor call back are linked {@code critical}: no thread-state transition.
 */
public final class NativeBuffers {
    /** A thread's buffer made, recycled, destroyed. */
    private static final class Mappings {
        static final MethodHandle CREATE_INTO =
                LibLwp4j.bind("lwp4j_buffer_create_into", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle DESTROY =
                LibLwp4j.bind("lwp4j_buffer_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle MAPPING_OF =
                LibLwp4j.bind("lwp4j_buffer_mapping_of", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        static final MethodHandle RECYCLE =
                LibLwp4j.bind("lwp4j_buffer_recycle", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT), LibLwp4j.CRITICAL);
        static final MethodHandle MAPPING_SIZE =
                LibLwp4j.bind("lwp4j_buffer_mapping_size", FunctionDescriptor.of(JAVA_LONG, JAVA_INT), LibLwp4j.CRITICAL);
    }

    /** Consumer slots: the drainer and raw pollers. */
    private static final class Consumers {
        static final MethodHandle CONSUMER_ATTACH =
                LibLwp4j.bind("lwp4j_consumer_attach", FunctionDescriptor.of(JAVA_INT, ADDRESS), LibLwp4j.CRITICAL);
        static final MethodHandle CONSUMER_DETACH =
                LibLwp4j.bind("lwp4j_consumer_detach", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT), LibLwp4j.CRITICAL);
    }

    /** The process-wide doorbell: producers ring it, the drainer waits on it. */
    private static final class Doorbell {
        static final MethodHandle DOORBELL_RING =
                LibLwp4j.bind("lwp4j_doorbell_ring", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
        static final MethodHandle DOORBELL_FD =
                LibLwp4j.bind("lwp4j_doorbell_fd", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle DOORBELL_WAIT =
                LibLwp4j.bind("lwp4j_doorbell_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** The lock and memory budgets and the native samplers' buffer defaults (the registry's configuration). */
    private static final class Budgets {
        static final MethodHandle SET_LOCK_BUDGET =
                LibLwp4j.bind("lwp4j_set_lock_budget", FunctionDescriptor.ofVoid(JAVA_LONG), LibLwp4j.CRITICAL);
        static final MethodHandle SET_MEMORY_BUDGET =
                LibLwp4j.bind("lwp4j_set_memory_budget", FunctionDescriptor.ofVoid(JAVA_LONG), LibLwp4j.CRITICAL);
        static final MethodHandle FITS =
                LibLwp4j.bind("lwp4j_buffer_fits", FunctionDescriptor.of(JAVA_INT, JAVA_INT), LibLwp4j.CRITICAL);
        static final MethodHandle SET_NATIVE_BUFFER_DEFAULTS =
                LibLwp4j.bind("lwp4j_set_native_buffer_defaults", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT), LibLwp4j.CRITICAL);
    }

    /** Process-wide state: the statistics and the orphan buffer. */
    private static final class Process {
        static final MethodHandle STATS_READ =
                LibLwp4j.bind("lwp4j_stats_read", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle ORPHAN_BUFFER =
                LibLwp4j.bind("lwp4j_orphan_buffer", FunctionDescriptor.of(ADDRESS));
    }

    /** The C producer, for tests that compare it with the Java one. */
    private static final class CProducer {
        static final MethodHandle APPEND_RECORD =
                LibLwp4j.bind("lwp4j_append_record", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    private NativeBuffers() {}

    /**
     * Binds now the calls that a thread's first record makes (its buffer, the doorbell), so the
     * application's thread that makes it waits for neither the binding nor the agent's start
     * thread binding them (AgentRuntime).
     */
    public static void bindThreadBufferCalls() {
        try {
            MethodHandles.lookup().ensureInitialized(Mappings.class);
            MethodHandles.lookup().ensureInitialized(Doorbell.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);   // a nestmate: cannot happen
        }
    }

    /** {@code lwp4j_buffer_create_into}: 0 with the mapping's address in {@code out}, or -errno. */
    public static int createInto(int capacity, int watermark, int ownerTid, int flags, int consumerMask, MemorySegment out) {
        try {
            return (int) Mappings.CREATE_INTO.invokeExact(capacity, watermark, ownerTid, flags, consumerMask, out);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_buffer_destroy}. */
    public static void destroy(MemorySegment buffer) {
        try {
            Mappings.DESTROY.invokeExact(buffer);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Size of the live buffer mapping at the address, 0 when none. */
    public static long mappingOf(MemorySegment address) {
        try {
            return (long) Mappings.MAPPING_OF.invokeExact(address);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_buffer_recycle}: 0 or -EINVAL. */
    public static int recycle(MemorySegment buffer, int watermark, int ownerTid, int consumerMask) {
        try {
            return (int) Mappings.RECYCLE.invokeExact(buffer, watermark, ownerTid, consumerMask);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Bytes of a buffer of {@code capacity} records, 0 for a bad capacity. */
    public static long mappingSize(int capacity) {
        try {
            return (long) Mappings.MAPPING_SIZE.invokeExact(capacity);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The slot claimed, or -EBUSY. */
    public static int consumerAttach(MemorySegment buffer) {
        try {
            return (int) Consumers.CONSUMER_ATTACH.invokeExact(buffer);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_consumer_detach}. */
    public static void consumerDetach(MemorySegment buffer, int slot) {
        try {
            Consumers.CONSUMER_DETACH.invokeExact(buffer, slot);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_doorbell_ring}: the producer found the fill past the watermark. */
    public static void doorbellRing(MemorySegment buffer, long head) {
        try {
            Doorbell.DOORBELL_RING.invokeExact(buffer, head);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The process-wide doorbell eventfd, -1 when none could be made. */
    public static int doorbellFd() {
        try {
            return (int) Doorbell.DOORBELL_FD.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 1 rung, 0 timed out, or -errno. */
    public static int doorbellWait(int timeoutMillis) {
        try {
            return (int) Doorbell.DOORBELL_WAIT.invokeExact(timeoutMillis);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_set_lock_budget}. */
    public static void setLockBudget(long bytes) {
        try {
            Budgets.SET_LOCK_BUDGET.invokeExact(bytes);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_set_memory_budget}. */
    public static void setMemoryBudget(long bytes) {
        try {
            Budgets.SET_MEMORY_BUDGET.invokeExact(bytes);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** A buffer of {@code capacity} records fits the memory budget now. */
    public static boolean fits(int capacity) {
        try {
            return (int) Budgets.FITS.invokeExact(capacity) != 0;
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** {@code lwp4j_set_native_buffer_defaults}. */
    public static void setNativeBufferDefaults(int capacity, int watermark, int consumerMask) {
        try {
            Budgets.SET_NATIVE_BUFFER_DEFAULTS.invokeExact(capacity, watermark, consumerMask);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Fills a {@code struct lwp4j_stats}. */
    public static void statsRead(MemorySegment out) {
        try {
            Process.STATS_READ.invokeExact(out);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The process-wide orphan buffer (made on first use). */
    public static MemorySegment orphanBuffer() {
        try {
            return (MemorySegment) Process.ORPHAN_BUFFER.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /**
     * The C producer ({@code lwp4j_append}) appending a copy of {@code record}: 0, or -1 dropped
     * and counted. For tests that compare it with the Java producer.
     */
    public static int appendRecord(MemorySegment buffer, MemorySegment record) {
        try {
            return (int) CProducer.APPEND_RECORD.invokeExact(buffer, record);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
