package io.lwp4j.cli.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the user asked the report to show.
 *
 * @param top how many of the slowest calls to list
 * @param from start of the time range: an offset from the recording's start ({@code 90s},
 *     {@code 1m30s}, {@code 250ms}) or an instant ({@code 2026-03-01T12:00:00Z}); null: the start
 * @param to end of the time range, the same way; null: the end
 * @param thread a regular expression the calling thread's whole name must match (recorded calls
 *     only: the I/O totals are per process), null for every thread
 * @param includeWaits rank and chart calls by their whole duration, waits included, instead of
 *     their working time
 */
public record ReportOptions(int top, String from, String to, Pattern thread, boolean includeWaits) {
    public static final int DEFAULT_TOP = 20;
    public static final ReportOptions DEFAULTS = new ReportOptions(DEFAULT_TOP, null, null, null, false);

    private static final Pattern OFFSET = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");

    public ReportOptions {
        if (top < 0) throw new IllegalArgumentException("--top must be 0 or more, got " + top);
    }

    /** A thread pattern from the command line. */
    public static Pattern threadPattern(String regex) {
        if (regex == null) return null;
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--thread is not a regular expression: " + e.getDescription() + " in " + regex);
        }
    }

    /** Checks both ends parse, so a typo fails before the recording is read. */
    public ReportOptions validated() {
        if (from != null) resolve(from, "--from", 0);
        if (to != null) resolve(to, "--to", 0);
        return this;
    }

    long fromEpochNanos(long recordingStart) {
        return from == null ? Long.MIN_VALUE : resolve(from, "--from", recordingStart);
    }

    long toEpochNanos(long recordingStart) {
        return to == null ? Long.MAX_VALUE : resolve(to, "--to", recordingStart);
    }

    boolean filtersTime() {
        return from != null || to != null;
    }

    /** An offset (from {@code recordingStart}, epoch ns) or an ISO-8601 instant, as epoch ns. */
    static long resolve(String text, String option, long recordingStart) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = OFFSET.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            double seconds = number(m.group(1)) * 3600 + number(m.group(2)) * 60 + number(m.group(3))
                    + number(m.group(4)) / 1000;
            return recordingStart + Math.round(seconds * 1e9);
        }
        if (t.matches("\\d+(\\.\\d+)?")) return recordingStart + Math.round(Double.parseDouble(t) * 1e9);
        try {
            Instant i;
            try {
                i = Instant.parse(text.strip());
            } catch (DateTimeException notUtc) {
                i = OffsetDateTime.parse(text.strip()).toInstant();
            }
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " " + text + " is neither an offset from the recording's start"
                    + " (90s, 1m30s, 250ms, 2h) nor an instant (2026-03-01T12:00:00Z)");
        }
    }

    private static double number(String group) {
        return group == null ? 0 : Double.parseDouble(group);
    }
}
