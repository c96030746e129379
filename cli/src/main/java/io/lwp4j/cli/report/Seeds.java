package io.lwp4j.cli.report;

import java.util.Map;

/**
 * The published figures lwp4j's kernel probes reproduce, shown beside this recording's: the
 * project's seeds (BENCHMARKS.md names each one's source).
 */
final class Seeds {
    private Seeds() {
    }

    /** Seed 004: getpid on Skylake-X with 37 audit rules, UEK5 and UEK6, ns. */
    static final long GETPID_UEK5_NANOS = 191;
    static final long GETPID_UEK6_NANOS = 217;
    static final String GETPID_SOURCE = "seed 004: Skylake-X, 37 audit rules";

    /** Seed 000: a uffd-wp fault served by a handler thread (i7-8665U, Linux 5.9), means in ns per step. */
    static final Map<String, Long> FAULT_STEPS_NANOS = Map.of("receiveTime", 2_430L, "resolveTime", 1_160L,
            "completeTime", 1_150L, "totalTime", 4_740L);
    static final String FAULT_SOURCE = "seed 000: uffd-wp thread, i7-8665U, Linux 5.9";

    /** Seed 001: per iteration of each code-loading strategy (Ryzen 1700, Linux 5.15), ns. */
    static final Map<String, Long> CODE_LOAD_NANOS = Map.of("naive", 4_600L, "reuse", 2_200L, "reuse-locked", 1_900L,
            "shared", 1_200L, "memfd-dual", 100L);
    static final String CODE_LOAD_SOURCE = "seed 001: Ryzen 1700, Linux 5.15";
}
