package io.lwp4j.cli.report;

/**
 * Counts of durations in the buckets of a Prometheus native histogram of schema 4 in seconds,
 * as {@code lwp4j.SyscallSummary} carries them: bucket {@code k} holds durations d with
 * 2^((k-1)/16) s < d <= 2^(k/16) s, 16 buckets per power of two. Summing the buckets of many
 * intervals is exact, so percentiles over any range of a recording are as good as over one
 * interval: a value reported at its bucket's geometric middle is within 2^(1/32) - 1 = 2.2 %
 * of every duration the bucket holds.
 *
 * <p>Buckets below 2^-31 s (0.47 ns) and above 2^12 s (68 min) are counted in the first and
 * last kept bucket; no I/O call lands there.
 */
final class IoBuckets {
    static final int SCHEMA = 4;
    static final int MIN_K = -31 << SCHEMA;
    static final int MAX_K = 12 << SCHEMA;
    private static final int SIZE = MAX_K - MIN_K + 1;

    private final long[] counts = new long[SIZE];
    private long total;

    /** Adds {@code count} durations of bucket {@code k}. */
    void add(int k, long count) {
        counts[Math.clamp((long) k - MIN_K, 0, SIZE - 1)] += count;
        total += count;
    }

    void addAll(IoBuckets other) {
        for (int i = 0; i < SIZE; i++) counts[i] += other.counts[i];
        total += other.total;
    }

    long count() {
        return total;
    }

    boolean isEmpty() {
        return total == 0;
    }

    /**
     * The duration at quantile {@code q} (0..1) in ns: the geometric middle of the bucket that
     * holds it; 0 when empty.
     */
    long quantileNanos(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += counts[i];
            if (seen >= rank) return middleNanos(i + MIN_K);
        }
        return middleNanos(MAX_K);
    }

    static long upperBoundNanos(int k) {
        return Math.round(1e9 * Math.pow(2, (double) k / (1 << SCHEMA)));
    }

    static long middleNanos(int k) {
        return Math.round(1e9 * Math.pow(2, (k - 0.5) / (1 << SCHEMA)));
    }

    /** Receives decoded buckets: of the work half or the wait half, index, count. */
    @FunctionalInterface
    interface Sink {
        void add(boolean wait, int k, long count);
    }

    /**
     * Decodes one summary's {@code histogram} text: work buckets as {@code k:count} pairs
     * separated by spaces, then {@code |}, then the wait buckets the same way.
     *
     * @throws IllegalArgumentException when the text is not in that form
     */
    static void decode(String text, Sink sink) {
        boolean wait = false;
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '|') {
                if (wait) throw new IllegalArgumentException("two '|' in histogram \"" + text + "\"");
                wait = true;
                i++;
            } else {
                int end = i;
                while (end < n && text.charAt(end) != ' ' && text.charAt(end) != '|') end++;
                int colon = text.indexOf(':', i);
                if (colon < 0 || colon >= end) throw new IllegalArgumentException("no k:count at " + i + " in \"" + text + "\"");
                int k = Integer.parseInt(text, i, colon, 10);
                long count = Long.parseLong(text, colon + 1, end, 10);
                if (count < 0) throw new IllegalArgumentException("negative count in \"" + text + "\"");
                sink.add(wait, k, count);
                i = end;
            }
        }
    }
}
