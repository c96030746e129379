package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.internal.NativeOp;
import java.lang.foreign.MemorySegment;

/**
 * The probe section of {@code lwp4j.h}, each function wrapped once through {@link LibLwp4j}'s
 * one entry point. They return 0 or a negative errno; the Java side validates arguments first,
 * so an errno here means the native state disagreed (already running, stopped meanwhile, timed
 * out) or the kernel refused a thread.
 */

final class ProbeNatives {
    // Linux x86-64 errno values the probe API returns.
    static final int ESRCH = 3;
    static final int EINVAL = 22;
    static final int ENODATA = 61;
    static final int ETIMEDOUT = 110;
    static final int EALREADY = 114;

    private ProbeNatives() {}

    /** 0 or -errno. */
    static int start(int probe, long periodNanos) {
        return (int) LibLwp4j.call(NativeOp.PROBE_START, probe, periodNanos);
    }

    /** 0 or -errno. */
    static int stop(int probe) {
        return (int) LibLwp4j.call(NativeOp.PROBE_STOP, probe);
    }

    /** 0 or -errno. */
    static int setPeriod(int probe, long periodNanos) {
        return (int) LibLwp4j.call(NativeOp.PROBE_SET_PERIOD, probe, periodNanos);
    }

    /** 0 or -errno. */
    static int setBurst(int calls) {
        return (int) LibLwp4j.call(NativeOp.PROBE_SET_BURST, calls);
    }

    /** 0 or -errno. */
    static int setCodeRegion(int pages, int iterations) {
        return (int) LibLwp4j.call(NativeOp.PROBE_SET_CODE_REGION, pages, iterations);
    }

    /** 0 or -errno. */
    static int setClock(int probe, int clock) {
        return (int) LibLwp4j.call(NativeOp.PROBE_SET_CLOCK, probe, clock);
    }

    /** 0 or -errno (-ETIMEDOUT: still running). */
    static int runOnce(int probe, int timeoutMillis) {
        return (int) LibLwp4j.call(NativeOp.PROBE_RUN_ONCE, probe, timeoutMillis);
    }

    /** Copies of the newest run's records: 0 or -errno (-ENODATA before the first run). */
    static int latest(int probe, MemorySegment out, int count) {
        return (int) LibLwp4j.call(NativeOp.PROBE_LATEST, probe, out.address(), count);
    }

    /** 0 or -errno. */
    static int statsRead(int probe, MemorySegment out) {
        return (int) LibLwp4j.call(NativeOp.PROBE_STATS_READ, probe, out.address());
    }

    /** The running probe's buffer, NULL when stopped. */
    static MemorySegment buffer(int probe) {
        return MemorySegment.ofAddress(LibLwp4j.call(NativeOp.PROBE_BUFFER, probe));
    }

    /** 0 or -EINVAL. */
    static int syscallEnvRead(int tid, MemorySegment out) {
        return (int) LibLwp4j.call(NativeOp.SYSCALL_ENV_READ, tid, out.address());
    }
}
