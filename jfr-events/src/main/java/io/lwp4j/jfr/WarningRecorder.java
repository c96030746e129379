package io.lwp4j.jfr;

import io.lwp4j.jfr.events.WarningEvent;
import io.lwp4j.sampler.Warnings;
import jdk.jfr.FlightRecorder;

/**
 * Puts lwp4j's warnings (a feature the kernel or the environment refused, with the fix) into
 * every chunk as {@code lwp4j.Warning} events, so a recording says what was off, not only the
 * terminal that is long gone when someone reads it.
 */
public final class WarningRecorder {
    private static Runnable hook; // guarded by the class

    private WarningRecorder() {}

    /** Adds the periodic hook; does nothing when installed already or when JFR is unavailable. */
    public static synchronized void install() {
        if (hook != null || !FlightRecorder.isAvailable()) return;
        hook = () -> {
            for (String message : Warnings.said()) {
                WarningEvent e = new WarningEvent();
                e.message = message;
                e.commit();
            }
        };
        FlightRecorder.addPeriodicEvent(WarningEvent.class, hook);
    }

    public static synchronized void uninstall() {
        if (hook == null) return;
        FlightRecorder.removePeriodicEvent(hook);
        hook = null;
    }
}
