package io.lwp4j.sampler.layout;

/**
 * Java mirror of the syscall-path probe section of {@code lwp4j.h}: the payloads of
 * {@code LWP4J_REC_SYSCALL_PROBE} and {@code LWP4J_REC_CODE_LOAD_PROBE}, the shared
 * {@code struct lwp4j_probe_timing}, {@code struct lwp4j_probe_stats}, the probe ids and their
 * limits. Payload offsets are relative to {@link RecordLayout#PAYLOAD_OFFSET}. Its constants are printed from
 * lwp4j.h at build time ({@link ProbeAbi}, {@code native/src/abi.c}); a test checks them against
 * the table of the library Java loaded.
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
public final class ProbeLayout extends ProbeAbi {
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
}
