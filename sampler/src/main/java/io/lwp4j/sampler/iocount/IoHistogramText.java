package io.lwp4j.sampler.iocount;

import java.util.Arrays;

/**
 * The text form of a work-time and a wait-time histogram, as the {@code histogram} field of
 * {@code lwp4j.SyscallSummary} holds them: the non-empty buckets of each as {@code k:count}
 * pairs ({@code k} the schema-4 bucket index of {@link IoHistogramScheme}) separated by spaces,
 * work first, then {@code |}, then wait:
 * <pre>
 * -352:4 -351:17 -340:1|-200:3
 * </pre>
 * Counts add up exactly, so a reader can merge the intervals of a recording bucket by bucket and
 * take percentiles of the whole. Encoder and decoder are kept side by side here.
 */
public final class IoHistogramText {
    private IoHistogramText() {}

    /** Work and wait histograms of one interval. */
    public record WorkAndWait(IoHistogram workTimes, IoHistogram waitTimes) {}

    /** {@code workTimes} and {@code waitTimes} as one text: {@code "k:c k:c|k:c"}. */
    public static String encode(IoHistogram workTimes, IoHistogram waitTimes) {
        StringBuilder s = new StringBuilder();
        append(s, workTimes);
        s.append('|');
        append(s, waitTimes);
        return s.toString();
    }

    /** One histogram's {@code k:c} pairs, without the separator. */
    public static String encode(IoHistogram h) {
        StringBuilder s = new StringBuilder();
        append(s, h);
        return s.toString();
    }

    private static void append(StringBuilder s, IoHistogram h) {
        long[] counts = h.bucketCounts();
        boolean first = true;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            if (!first) s.append(' ');
            s.append(h.firstIndex() + i).append(':').append(counts[i]);
            first = false;
        }
    }

    /**
     * The two histograms of a text {@link #encode(IoHistogram, IoHistogram)} made (a text without
     * {@code |} is a work histogram alone).
     *
     * @throws IllegalArgumentException on anything else
     */
    public static WorkAndWait decode(String text) {
        int bar = text.indexOf('|');
        if (bar >= 0 && text.indexOf('|', bar + 1) >= 0) {
            throw new IllegalArgumentException("more than one '|' in histogram text: " + text);
        }
        return bar < 0 ? new WorkAndWait(decodeOne(text), IoHistogram.EMPTY)
                : new WorkAndWait(decodeOne(text.substring(0, bar)), decodeOne(text.substring(bar + 1)));
    }

    private static IoHistogram decodeOne(String text) {
        String t = text.strip();
        if (t.isEmpty()) return IoHistogram.EMPTY;
        String[] pairs = t.split(" +");
        int[] indexes = new int[pairs.length];
        long[] counts = new long[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            int colon = pairs[i].indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("not k:count in histogram text: '" + pairs[i] + "'");
            try {
                indexes[i] = Integer.parseInt(pairs[i].substring(0, colon));
                counts[i] = Long.parseLong(pairs[i].substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not k:count in histogram text: '" + pairs[i] + "'", e);
            }
        }
        int[] sorted = indexes.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("bucket " + sorted[i] + " twice in histogram text: " + text);
            }
        }
        return IoHistogram.of(indexes, counts);
    }
}
