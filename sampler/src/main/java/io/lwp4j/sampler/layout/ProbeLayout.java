package io.lwp4j.sampler.layout;

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
    @AbiName("LWP4J_PROBE_SYSCALL")
    public static final int PROBE_SYSCALL = 0;
    @AbiName("LWP4J_PROBE_CODE_LOAD")
    public static final int PROBE_CODE_LOAD = 1;
    @AbiName("LWP4J_PROBE_COUNT")
    public static final int PROBE_COUNT = 2;

    @AbiName("LWP4J_SYSCALL_GETPID")
    public static final int SYSCALL_GETPID = 0;
    @AbiName("LWP4J_SYSCALL_CLOCK_VDSO")
    public static final int SYSCALL_CLOCK_VDSO = 1;
    @AbiName("LWP4J_SYSCALL_CLOCK_RAW")
    public static final int SYSCALL_CLOCK_RAW = 2;
    @AbiName("LWP4J_SYSCALL_CALL_COUNT")
    public static final int SYSCALL_CALL_COUNT = 3;

    @AbiName("LWP4J_CODE_LOAD_NAIVE")
    public static final int CODE_LOAD_NAIVE = 0;
    @AbiName("LWP4J_CODE_LOAD_REUSE")
    public static final int CODE_LOAD_REUSE = 1;
    @AbiName("LWP4J_CODE_LOAD_REUSE_LOCKED")
    public static final int CODE_LOAD_REUSE_LOCKED = 2;
    @AbiName("LWP4J_CODE_LOAD_SHARED")
    public static final int CODE_LOAD_SHARED = 3;
    @AbiName("LWP4J_CODE_LOAD_MEMFD_DUAL")
    public static final int CODE_LOAD_MEMFD_DUAL = 4;
    @AbiName("LWP4J_CODE_LOAD_STRATEGY_COUNT")
    public static final int CODE_LOAD_STRATEGY_COUNT = 5;

    @AbiName("LWP4J_PROBE_MAX_PERIOD_NS")
    public static final long MAX_PERIOD_NS = 3_600_000_000_000L;
    @AbiName("LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS")
    public static final long SYSCALL_DEFAULT_PERIOD_NS = 250_000_000L;
    @AbiName("LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS")
    public static final long SYSCALL_MIN_PERIOD_NS = 1_000_000L;
    @AbiName("LWP4J_SYSCALL_PROBE_DEFAULT_BURST")
    public static final int SYSCALL_DEFAULT_BURST = 32;
    @AbiName("LWP4J_SYSCALL_PROBE_MAX_BURST")
    public static final int SYSCALL_MAX_BURST = 4096;
    @AbiName("LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS")
    public static final long CODE_LOAD_DEFAULT_PERIOD_NS = 10_000_000_000L;
    @AbiName("LWP4J_CODE_LOAD_PROBE_MIN_PERIOD_NS")
    public static final long CODE_LOAD_MIN_PERIOD_NS = 100_000_000L;
    @AbiName("LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES")
    public static final int CODE_LOAD_DEFAULT_PAGES = 1;
    @AbiName("LWP4J_CODE_LOAD_PROBE_MAX_PAGES")
    public static final int CODE_LOAD_MAX_PAGES = 256;
    @AbiName("LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS")
    public static final int CODE_LOAD_DEFAULT_ITERATIONS = 64;
    @AbiName("LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS")
    public static final int CODE_LOAD_MAX_ITERATIONS = 1024;

    @AbiName("LWP4J_PROBE_CLOCK_AUTO")
    public static final int CLOCK_AUTO = 0;
    @AbiName("LWP4J_PROBE_CLOCK_MONOTONIC")
    public static final int CLOCK_MONOTONIC = 1;

    @AbiName("probe_timing.size")
    public static final long TIMING_SIZE = 32;
    @AbiName("probe_timing.min_cycles")
    public static final long TIMING_MIN_CYCLES = 0;
    @AbiName("probe_timing.median_cycles")
    public static final long TIMING_MEDIAN_CYCLES = 4;
    @AbiName("probe_timing.max_cycles")
    public static final long TIMING_MAX_CYCLES = 8;
    @AbiName("probe_timing.overhead_cycles")
    public static final long TIMING_OVERHEAD_CYCLES = 12;
    @AbiName("probe_timing.min_ns")
    public static final long TIMING_MIN_NS = 16;
    @AbiName("probe_timing.median_ns")
    public static final long TIMING_MEDIAN_NS = 20;
    @AbiName("probe_timing.max_ns")
    public static final long TIMING_MAX_NS = 24;
    @AbiName("probe_timing.mean_ns")
    public static final long TIMING_MEAN_NS = 28;

    @AbiName("syscall_probe.call")
    public static final long SYSCALL_CALL = 0;
    @AbiName("syscall_probe.burst")
    public static final long SYSCALL_BURST = 4;
    @AbiName("syscall_probe.run")
    public static final long SYSCALL_RUN = 8;
    @AbiName("syscall_probe.timing")
    public static final long SYSCALL_TIMING = 16;

    @AbiName("code_load_probe.strategy")
    public static final long CODE_LOAD_STRATEGY = 0;
    @AbiName("code_load_probe.error")
    public static final long CODE_LOAD_ERROR = 2;
    @AbiName("code_load_probe.pages")
    public static final long CODE_LOAD_PAGES = 4;
    @AbiName("code_load_probe.iterations")
    public static final long CODE_LOAD_ITERATIONS = 6;
    @AbiName("code_load_probe.run")
    public static final long CODE_LOAD_RUN = 8;
    @AbiName("code_load_probe.timing")
    public static final long CODE_LOAD_TIMING = 16;

    @AbiName("probe_stats.size")
    public static final long STATS_SIZE = 40;
    @AbiName("probe_stats.runs")
    public static final long STATS_RUNS = 0;
    @AbiName("probe_stats.cpu_ns")
    public static final long STATS_CPU_NS = 8;
    @AbiName("probe_stats.wall_ns")
    public static final long STATS_WALL_NS = 16;
    @AbiName("probe_stats.period_ns")
    public static final long STATS_PERIOD_NS = 24;
    @AbiName("probe_stats.tid")
    public static final long STATS_TID = 32;
    @AbiName("probe_stats.running")
    public static final long STATS_RUNNING = 36;

    /** {@code struct lwp4j_syscall_env}: six ints, then the mitigations text. */
    @AbiName("LWP4J_SYSCALL_ENV_TEXT")
    public static final int SYSCALL_ENV_TEXT = 2048;
    @AbiName("syscall_env.size")
    public static final long SYSCALL_ENV_SIZE = 24 + SYSCALL_ENV_TEXT;
    @AbiName("syscall_env.seccomp_mode")
    public static final long SYSCALL_ENV_SECCOMP_MODE = 0;
    @AbiName("syscall_env.seccomp_filters")
    public static final long SYSCALL_ENV_SECCOMP_FILTERS = 4;
    @AbiName("syscall_env.audit_enabled")
    public static final long SYSCALL_ENV_AUDIT_ENABLED = 8;
    @AbiName("syscall_env.audit_rules")
    public static final long SYSCALL_ENV_AUDIT_RULES = 12;
    @AbiName("syscall_env.audit_errno")
    public static final long SYSCALL_ENV_AUDIT_ERRNO = 16;
    @AbiName("syscall_env.mitigations")
    public static final long SYSCALL_ENV_MITIGATIONS = 24;

    /** By call code: the minimal kernel entry and exit, no entry at all, the same work through the kernel. */
    private static final String[] CALL_NAMES = {"getpid", "clock_gettime-vdso", "clock_gettime-syscall"};
    /**
     * By strategy code: mmap RW, write, mprotect RX, call, munmap; mprotect flips of one
     * mapping; the same MAP_LOCKED; the same MAP_SHARED; one memfd mapped RX and W.
     */
    private static final String[] STRATEGY_NAMES = {"naive", "reuse", "reuse-locked", "shared", "memfd-dual"};

    private ProbeLayout() {}

    /** Name of a syscall probe call code ("getpid", ...), or "call-N" for an unknown one. */
    public static String callName(int call) {
        return call >= 0 && call < CALL_NAMES.length ? CALL_NAMES[call] : "call-" + call;
    }

    /** Name of a code-loading strategy code ("naive", "memfd-dual", ...), or "strategy-N" for an unknown one. */
    public static String strategyName(int strategy) {
        return strategy >= 0 && strategy < STRATEGY_NAMES.length ? STRATEGY_NAMES[strategy] : "strategy-" + strategy;
    }

    /** Every value above under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        return AbiTable.of(ProbeLayout.class);
    }
}
