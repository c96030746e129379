package io.lwp4j.jfr;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Description;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.SettingControl;
import jdk.jfr.Timespan;

/**
 * The {@code callThreshold} setting of {@code lwp4j.Syscall}: only calls that took at least
 * this long become events, like the threshold of the JDK's own I/O events. Values are JFR
 * timespans: {@code "20 ms"}, {@code "0 ns"}, {@code "infinity"}. When several recordings ask
 * for different values, the smallest wins, so each gets at least the events it asked for.
 * Unset, the value is {@value #DEFAULT}.
 *
 * <p>The agent's I/O advice takes a call's slow path (where the event is made) only for calls
 * of at least {@link #activeNanos()}, so JFR's value is also published here. JFR applies an
 * event's settings in one pass, {@code enabled} before this one, and calls {@link #setValue}
 * at every change of any recording, so the value and the event's enabled state read here are
 * those of the running recordings once the listeners ({@link #onChange}) run.
 */
@MetadataDefinition
@Name("lwp4j.CallThreshold")
@Label("Call Threshold")
@Description("Record only calls that took at least this long")
@Timespan
public final class CallThreshold extends SettingControl {
    public static final String DEFAULT = "20 ms";
    private static final long INFINITY = Long.MAX_VALUE;
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile long lastValueNanos = parse(DEFAULT);
    private static volatile EventType watched;

    private String value = DEFAULT;
    private volatile long thresholdNanos = parse(DEFAULT);

    public CallThreshold() {}

    @Override
    public String combine(Set<String> values) {
        String smallest = null;
        long min = INFINITY;
        for (String v : values) {
            long n = parseOrInfinity(v);
            if (smallest == null || n < min) {
                smallest = v;
                min = n;
            }
        }
        return smallest == null ? DEFAULT : smallest;
    }

    @Override
    public void setValue(String settingValue) {
        value = settingValue;
        thresholdNanos = parseOrInfinity(settingValue);
        lastValueNanos = thresholdNanos;
        for (Runnable listener : LISTENERS) listener.run();
    }

    /**
     * The threshold of the running recordings that enable the watched event ({@code
     * lwp4j.Syscall}), or {@link Long#MAX_VALUE} when none does. No lock: callable from JFR's
     * own settings pass.
     */
    public static long activeNanos() {
        EventType t = watched;
        return t != null && t.isEnabled() ? lastValueNanos : INFINITY;
    }

    /** Runs {@code listener} after every change of the value or of the watched event's enabled state. */
    public static void onChange(Runnable listener) {
        LISTENERS.add(listener);
    }

    /** {@link #activeNanos()} is about {@code eventType} from now on (JfrPipeline, once it is registered). */
    static void watch(EventType eventType) {
        watched = eventType;
        for (Runnable listener : LISTENERS) listener.run();
    }

    @Override
    public String getValue() {
        return value;
    }

    /** True when a call of {@code callNanos} reaches the threshold. */
    public boolean accepts(long callNanos) {
        return callNanos >= thresholdNanos;
    }

    /** A bad value disables the events rather than flooding the recording. */
    private static long parseOrInfinity(String v) {
        try {
            return parse(v);
        } catch (IllegalArgumentException bad) {
            return INFINITY;
        }
    }

    /** Nanoseconds of a JFR timespan text: {@code "<n> <unit>"} (ns us ms s m h d), or "infinity". */
    static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("infinity")) return INFINITY;
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) i++;
        if (i == 0) throw new IllegalArgumentException("not a timespan: " + text);
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim();
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> {
                if (n == 0 && unit.isEmpty()) yield 1L;
                throw new IllegalArgumentException("unknown timespan unit in " + text);
            }
        };
        return Math.multiplyHigh(n, scale) != 0 ? INFINITY : n * scale;
    }
}
