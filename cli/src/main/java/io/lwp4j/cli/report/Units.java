package io.lwp4j.cli.report;

import java.util.Locale;

/** How numbers read: durations, data amounts and counts with three significant digits. */
public final class Units {
    private Units() {
    }

    /** {@code 812 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.23 s}; micro as "us" when {@code ascii}. */
    public static String duration(long nanos, boolean ascii) {
        long abs = Math.abs(nanos);
        if (abs < 1_000) return nanos + " ns";
        if (abs < 1_000_000) return significant(nanos / 1e3) + (ascii ? " us" : " µs");
        if (abs < 1_000_000_000) return significant(nanos / 1e6) + " ms";
        return significant(nanos / 1e9) + " s";
    }

    public static String duration(long nanos) {
        return duration(nanos, false);
    }

    /** Whole numbers with thousands separators, others with three significant digits. */
    public static String count(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return significant(value);
    }

    public static String bytes(double value) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return (unit == 0 ? count(scaled) : significant(scaled)) + " " + units[unit];
    }

    /** Three significant digits, no exponent: 1.23, 12.3, 123, 1234. */
    static String significant(double value) {
        double abs = Math.abs(value);
        int decimals = abs >= 100 || abs == 0 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** An offset from the start of the recording on a time axis: {@code 0 s}, {@code 1.5 s}, {@code 2 min}. */
    public static String offset(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds == 0) return "0";
        if (Math.abs(seconds) < 1) return trimmed(seconds * 1000) + " ms";
        if (Math.abs(seconds) < 120) return trimmed(seconds) + " s";
        if (Math.abs(seconds) < 7200) return trimmed(seconds / 60) + " min";
        return trimmed(seconds / 3600) + " h";
    }

    private static String trimmed(double value) {
        String s = significant(value);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
