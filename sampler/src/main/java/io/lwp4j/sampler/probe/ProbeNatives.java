package io.lwp4j.sampler.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * Downcalls of the probe section of {@code lwp4j.h}. They return 0 or a negative errno; the
 * Java side validates arguments first, so an errno here means the native state disagreed
 * (already running, stopped meanwhile, timed out) or the kernel refused a thread.
 */
final class ProbeNatives {
    static final MethodHandle START =
            LibLwp4j.bind("lwp4j_probe_start", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle STOP = LibLwp4j.bind("lwp4j_probe_stop", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SET_PERIOD =
            LibLwp4j.bind("lwp4j_probe_set_period", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle SET_BURST =
            LibLwp4j.bind("lwp4j_probe_set_burst", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SET_CODE_REGION =
            LibLwp4j.bind("lwp4j_probe_set_code_region", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SET_CLOCK =
            LibLwp4j.bind("lwp4j_probe_set_clock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle RUN_ONCE =
            LibLwp4j.bind("lwp4j_probe_run_once", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle LATEST =
            LibLwp4j.bind("lwp4j_probe_latest", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle STATS_READ =
            LibLwp4j.bind("lwp4j_probe_stats_read", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle BUFFER = LibLwp4j.bind("lwp4j_probe_buffer", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle SYSCALL_ENV_READ =
            LibLwp4j.bind("lwp4j_syscall_env_read", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    // Linux x86-64 errno values the probe API returns.
    static final int ESRCH = 3;
    static final int EINVAL = 22;
    static final int ENODATA = 61;
    static final int ETIMEDOUT = 110;
    static final int EALREADY = 114;

    private ProbeNatives() {}
}
