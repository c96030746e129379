package io.lwp4j.sampler;

import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.layout.RecordLayout;

/**
 * The clock of records Java writes about short events: the TSC, the same clock the native
 * sampler stamps its records with, read by {@code lwp4j_tsc_read()} (a bare {@code rdtsc}
 * behind a critical FFM downcall: no thread-state transition).
 *
 * <p>Why not {@link System#nanoTime()}: an I/O call needs two readings and the whole per-call
 * budget is 30 ns; on this project's machines (KVM, constant TSC) {@code System.nanoTime()}
 * costs about 17 ns, the TSC read about 9 ns (BENCHMARKS.md, "Agent overhead"). When the TSC is
 * unusable (no constant/nonstop TSC, or calibration failed) the clock is {@code lwp4j_now()},
 * CLOCK_MONOTONIC ns, and {@link #recordFlags()} says so with {@link RecordLayout#FLAG_TIME_NS}.
 */
public final class RecordClock {
    private static final boolean TSC;
    private static final double NANOS_PER_TICK;
    /** NANOS_PER_TICK * 2^62, for {@link #toNanos}: ns = high 64 bits of (ticks * 4) * this. */
    private static final long NANOS_PER_TICK_Q62;

    static {
        TSC = NativeClock.tscUsable();
        long hz = NativeClock.tscHz();
        NANOS_PER_TICK = TSC ? 1e9 / hz : 1.0;
        NANOS_PER_TICK_Q62 = NANOS_PER_TICK < 2 ? Math.round(Math.scalb(NANOS_PER_TICK, 62)) : 0;
    }

    private RecordClock() {}

    /** Now, in ticks: TSC cycles, or ns when the TSC is unusable. */
    public static long now() {
        return TSC ? NativeClock.tscRead() : NativeClock.now();
    }

    /** {@link #now()}, after asking for the two cache lines at these addresses for writing. */
    public static long nowPrefetchingForWrite(long line, long otherLine) {
        return TSC ? NativeClock.tscReadPrefetchw(line, otherLine) : NativeClock.now();
    }

    /**
     * A tick interval in nanoseconds (negative when the ticks are). A fixed-point multiply, cheaper
     * on the I/O hot path than a double's conversions; exact to 1 ns for any clock over 500 MHz
     * (and the ns fallback), intervals up to 2^61 ticks.
     */
    public static long toNanos(long ticks) {
        return NANOS_PER_TICK_Q62 != 0 ? Math.multiplyHigh(ticks << 2, NANOS_PER_TICK_Q62)
                : (long) (ticks * NANOS_PER_TICK);
    }

    /** Record flags that go with times from {@link #now()}: 0 (TSC) or FLAG_TIME_NS. */
    public static int recordFlags() {
        return TSC ? 0 : RecordLayout.FLAG_TIME_NS;
    }

    public static boolean isTsc() {
        return TSC;
    }
}
