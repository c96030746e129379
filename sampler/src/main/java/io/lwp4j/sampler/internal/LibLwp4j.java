package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * liblwp4j itself, and the only holder of handles to it: {@code lwp4j_call(op, a0..a6)} (see
 * {@code lwp4j.h}, "The Java boundary"), bound plain and {@code critical}, and {@code
 * lwp4j_tsc_read}, which the agent calls twice per timed I/O call. Every distinct FFM shape
 * costs the JVM a stub, method handles and their compiled forms (BENCHMARKS.md, "FFM
 * bindings"); three handles of two shapes replace one handle per function (40 at the
 * defaults, of 26 shapes).
 * The facades ({@link NativeBuffers}, {@link NativeRegistry}, {@link NativeClock}, {@link
 * NativeSelfCheck}, the write tracker's and the probes') wrap each op in a typed method.
 *
 * <p>Pointers go as {@link MemorySegment#address()}, so a call no longer keeps the segment's
 * arena alive as a segment argument would: what the facades pass is C-owned (a tracker, a
 * buffer liblwp4j made), held open by the caller for the call (a confined arena's segment, a
 * buffer whose close is synchronized with the call), or an {@code Arena.ofAuto()} segment the
 * caller keeps reachable ({@code Reference.reachabilityFence}) until the call has returned.
 */
public final class LibLwp4j {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = NativeLibrary.load();
    private static final FunctionDescriptor CALL = FunctionDescriptor.of(JAVA_LONG, JAVA_INT,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** For calls that neither block nor call back: no thread-state transition, a few ns each. */
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final MethodHandle CALL_PLAIN = LINKER.downcallHandle(symbol("lwp4j_call"), CALL);
    private static final MethodHandle CALL_CRITICAL = LINKER.downcallHandle(symbol("lwp4j_call"), CALL, CRITICAL);
    private static final MethodHandle TSC_READ =
            LINKER.downcallHandle(symbol("lwp4j_tsc_read"), FunctionDescriptor.of(JAVA_LONG), CRITICAL);

    private LibLwp4j() {}

    /**
     * The address of a liblwp4j function: what the handles above are bound to, and what a
     * benchmark binds its own handle to when it compares one with {@link #callCritical}.
     */
    public static MemorySegment symbol(String name) {
        return LIB.find(name).orElseThrow(() -> new IllegalStateException("liblwp4j has no symbol " + name
                + ": the native library and the Java classes come from different builds"));
    }

    /** {@code lwp4j_call(op, a0..a6)}: may block or call back (the thread state changes). */
    public static long call(int op, long a0, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) CALL_PLAIN.invokeExact(op, a0, a1, a2, a3, a4, a5, a6);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long call(int op) {
        return call(op, 0, 0, 0, 0, 0, 0, 0);
    }

    public static long call(int op, long a0) {
        return call(op, a0, 0, 0, 0, 0, 0, 0);
    }

    public static long call(int op, long a0, long a1) {
        return call(op, a0, a1, 0, 0, 0, 0, 0);
    }

    public static long call(int op, long a0, long a1, long a2) {
        return call(op, a0, a1, a2, 0, 0, 0, 0);
    }

    public static long call(int op, long a0, long a1, long a2, long a3) {
        return call(op, a0, a1, a2, a3, 0, 0, 0);
    }

    public static long call(int op, long a0, long a1, long a2, long a3, long a4) {
        return call(op, a0, a1, a2, a3, a4, 0, 0);
    }

    public static long call(int op, long a0, long a1, long a2, long a3, long a4, long a5) {
        return call(op, a0, a1, a2, a3, a4, a5, 0);
    }

    /**
     * {@code lwp4j_call(op, a0..a6)} linked {@code critical}: only for ops that neither block
     * nor call back ({@code lwp4j.h} marks them).
     */
    public static long callCritical(int op, long a0, long a1, long a2, long a3) {
        try {
            return (long) CALL_CRITICAL.invokeExact(op, a0, a1, a2, a3, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long callCritical(int op) {
        return callCritical(op, 0, 0, 0, 0);
    }

    public static long callCritical(int op, long a0) {
        return callCritical(op, a0, 0, 0, 0);
    }

    public static long callCritical(int op, long a0, long a1) {
        return callCritical(op, a0, a1, 0, 0);
    }

    public static long callCritical(int op, long a0, long a1, long a2) {
        return callCritical(op, a0, a1, a2, 0);
    }

    /** {@code lwp4j_tsc_read()}: a bare rdtsc, its own handle for the I/O hot path. */
    public static long tscRead() {
        try {
            return (long) TSC_READ.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A creator's result ({@code lwp4j.h}: "NULL: -errno") as the segment it made, NULL for an errno. */
    public static MemorySegment madeOrNull(long result) {
        return result > 0 ? MemorySegment.ofAddress(result) : MemorySegment.NULL;
    }

    /** Rethrows what a downcall threw: they throw nothing but errors of the JVM itself. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
