package io.lwp4j.sampler;

import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.layout.RecordLayout;

/**
 * The clock of records Java writes about short events: the calibrated TSC, read through
 * {@code lwp4j_now()} (a critical FFM downcall: no thread-state transition), the same clock
 * the native sampler stamps its records with.
 *
 * <p>Why not {@link System#nanoTime()}: on this project's machines (KVM, constant TSC) one
 * {@code System.nanoTime()} costs about 17 ns and one {@code lwp4j_now()} about 9.6 ns; an
 * I/O call needs two readings, and the whole per-call budget is 30 ns. When the TSC is
 * unusable (no constant/nonstop TSC) {@code lwp4j_now()} returns CLOCK_MONOTONIC ns instead,
 * and {@link #recordFlags()} says so with {@link RecordLayout#FLAG_TIME_NS}.
 */
public final class RecordClock {
    private static final boolean TSC;
    private static final double NANOS_PER_TICK;

    static {
        try {
            TSC = (int) LibLwp4j.TSC_USABLE.invokeExact() != 0;
            long hz = (long) LibLwp4j.TSC_HZ.invokeExact();
            NANOS_PER_TICK = TSC ? 1e9 / hz : 1.0;
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    private RecordClock() {}

    /** Now, in ticks: TSC cycles, or ns when the TSC is unusable. */
    public static long now() {
        try {
            return (long) LibLwp4j.NOW.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** A tick interval in nanoseconds. */
    public static long toNanos(long ticks) {
        return (long) (ticks * NANOS_PER_TICK);
    }

    /** Record flags that go with times from {@link #now()}: 0 (TSC) or FLAG_TIME_NS. */
    public static int recordFlags() {
        return TSC ? 0 : RecordLayout.FLAG_TIME_NS;
    }

    public static boolean isTsc() {
        return TSC;
    }
}
