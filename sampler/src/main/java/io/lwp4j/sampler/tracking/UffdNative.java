package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The {@code lwp4j_wt_*} API (the write tracker and the canary: {@code src/write_tracker.c},
 * {@code src/uffd_canary.c}), each function wrapped once, its handle bound with those of its
 * feature (a holder class each) when the feature is first used: the canary, on by default, does
 * not bind the write tracker's calls. Failures are negative errnos ({@code lwp4j.h}'s convention), with
 * the cause and fix in the {@code struct lwp4j_wt_error} where the function takes one. None is
 * {@code critical}: they take locks the native handler also takes, issue ioctls and start or
 * join threads, so the calling thread must be safepoint-safe while in them.
 */

final class UffdNative {
    static final int ENXIO = 6;

    /** The write tracker's calls: bound when a tracker is first opened (writetracking). */
    private static final class Tracker {
        static final MethodHandle OPEN =
                LibLwp4j.bind("lwp4j_wt_open", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
        static final MethodHandle TRACK =
                LibLwp4j.bind("lwp4j_wt_track", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
        static final MethodHandle UNTRACK =
                LibLwp4j.bind("lwp4j_wt_untrack", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle REARM =
                LibLwp4j.bind("lwp4j_wt_rearm", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle DIRTY =
                LibLwp4j.bind("lwp4j_wt_dirty", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle EPOCH =
                LibLwp4j.bind("lwp4j_wt_epoch", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        static final MethodHandle HOLD =
                LibLwp4j.bind("lwp4j_wt_hold", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle INFO =
                LibLwp4j.bind("lwp4j_wt_info", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        static final MethodHandle CLOSE =
                LibLwp4j.bind("lwp4j_wt_close", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** The async scanner's process-wide buffer. */
    private static final class Scan {
        static final MethodHandle SCAN_BUFFER =
                LibLwp4j.bind("lwp4j_wt_scan_buffer", FunctionDescriptor.of(ADDRESS));
    }

    /** The write-fault canary's calls (canary). */
    private static final class Canary {
        static final MethodHandle CANARY_START =
                LibLwp4j.bind("lwp4j_wt_canary_start", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle CANARY_SET_PERIOD =
                LibLwp4j.bind("lwp4j_wt_canary_set_period", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        static final MethodHandle CANARY_STOP =
                LibLwp4j.bind("lwp4j_wt_canary_stop", FunctionDescriptor.ofVoid());
        static final MethodHandle CANARY_FLAVOUR =
                LibLwp4j.bind("lwp4j_wt_canary_flavour", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle CANARY_BUFFER =
                LibLwp4j.bind("lwp4j_wt_canary_buffer", FunctionDescriptor.of(ADDRESS));
    }

    private UffdNative() {}

    /** A tracker, or NULL with {@code error} filled. */
    static MemorySegment open(int mode, int flags, long spinNanos, long scanIntervalNanos, int handlerCpu, long stallNanos, MemorySegment error) {
        try {
            return (MemorySegment) Tracker.OPEN.invokeExact(mode, flags, spinNanos, scanIntervalNanos, handlerCpu, stallNanos, error);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The range id (> 0), or -errno with {@code error} filled. */
    static long track(MemorySegment tracker, long address, long length, MemorySegment error) {
        try {
            return (long) Tracker.TRACK.invokeExact(tracker, address, length, error);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0, or -ENOENT. */
    static int untrack(MemorySegment tracker, long rangeId) {
        try {
            return (int) Tracker.UNTRACK.invokeExact(tracker, rangeId);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Pages written in the ended epoch, or -errno (ENXIO: the memory was unmapped). */
    static long rearm(MemorySegment tracker, long rangeId, MemorySegment bitmap, long words) {
        try {
            return (long) Tracker.REARM.invokeExact(tracker, rangeId, bitmap, words);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Pages written so far in the epoch, or -errno. */
    static long dirty(MemorySegment tracker, long rangeId, MemorySegment bitmap, long words) {
        try {
            return (long) Tracker.DIRTY.invokeExact(tracker, rangeId, bitmap, words);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The range's epoch, 0 if unknown. */
    static long epoch(MemorySegment tracker, long rangeId) {
        try {
            return (long) Tracker.EPOCH.invokeExact(tracker, rangeId);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0, or -EINVAL (not a sync tracker). */
    static int hold(MemorySegment tracker, int how) {
        try {
            return (int) Tracker.HOLD.invokeExact(tracker, how);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Fills a {@code struct lwp4j_wt_info}. */
    static void info(MemorySegment tracker, MemorySegment out) {
        try {
            Tracker.INFO.invokeExact(tracker, out);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Releases every range, stops the threads, frees the tracker. */
    static void close(MemorySegment tracker) {
        try {
            Tracker.CLOSE.invokeExact(tracker);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The process-wide buffer of dirty-page records. */
    static MemorySegment scanBuffer() {
        try {
            return (MemorySegment) Scan.SCAN_BUFFER.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0, or -errno with {@code error} filled. */
    static int canaryStart(long periodNanos, int faultsPerTick, long spinNanos, int writerCpu, int handlerCpu, MemorySegment error) {
        try {
            return (int) Canary.CANARY_START.invokeExact(periodNanos, faultsPerTick, spinNanos, writerCpu, handlerCpu, error);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0, -ESRCH when not running. */
    static int canarySetPeriod(long periodNanos) {
        try {
            return (int) Canary.CANARY_SET_PERIOD.invokeExact(periodNanos);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Stops the canary (nothing when stopped). */
    static void canaryStop() {
        try {
            Canary.CANARY_STOP.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** LWP4J_UFFD_* of the running canary's descriptor, -1 when not running. */
    static int canaryFlavour() {
        try {
            return (int) Canary.CANARY_FLAVOUR.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The canary's buffer of probe records. */
    static MemorySegment canaryBuffer() {
        try {
            return (MemorySegment) Canary.CANARY_BUFFER.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
