package io.lwp4j.sampler.internal;

import java.lang.foreign.MemorySegment;

/**
 * Ring buffers, consumer slots, the doorbell and the buffer budgets of liblwp4j ({@code
 * src/buffer.c}).
 *
 * <p>One class per C area, each function wrapped once in a typed method, all through {@link
 * LibLwp4j}'s one entry point: nothing here binds anything. Functions that can fail return what
 * {@code lwp4j.h} says: 0 or a count, or a negative errno. Calls that neither block nor call
 * back go through {@link LibLwp4j#callCritical}: no thread-state transition.
 */
public final class NativeBuffers {
    private NativeBuffers() {}

    /** {@code lwp4j_buffer_create_into}: 0 with the mapping's address in {@code out}, or -errno. */
    public static int createInto(int capacity, int watermark, int ownerTid, int flags, int consumerMask, MemorySegment out) {
        return (int) LibLwp4j.call(NativeOp.BUFFER_CREATE_INTO, capacity, watermark, ownerTid, flags, consumerMask, out.address());
    }

    /** {@code lwp4j_buffer_destroy}. */
    public static void destroy(MemorySegment buffer) {
        LibLwp4j.call(NativeOp.BUFFER_DESTROY, buffer.address());
    }

    /** Size of the live buffer mapping at the address, 0 when none. */
    public static long mappingOf(MemorySegment address) {
        return LibLwp4j.call(NativeOp.BUFFER_MAPPING_OF, address.address());
    }

    /** {@code lwp4j_buffer_recycle}: 0 or -EINVAL. */
    public static int recycle(MemorySegment buffer, int watermark, int ownerTid, int consumerMask) {
        return (int) LibLwp4j.callCritical(NativeOp.BUFFER_RECYCLE, buffer.address(), watermark, ownerTid, consumerMask);
    }

    /** Bytes of a buffer of {@code capacity} records, 0 for a bad capacity. */
    public static long mappingSize(int capacity) {
        return LibLwp4j.callCritical(NativeOp.BUFFER_MAPPING_SIZE, capacity);
    }

    /** The slot claimed, or -EBUSY. */
    public static int consumerAttach(MemorySegment buffer) {
        return (int) LibLwp4j.callCritical(NativeOp.CONSUMER_ATTACH, buffer.address());
    }

    /** {@code lwp4j_consumer_detach}. */
    public static void consumerDetach(MemorySegment buffer, int slot) {
        LibLwp4j.callCritical(NativeOp.CONSUMER_DETACH, buffer.address(), slot);
    }

    /** {@code lwp4j_doorbell_notify}: one wake-up written to the doorbell eventfd {@code fd}. */
    public static void doorbellNotify(int fd) {
        LibLwp4j.call(NativeOp.DOORBELL_NOTIFY, fd);
    }

    /** The process-wide doorbell eventfd, -1 when none could be made. */
    public static int doorbellFd() {
        return (int) LibLwp4j.call(NativeOp.DOORBELL_FD);
    }

    /** 1 rung, 0 timed out, or -errno. */
    public static int doorbellWait(int timeoutMillis) {
        return (int) LibLwp4j.call(NativeOp.DOORBELL_WAIT, timeoutMillis);
    }

    /** {@code lwp4j_set_lock_budget}. */
    public static void setLockBudget(long bytes) {
        LibLwp4j.callCritical(NativeOp.SET_LOCK_BUDGET, bytes);
    }

    /** {@code lwp4j_set_memory_budget}. */
    public static void setMemoryBudget(long bytes) {
        LibLwp4j.callCritical(NativeOp.SET_MEMORY_BUDGET, bytes);
    }

    /** A buffer of {@code capacity} records fits the memory budget now. */
    public static boolean fits(int capacity) {
        return LibLwp4j.callCritical(NativeOp.BUFFER_FITS, capacity) != 0;
    }

    /** {@code lwp4j_set_native_buffer_defaults}. */
    public static void setNativeBufferDefaults(int capacity, int watermark, int consumerMask) {
        LibLwp4j.callCritical(NativeOp.SET_NATIVE_BUFFER_DEFAULTS, capacity, watermark, consumerMask);
    }

    /** Fills a {@code struct lwp4j_stats}. */
    public static void statsRead(MemorySegment out) {
        LibLwp4j.call(NativeOp.STATS_READ, out.address());
    }

    /** The process-wide orphan buffer (made on first use), NULL when it could not be made. */
    public static MemorySegment orphanBuffer() {
        return MemorySegment.ofAddress(LibLwp4j.call(NativeOp.ORPHAN_BUFFER));
    }

    /**
     * The C producer ({@code lwp4j_append}) appending a copy of {@code record}: 0, or -1 dropped
     * and counted. For tests that compare it with the Java producer.
     */
    public static int appendRecord(MemorySegment buffer, MemorySegment record) {
        return (int) LibLwp4j.call(NativeOp.APPEND_RECORD, buffer.address(), record.address());
    }
}
