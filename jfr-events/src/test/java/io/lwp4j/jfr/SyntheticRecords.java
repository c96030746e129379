package io.lwp4j.jfr;

import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.layout.RecordType;

/**
 * Records of every type, appended by the calling thread to its own buffer with payloads laid
 * out as {@code lwp4j.h} defines them, so the JFR side can be checked value by value.
 */
final class SyntheticRecords {
    static final long PAGE = 0x7f12_3456_7000L;
    static final long HANDLE_CYCLES = 26_000;
    static final long SYSCALL_NANOS = 123_456;

    private SyntheticRecords() {}

    static long now() {
        try {
            return NativeClock.now();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** u32 pairs of struct lwp4j_probe_timing: (min, median), (max, overhead), ns likewise. */
    private static long pair(long lo, long hi) {
        return (lo & 0xffff_ffffL) | hi << 32;
    }

    /** One record of each type; {@code i} varies the values. */
    static void appendOneOfEach(RingBuffer b, long i) {
        long t = now();
        b.append(RecordType.WRITE_FAULT.code(), 0, t, PAGE + i * 4096, 3, 5 + i, HANDLE_CYCLES, 0,
                pair(b.ownerTid() + 1, 1 << 2));
        b.append(RecordType.DIRTY_PAGES.code(), 0, t, 3, 7, PAGE, 256, 64, 52_000);
        b.append(RecordType.WRITE_FAULT_PROBE.code(), 0, t, 2_600, 5_200, 1_300, 9_100, pair(0, 1), pair(i, 1 << 2));
        b.append(RecordType.SYSCALL_PROBE.code(), 0, t, pair(0, 64), 1 + i, pair(400, 500), pair(900, 20),
                pair(150, 190), pair(350, 200));
        b.append(RecordType.CODE_LOAD_PROBE.code(), 0, t, 4 | 1L << 32 | 64L << 48, 1 + i, pair(200, 260),
                pair(900, 20), pair(80, 100), pair(350, 120));
        b.append(RecordType.SYSCALL.code(), 0, t, SYSCALL_NANOS, 4096, 8192, -1,
                (7 & 0xffff_ffffL) | 1L << 32 | 1L << 40, Thread.currentThread().threadId());
        b.append(RecordType.USER.code(), 0, t, i, 1, 2, 3, 4, 5);
    }
}
