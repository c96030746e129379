package io.lwp4j.jfr;

import java.util.Locale;
import java.util.Set;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.SettingControl;
import jdk.jfr.Timespan;

/**
 * The {@code callThreshold} setting of {@code lwp4j.Syscall}: only calls that took at least
 * this long become events, like the threshold of the JDK's own I/O events (their JFR
 * duration cannot be used: lwp4j's events are committed after the fact, by the drainer).
 * Values are JFR timespans: {@code "20 ms"}, {@code "0 ns"}, {@code "infinity"}. When
 * several recordings ask for different values, the smallest wins, so each gets at least the
 * events it asked for. Unset, the value is {@value #DEFAULT}.
 */
@MetadataDefinition
@Name("lwp4j.CallThreshold")
@Label("Call Threshold")
@Description("Record only calls that took at least this long")
@Timespan
public final class CallThreshold extends SettingControl {
    public static final String DEFAULT = "20 ms";
    private static final long INFINITY = Long.MAX_VALUE;

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
