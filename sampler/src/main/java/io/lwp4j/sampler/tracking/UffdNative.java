package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Downcalls of the {@code lwp4j_wt_*} API. None is {@code critical}: they take locks the
 * native handler also takes, issue ioctls and start or join threads, so the calling thread
 * must be safepoint-safe while in them.
 */
final class UffdNative {
    static final MethodHandle OPEN = LibLwp4j.bind("lwp4j_wt_open",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS));
    static final MethodHandle TRACK = LibLwp4j.bind("lwp4j_wt_track",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    static final MethodHandle UNTRACK = LibLwp4j.bind("lwp4j_wt_untrack",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    /** errno as the call left it: the first argument of REARM and DIRTY is where it goes. */
    static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    static final VarHandle CALL_ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final MethodHandle REARM = LibLwp4j.bind("lwp4j_wt_rearm",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), ERRNO);
    static final MethodHandle DIRTY = LibLwp4j.bind("lwp4j_wt_dirty",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), ERRNO);
    static final int ENXIO = 6;
    static final MethodHandle EPOCH = LibLwp4j.bind("lwp4j_wt_epoch",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
    static final MethodHandle HOLD = LibLwp4j.bind("lwp4j_wt_hold",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle INFO = LibLwp4j.bind("lwp4j_wt_info",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    static final MethodHandle CLOSE = LibLwp4j.bind("lwp4j_wt_close",
            FunctionDescriptor.ofVoid(ADDRESS));
    static final MethodHandle SCAN_BUFFER = LibLwp4j.bind("lwp4j_wt_scan_buffer",
            FunctionDescriptor.of(ADDRESS));

    static final MethodHandle CANARY_START = LibLwp4j.bind("lwp4j_wt_canary_start",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle CANARY_SET_PERIOD = LibLwp4j.bind("lwp4j_wt_canary_set_period",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    static final MethodHandle CANARY_STOP = LibLwp4j.bind("lwp4j_wt_canary_stop",
            FunctionDescriptor.ofVoid());
    static final MethodHandle CANARY_FLAVOUR = LibLwp4j.bind("lwp4j_wt_canary_flavour",
            FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle CANARY_BUFFER = LibLwp4j.bind("lwp4j_wt_canary_buffer",
            FunctionDescriptor.of(ADDRESS));

    private UffdNative() {}
}
