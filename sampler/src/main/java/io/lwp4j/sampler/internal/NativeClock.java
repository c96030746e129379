package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/**
 * The record clock of liblwp4j ({@code src/tsc.c}, {@code src/clock.c}): the calibrated TSC, or
 * CLOCK_MONOTONIC where it is unusable.
 *
 * <p>One class per C area: its downcall handles are private and bound when the class is first
 * used (class initialisation), each wrapped once in a typed method. Functions that can fail
 * return what {@code lwp4j.h} says: 0 or a count, or a negative errno. The readers are linked
 * {@code critical}: a few nanoseconds each.
 */
public final class NativeClock {
    private static final MethodHandle TSC_HZ =
            LibLwp4j.bind("lwp4j_tsc_hz", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle TSC_USABLE =
            LibLwp4j.bind("lwp4j_tsc_usable", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle NOW =
            LibLwp4j.bind("lwp4j_now", FunctionDescriptor.of(JAVA_LONG), LibLwp4j.CRITICAL);
    private static final MethodHandle TSC_READ =
            LibLwp4j.bind("lwp4j_tsc_read", FunctionDescriptor.of(JAVA_LONG), LibLwp4j.CRITICAL);
    private static final MethodHandle TSC_READ_PREFETCHW =
            LibLwp4j.bind("lwp4j_tsc_read_prefetchw", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), LibLwp4j.CRITICAL);
    private static final MethodHandle GETTID =
            LibLwp4j.bind("lwp4j_gettid", FunctionDescriptor.of(JAVA_INT), LibLwp4j.CRITICAL);

    private NativeClock() {}

    /** The calibrated TSC frequency, 0 when the TSC is unusable. */
    public static long tscHz() {
        try {
            return (long) TSC_HZ.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** constant_tsc, nonstop_tsc and calibrated. */
    public static boolean tscUsable() {
        try {
            return (int) TSC_USABLE.invokeExact() != 0;
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** The TSC, or CLOCK_MONOTONIC ns when it is unusable. */
    public static long now() {
        try {
            return (long) NOW.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** A bare rdtsc: only when {@link #tscUsable()}. */
    public static long tscRead() {
        try {
            return (long) TSC_READ.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** rdtsc after a prefetch-for-write of two addresses (a hint: any address is safe). */
    public static long tscReadPrefetchw(long line, long otherLine) {
        try {
            return (long) TSC_READ_PREFETCHW.invokeExact(line, otherLine);
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    /** gettid() of the calling OS thread (cached per thread). */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
