package io.lwp4j.sampler.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The probe section of {@code lwp4j.h}, each function wrapped once, its handle private and
 * bound when this class is first used. They return 0 or a negative errno; the Java side
 * validates arguments first, so an errno here means the native state disagreed (already
 * running, stopped meanwhile, timed out) or the kernel refused a thread.
 */

final class ProbeNatives {
    // Linux x86-64 errno values the probe API returns.
    static final int ESRCH = 3;
    static final int EINVAL = 22;
    static final int ENODATA = 61;
    static final int ETIMEDOUT = 110;
    static final int EALREADY = 114;

    private static final MethodHandle START =
            LibLwp4j.bind("lwp4j_probe_start", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle STOP =
            LibLwp4j.bind("lwp4j_probe_stop", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SET_PERIOD =
            LibLwp4j.bind("lwp4j_probe_set_period", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle SET_BURST =
            LibLwp4j.bind("lwp4j_probe_set_burst", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SET_CODE_REGION =
            LibLwp4j.bind("lwp4j_probe_set_code_region", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SET_CLOCK =
            LibLwp4j.bind("lwp4j_probe_set_clock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle RUN_ONCE =
            LibLwp4j.bind("lwp4j_probe_run_once", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle LATEST =
            LibLwp4j.bind("lwp4j_probe_latest", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle STATS_READ =
            LibLwp4j.bind("lwp4j_probe_stats_read", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle BUFFER =
            LibLwp4j.bind("lwp4j_probe_buffer", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle SYSCALL_ENV_READ =
            LibLwp4j.bind("lwp4j_syscall_env_read", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private ProbeNatives() {}

    /** 0 or -errno. */
    static int start(int probe, long periodNanos) {
        try {
            return (int) START.invokeExact(probe, periodNanos);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int stop(int probe) {
        try {
            return (int) STOP.invokeExact(probe);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int setPeriod(int probe, long periodNanos) {
        try {
            return (int) SET_PERIOD.invokeExact(probe, periodNanos);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int setBurst(int calls) {
        try {
            return (int) SET_BURST.invokeExact(calls);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int setCodeRegion(int pages, int iterations) {
        try {
            return (int) SET_CODE_REGION.invokeExact(pages, iterations);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int setClock(int probe, int clock) {
        try {
            return (int) SET_CLOCK.invokeExact(probe, clock);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno (-ETIMEDOUT: still running). */
    static int runOnce(int probe, int timeoutMillis) {
        try {
            return (int) RUN_ONCE.invokeExact(probe, timeoutMillis);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** Copies of the newest run's records: 0 or -errno (-ENODATA before the first run). */
    static int latest(int probe, MemorySegment out, int count) {
        try {
            return (int) LATEST.invokeExact(probe, out, count);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -errno. */
    static int statsRead(int probe, MemorySegment out) {
        try {
            return (int) STATS_READ.invokeExact(probe, out);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The running probe's buffer, NULL when stopped. */
    static MemorySegment buffer(int probe) {
        try {
            return (MemorySegment) BUFFER.invokeExact(probe);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** 0 or -EINVAL. */
    static int syscallEnvRead(int tid, MemorySegment out) {
        try {
            return (int) SYSCALL_ENV_READ.invokeExact(tid, out);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
