package io.lwp4j.jfr;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import jdk.jfr.Event;

/**
 * Gives an event committed after the fact the start time and duration of what it describes:
 * an I/O call timed by lwp4j's own clock is committed when it returns, and should span the
 * call in JMC's thread view as the JDK's {@code jdk.SocketRead} does.
 *
 * <p>JFR has no public API for it. Every event class gets two private {@code long} fields,
 * {@code startTime} and {@code duration}, in JFR's ticks; {@code commit()} keeps a start time
 * already set and a duration already set. This sets both, the start time as JFR's clock now
 * ({@code jdk.jfr.internal.JVM.counterTime()}) less the call's duration converted with
 * {@code JVM.getTicksFrequency()}. That needs {@code jdk.jfr.internal} exported to lwp4j (the
 * agent does it with {@code Instrumentation.redefineModule}); without it {@link #spanLast}
 * does nothing and the event is an instant at commit time, its length in a field of its own.
 */
public final class EventSpan {
    private static final MethodHandle COUNTER_TIME;
    private static final double TICKS_PER_NANO;
    private static final String UNAVAILABLE;
    private static final ClassValue<VarHandle[]> TIME_FIELDS = new ClassValue<>() {
        @Override
        protected VarHandle[] computeValue(Class<?> eventClass) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(eventClass, MethodHandles.lookup());
                return new VarHandle[] {lookup.findVarHandle(eventClass, "startTime", long.class),
                    lookup.findVarHandle(eventClass, "duration", long.class)};
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    static {
        MethodHandle counterTime = null;
        double ticksPerNano = 0;
        String unavailable = null;
        try {
            Class<?> jvm = Class.forName("jdk.jfr.internal.JVM");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            counterTime = lookup.findStatic(jvm, "counterTime", MethodType.methodType(long.class));
            long frequency = (long) lookup.findStatic(jvm, "getTicksFrequency", MethodType.methodType(long.class))
                    .invokeExact();
            ticksPerNano = frequency / 1e9;
            if (frequency <= 0) unavailable = "JFR's tick frequency is " + frequency;
        } catch (Throwable t) {
            unavailable = "JFR's clock is not reachable (" + t + ")";
        }
        COUNTER_TIME = unavailable == null ? counterTime : null;
        TICKS_PER_NANO = ticksPerNano;
        UNAVAILABLE = unavailable;
    }

    private EventSpan() {}

    /** Null when events can span, else why not. */
    public static String unavailableBecause() {
        return UNAVAILABLE;
    }

    /**
     * Makes {@code event} start {@code nanos} before now and last {@code nanos}: call it right
     * before {@code commit()}, on the thread that commits.
     *
     * @return false when it cannot (see {@link #unavailableBecause()}, or the event class has no
     *     such fields); the event is left as it was
     */
    public static boolean spanLast(Event event, long nanos) {
        if (COUNTER_TIME == null) return false;
        VarHandle[] fields = TIME_FIELDS.get(event.getClass());
        if (fields == null) return false;
        long now;
        try {
            now = (long) COUNTER_TIME.invokeExact();
        } catch (Throwable t) {
            return false;
        }
        long ticks = Math.max(1, Math.round(nanos * TICKS_PER_NANO));
        fields[0].set(event, now - ticks);
        fields[1].set(event, ticks);
        return true;
    }
}
