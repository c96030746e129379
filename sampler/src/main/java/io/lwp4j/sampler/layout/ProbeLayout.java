package io.lwp4j.sampler.layout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java mirror of the syscall-path probe section of {@code lwp4j.h}: the payloads of
 * {@code LWP4J_REC_SYSCALL_PROBE} and {@code LWP4J_REC_CODE_LOAD_PROBE}, the shared
 * {@code struct lwp4j_probe_timing}, {@code struct lwp4j_probe_stats}, the probe ids and their
 * limits. Payload offsets are relative to {@link RecordLayout#PAYLOAD_OFFSET}.
 *
 * <pre>
 * syscall_probe payload         code_load_probe payload       probe_timing (at payload + 16)
 *  0 u16 call                    0 u16 strategy                 0 u32 min_cycles    16 u32 min_ns
 *  2 u16 reserved                2 u16 error (errno)            4 u32 median_cycles 20 u32 median_ns
 *  4 u32 burst                   4 u16 pages                    8 u32 max_cycles    24 u32 max_ns
 *  8 u64 run                     6 u16 iterations              12 u32 overhead_cyc  28 u32 mean_ns
 * 16 probe_timing                8 u64 run
 *                               16 probe_timing
 * </pre>
 */
public final class ProbeLayout {
    public static final int PROBE_SYSCALL = 0;
    public static final int PROBE_CODE_LOAD = 1;
    public static final int PROBE_COUNT = 2;

    public static final int SYSCALL_GETPID = 0;
    public static final int SYSCALL_CLOCK_VDSO = 1;
    public static final int SYSCALL_CLOCK_RAW = 2;
    public static final int SYSCALL_CALL_COUNT = 3;

    public static final int CODE_LOAD_NAIVE = 0;
    public static final int CODE_LOAD_REUSE = 1;
    public static final int CODE_LOAD_REUSE_LOCKED = 2;
    public static final int CODE_LOAD_SHARED = 3;
    public static final int CODE_LOAD_MEMFD_DUAL = 4;
    public static final int CODE_LOAD_STRATEGY_COUNT = 5;

    public static final long MAX_PERIOD_NS = 3_600_000_000_000L;
    public static final long SYSCALL_DEFAULT_PERIOD_NS = 250_000_000L;
    public static final long SYSCALL_MIN_PERIOD_NS = 1_000_000L;
    public static final int SYSCALL_DEFAULT_BURST = 32;
    public static final int SYSCALL_MAX_BURST = 4096;
    public static final long CODE_LOAD_DEFAULT_PERIOD_NS = 10_000_000_000L;
    public static final long CODE_LOAD_MIN_PERIOD_NS = 100_000_000L;
    public static final int CODE_LOAD_DEFAULT_PAGES = 1;
    public static final int CODE_LOAD_MAX_PAGES = 256;
    public static final int CODE_LOAD_DEFAULT_ITERATIONS = 64;
    public static final int CODE_LOAD_MAX_ITERATIONS = 1024;

    public static final int CLOCK_AUTO = 0;
    public static final int CLOCK_MONOTONIC = 1;

    public static final long TIMING_SIZE = 32;
    public static final long TIMING_MIN_CYCLES = 0;
    public static final long TIMING_MEDIAN_CYCLES = 4;
    public static final long TIMING_MAX_CYCLES = 8;
    public static final long TIMING_OVERHEAD_CYCLES = 12;
    public static final long TIMING_MIN_NS = 16;
    public static final long TIMING_MEDIAN_NS = 20;
    public static final long TIMING_MAX_NS = 24;
    public static final long TIMING_MEAN_NS = 28;

    public static final long SYSCALL_CALL = 0;
    public static final long SYSCALL_BURST = 4;
    public static final long SYSCALL_RUN = 8;
    public static final long SYSCALL_TIMING = 16;

    public static final long CODE_LOAD_STRATEGY = 0;
    public static final long CODE_LOAD_ERROR = 2;
    public static final long CODE_LOAD_PAGES = 4;
    public static final long CODE_LOAD_ITERATIONS = 6;
    public static final long CODE_LOAD_RUN = 8;
    public static final long CODE_LOAD_TIMING = 16;

    public static final long STATS_SIZE = 40;
    public static final long STATS_RUNS = 0;
    public static final long STATS_CPU_NS = 8;
    public static final long STATS_WALL_NS = 16;
    public static final long STATS_PERIOD_NS = 24;
    public static final long STATS_TID = 32;
    public static final long STATS_RUNNING = 36;

    /** {@code struct lwp4j_syscall_env}: six ints, then the mitigations text. */
    public static final int SYSCALL_ENV_TEXT = 2048;
    public static final long SYSCALL_ENV_SIZE = 24 + SYSCALL_ENV_TEXT;
    public static final long SYSCALL_ENV_SECCOMP_MODE = 0;
    public static final long SYSCALL_ENV_SECCOMP_FILTERS = 4;
    public static final long SYSCALL_ENV_AUDIT_ENABLED = 8;
    public static final long SYSCALL_ENV_AUDIT_RULES = 12;
    public static final long SYSCALL_ENV_AUDIT_ERRNO = 16;
    public static final long SYSCALL_ENV_MITIGATIONS = 24;

    private ProbeLayout() {}

    /** Every value above under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("LWP4J_PROBE_SYSCALL", (long) PROBE_SYSCALL);
        m.put("LWP4J_PROBE_CODE_LOAD", (long) PROBE_CODE_LOAD);
        m.put("LWP4J_PROBE_COUNT", (long) PROBE_COUNT);
        m.put("LWP4J_SYSCALL_GETPID", (long) SYSCALL_GETPID);
        m.put("LWP4J_SYSCALL_CLOCK_VDSO", (long) SYSCALL_CLOCK_VDSO);
        m.put("LWP4J_SYSCALL_CLOCK_RAW", (long) SYSCALL_CLOCK_RAW);
        m.put("LWP4J_SYSCALL_CALL_COUNT", (long) SYSCALL_CALL_COUNT);
        m.put("LWP4J_CODE_LOAD_NAIVE", (long) CODE_LOAD_NAIVE);
        m.put("LWP4J_CODE_LOAD_REUSE", (long) CODE_LOAD_REUSE);
        m.put("LWP4J_CODE_LOAD_REUSE_LOCKED", (long) CODE_LOAD_REUSE_LOCKED);
        m.put("LWP4J_CODE_LOAD_SHARED", (long) CODE_LOAD_SHARED);
        m.put("LWP4J_CODE_LOAD_MEMFD_DUAL", (long) CODE_LOAD_MEMFD_DUAL);
        m.put("LWP4J_CODE_LOAD_STRATEGY_COUNT", (long) CODE_LOAD_STRATEGY_COUNT);
        m.put("LWP4J_PROBE_MAX_PERIOD_NS", MAX_PERIOD_NS);
        m.put("LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS", SYSCALL_DEFAULT_PERIOD_NS);
        m.put("LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS", SYSCALL_MIN_PERIOD_NS);
        m.put("LWP4J_SYSCALL_PROBE_DEFAULT_BURST", (long) SYSCALL_DEFAULT_BURST);
        m.put("LWP4J_SYSCALL_PROBE_MAX_BURST", (long) SYSCALL_MAX_BURST);
        m.put("LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS", CODE_LOAD_DEFAULT_PERIOD_NS);
        m.put("LWP4J_CODE_LOAD_PROBE_MIN_PERIOD_NS", CODE_LOAD_MIN_PERIOD_NS);
        m.put("LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES", (long) CODE_LOAD_DEFAULT_PAGES);
        m.put("LWP4J_CODE_LOAD_PROBE_MAX_PAGES", (long) CODE_LOAD_MAX_PAGES);
        m.put("LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS", (long) CODE_LOAD_DEFAULT_ITERATIONS);
        m.put("LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS", (long) CODE_LOAD_MAX_ITERATIONS);
        m.put("LWP4J_PROBE_CLOCK_AUTO", (long) CLOCK_AUTO);
        m.put("LWP4J_PROBE_CLOCK_MONOTONIC", (long) CLOCK_MONOTONIC);
        m.put("probe_timing.size", TIMING_SIZE);
        m.put("probe_timing.min_cycles", TIMING_MIN_CYCLES);
        m.put("probe_timing.median_cycles", TIMING_MEDIAN_CYCLES);
        m.put("probe_timing.max_cycles", TIMING_MAX_CYCLES);
        m.put("probe_timing.overhead_cycles", TIMING_OVERHEAD_CYCLES);
        m.put("probe_timing.min_ns", TIMING_MIN_NS);
        m.put("probe_timing.median_ns", TIMING_MEDIAN_NS);
        m.put("probe_timing.max_ns", TIMING_MAX_NS);
        m.put("probe_timing.mean_ns", TIMING_MEAN_NS);
        m.put("syscall_probe.call", SYSCALL_CALL);
        m.put("syscall_probe.burst", SYSCALL_BURST);
        m.put("syscall_probe.run", SYSCALL_RUN);
        m.put("syscall_probe.timing", SYSCALL_TIMING);
        m.put("code_load_probe.strategy", CODE_LOAD_STRATEGY);
        m.put("code_load_probe.error", CODE_LOAD_ERROR);
        m.put("code_load_probe.pages", CODE_LOAD_PAGES);
        m.put("code_load_probe.iterations", CODE_LOAD_ITERATIONS);
        m.put("code_load_probe.run", CODE_LOAD_RUN);
        m.put("code_load_probe.timing", CODE_LOAD_TIMING);
        m.put("probe_stats.size", STATS_SIZE);
        m.put("probe_stats.runs", STATS_RUNS);
        m.put("probe_stats.cpu_ns", STATS_CPU_NS);
        m.put("probe_stats.wall_ns", STATS_WALL_NS);
        m.put("probe_stats.period_ns", STATS_PERIOD_NS);
        m.put("probe_stats.tid", STATS_TID);
        m.put("probe_stats.running", STATS_RUNNING);
        m.put("LWP4J_SYSCALL_ENV_TEXT", (long) SYSCALL_ENV_TEXT);
        m.put("syscall_env.size", SYSCALL_ENV_SIZE);
        m.put("syscall_env.seccomp_mode", SYSCALL_ENV_SECCOMP_MODE);
        m.put("syscall_env.seccomp_filters", SYSCALL_ENV_SECCOMP_FILTERS);
        m.put("syscall_env.audit_enabled", SYSCALL_ENV_AUDIT_ENABLED);
        m.put("syscall_env.audit_rules", SYSCALL_ENV_AUDIT_RULES);
        m.put("syscall_env.audit_errno", SYSCALL_ENV_AUDIT_ERRNO);
        m.put("syscall_env.mitigations", SYSCALL_ENV_MITIGATIONS);
        return m;
    }
}
