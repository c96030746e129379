package io.lwp4j.sampler.iocount;

/**
 * The buckets every I/O duration is counted in: exponential buckets of <b>schema 4</b> (16 per
 * power of two, base 2<sup>1/16</sup>) aligned to seconds, i.e. exactly the buckets of a
 * Prometheus native histogram of schema 4, or an OpenTelemetry exponential histogram of scale
 * 4, recorded in seconds. Bucket index {@code k} (Prometheus' convention) holds the durations
 * {@code d} with 2<sup>(k-1)/16</sup> s &lt; d &le; 2<sup>k/16</sup> s; OpenTelemetry's index of
 * the same bucket is {@code k - 1}.
 *
 * <p>Range: index {@value #MIN_INDEX} also holds everything shorter (0 to 8 ns: the underflow
 * bucket) and index {@value #MAX_INDEX} everything longer than 2<sup>114/16</sup> s (about
 * 140 s: the overflow bucket), {@value #BUCKETS} buckets in all.
 *
 * <p>Accuracy: a bucket's bounds differ by the factor 2<sup>1/16</sup>, so the geometric
 * midpoint of the bucket a duration fell in ({@link #midpointNanos}) is within {@link
 * #RELATIVE_ERROR} = 2<sup>1/32</sup> &minus; 1 &lt; 2.2 % of it, for every duration from 9 ns
 * to 140 s. Figures rounded to whole nanoseconds (JFR fields) add at most 0.5 ns to that.
 * HdrHistogram: record each bucket's count at its midpoint ({@code recordValueWithCount}).
 *
 * <p>{@link #slot} is the hot path's index: no logarithm, no loop. The 16 bucket bounds of
 * every power of two of nanoseconds sit at the same relative places (a bucket bound doubled
 * is the bound 16 buckets up), so the 6 bits under a duration's leading one pick a candidate
 * bucket from a 64-entry table; each of those 64 sub-ranges is narrower than a bucket, so one
 * compare with the exact upper bound of the candidate moves it up by at most one.
 */
public final class IoHistogramScheme {
    /** Prometheus native histogram schema, OpenTelemetry exponential histogram scale. */
    public static final int SCHEMA = 4;
    /** The lowest bucket index; it holds every duration up to 8 ns. */
    public static final int MIN_INDEX = -430;
    /** The highest bucket index; it holds every duration over 2<sup>114/16</sup> s. */
    public static final int MAX_INDEX = 115;
    public static final int BUCKETS = MAX_INDEX - MIN_INDEX + 1;
    /** Most a bucket's midpoint differs from a duration in it, relative to that duration. */
    public static final double RELATIVE_ERROR = Math.pow(2, 1.0 / 32) - 1;

    /** UPPER[s]: the longest whole-nanosecond duration of slot s; the overflow slot's is Long.MAX_VALUE. */
    private static final long[] UPPER = new long[BUCKETS];
    /** Candidate slot of a duration = 16 * (its leading bit) + CANDIDATE[6 bits under it]. */
    private static final int[] CANDIDATE = new int[64];
    private static final long UNDERFLOW_MAX = 8;
    private static final long IN_RANGE_SPAN;

    static {
        for (int s = 0; s < BUCKETS - 1; s++) {
            UPPER[s] = (long) Math.floor(exactUpperBoundNanos(s + MIN_INDEX));
        }
        UPPER[BUCKETS - 1] = Long.MAX_VALUE;
        // Bucket bounds repeat every power of two; read the pattern in the octave of 2^30 ns
        // (about 1 s), where the 64 sub-range starts are whole nanoseconds.
        int octave = 30;
        for (int f = 0; f < 64; f++) {
            long start = (1L << octave) + ((long) f << (octave - 6));
            CANDIDATE[f] = slotBySearch(start) - 16 * octave;
        }
        IN_RANGE_SPAN = UPPER[BUCKETS - 2] - (UNDERFLOW_MAX + 1);
    }

    private IoHistogramScheme() {}

    /**
     * The slot (bucket index minus {@link #MIN_INDEX}, 0 to {@link #BUCKETS} - 1) that
     * {@code nanos} counts in; negative durations count as 0.
     */
    public static int slot(long nanos) {
        if (Long.compareUnsigned(nanos - (UNDERFLOW_MAX + 1), IN_RANGE_SPAN) > 0) {
            return nanos <= UNDERFLOW_MAX ? 0 : BUCKETS - 1;
        }
        int leadingZeros = Long.numberOfLeadingZeros(nanos);
        int under = (int) ((nanos << leadingZeros << 1) >>> 58);
        int slot = ((63 - leadingZeros) << 4) + CANDIDATE[under];
        return nanos > UPPER[slot] ? slot + 1 : slot;
    }

    /** The bucket index {@code k} of {@code nanos}. */
    public static int index(long nanos) {
        return slot(nanos) + MIN_INDEX;
    }

    /** The longest whole-nanosecond duration bucket {@code k} holds ({@link Long#MAX_VALUE} for the last). */
    public static long upperBoundNanos(int k) {
        return UPPER[k - MIN_INDEX];
    }

    /** The shortest whole-nanosecond duration bucket {@code k} holds (0 for the first). */
    public static long lowerBoundNanos(int k) {
        return k == MIN_INDEX ? 0 : UPPER[k - 1 - MIN_INDEX] + 1;
    }

    /** Bucket {@code k}'s upper bound 2<sup>k/16</sup> s, in seconds (as Prometheus and OpenTelemetry write it). */
    public static double upperBoundSeconds(int k) {
        return StrictMath.pow(2, k / 16.0);
    }

    /**
     * The value that stands for bucket {@code k}'s durations: its geometric midpoint
     * 2<sup>(k-1/2)/16</sup> s in ns; 0 for the underflow bucket, the overflow bucket's lower
     * bound for it.
     */
    public static double midpointNanos(int k) {
        if (k <= MIN_INDEX) return 0;
        if (k >= MAX_INDEX) return exactUpperBoundNanos(MAX_INDEX - 1);
        return 1e9 * StrictMath.pow(2, (k - 0.5) / 16);
    }

    /**
     * 2^(k/16) s in ns, as a double (the bucket bound before rounding to whole nanoseconds): k/16
     * is exact in binary, so two roundings stand between this and the real bound, and {@code
     * IoHistogramSchemeTest} proves that its floor is exact for every bucket.
     */
    static double exactUpperBoundNanos(int k) {
        return 1e9 * StrictMath.pow(2, k / 16.0);
    }

    /** The slot of {@code nanos} by binary search over the upper bounds (class init and tests). */
    static int slotBySearch(long nanos) {
        int lo = 0;
        int hi = BUCKETS - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanos <= UPPER[mid]) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}
