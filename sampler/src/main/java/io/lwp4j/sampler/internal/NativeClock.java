package io.lwp4j.sampler.internal;

/**
 * The record clock of liblwp4j ({@code src/tsc.c}, {@code src/clock.c}): the calibrated TSC, or
 * CLOCK_MONOTONIC where it is unusable.
 *
 * <p>One class per C area, each function wrapped once in a typed method through {@link
 * LibLwp4j}. The readers are critical calls, a few nanoseconds each; {@link #tscRead()}, two
 * per timed I/O call, has a handle of its own.
 */
public final class NativeClock {
    private NativeClock() {}

    /** The calibrated TSC frequency, 0 when the TSC is unusable. */
    public static long tscHz() {
        return LibLwp4j.call(NativeOp.TSC_HZ);
    }

    /** constant_tsc, nonstop_tsc and calibrated. */
    public static boolean tscUsable() {
        return LibLwp4j.call(NativeOp.TSC_USABLE) != 0;
    }

    /** The TSC, or CLOCK_MONOTONIC ns when it is unusable. */
    public static long now() {
        return LibLwp4j.callCritical(NativeOp.NOW);
    }

    /** A bare rdtsc: only when {@link #tscUsable()}. */
    public static long tscRead() {
        return LibLwp4j.tscRead();
    }

    /** rdtsc after a prefetch-for-write of two addresses (a hint: any address is safe). */
    public static long tscReadPrefetchw(long line, long otherLine) {
        return LibLwp4j.callCritical(NativeOp.TSC_READ_PREFETCHW, line, otherLine);
    }

    /** gettid() of the calling OS thread (cached per thread). */
    public static int gettid() {
        return (int) LibLwp4j.callCritical(NativeOp.GETTID);
    }
}
