package io.lwp4j.sampler.tracking;

import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.internal.NativeOp;
import java.lang.foreign.MemorySegment;

/**
 * The {@code lwp4j_wt_*} API (the write tracker and the canary: {@code src/write_tracker.c},
 * {@code src/uffd_canary.c}), each function wrapped once through {@link LibLwp4j}'s one entry
 * point. Failures are negative errnos ({@code lwp4j.h}'s convention), with the cause and fix in
 * the {@code struct lwp4j_wt_error} where the function takes one. None is {@code critical}:
 * they take locks the native handler also takes, issue ioctls and start or join threads, so
 * the calling thread must be safepoint-safe while in them.
 */

final class UffdNative {
    static final int ENXIO = 6;

    private UffdNative() {}

    /** A tracker, or NULL with {@code error} filled. */
    static MemorySegment open(int mode, int flags, long spinNanos, long scanIntervalNanos, int handlerCpu, long stallNanos, MemorySegment error) {
        return LibLwp4j.madeOrNull(LibLwp4j.call(NativeOp.WT_OPEN, mode, flags, spinNanos, scanIntervalNanos, handlerCpu,
                stallNanos, error.address()));
    }

    /** The range id (> 0), or -errno with {@code error} filled. */
    static long track(MemorySegment tracker, long address, long length, MemorySegment error) {
        return LibLwp4j.call(NativeOp.WT_TRACK, tracker.address(), address, length, error.address());
    }

    /** 0, or -ENOENT. */
    static int untrack(MemorySegment tracker, long rangeId) {
        return (int) LibLwp4j.call(NativeOp.WT_UNTRACK, tracker.address(), rangeId);
    }

    /** Pages written in the ended epoch, or -errno (ENXIO: the memory was unmapped). */
    static long rearm(MemorySegment tracker, long rangeId, MemorySegment bitmap, long words) {
        return LibLwp4j.call(NativeOp.WT_REARM, tracker.address(), rangeId, bitmap.address(), words);
    }

    /** Pages written so far in the epoch, or -errno. */
    static long dirty(MemorySegment tracker, long rangeId, MemorySegment bitmap, long words) {
        return LibLwp4j.call(NativeOp.WT_DIRTY, tracker.address(), rangeId, bitmap.address(), words);
    }

    /** The range's epoch, 0 if unknown. */
    static long epoch(MemorySegment tracker, long rangeId) {
        return LibLwp4j.call(NativeOp.WT_EPOCH, tracker.address(), rangeId);
    }

    /** 0, or -EINVAL (not a sync tracker). */
    static int hold(MemorySegment tracker, int how) {
        return (int) LibLwp4j.call(NativeOp.WT_HOLD, tracker.address(), how);
    }

    /** Fills a {@code struct lwp4j_wt_info}. */
    static void info(MemorySegment tracker, MemorySegment out) {
        LibLwp4j.call(NativeOp.WT_INFO, tracker.address(), out.address());
    }

    /** Releases every range, stops the threads, frees the tracker. */
    static void close(MemorySegment tracker) {
        LibLwp4j.call(NativeOp.WT_CLOSE, tracker.address());
    }

    /** The process-wide buffer of dirty-page records, NULL when it could not be made. */
    static MemorySegment scanBuffer() {
        return MemorySegment.ofAddress(LibLwp4j.call(NativeOp.WT_SCAN_BUFFER));
    }

    /** 0, or -errno with {@code error} filled. */
    static int canaryStart(long periodNanos, int faultsPerTick, long spinNanos, int writerCpu, int handlerCpu, MemorySegment error) {
        return (int) LibLwp4j.call(NativeOp.WT_CANARY_START, periodNanos, faultsPerTick, spinNanos, writerCpu, handlerCpu,
                error.address());
    }

    /** 0, -ESRCH when not running. */
    static int canarySetPeriod(long periodNanos) {
        return (int) LibLwp4j.call(NativeOp.WT_CANARY_SET_PERIOD, periodNanos);
    }

    /** Stops the canary (nothing when stopped). */
    static void canaryStop() {
        LibLwp4j.call(NativeOp.WT_CANARY_STOP);
    }

    /** LWP4J_UFFD_* of the running canary's descriptor, -1 when not running. */
    static int canaryFlavour() {
        return (int) LibLwp4j.call(NativeOp.WT_CANARY_FLAVOUR);
    }

    /** The canary's buffer of probe records, NULL when it could not be made. */
    static MemorySegment canaryBuffer() {
        return MemorySegment.ofAddress(LibLwp4j.call(NativeOp.WT_CANARY_BUFFER));
    }
}
