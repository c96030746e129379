package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Schema-4 buckets: the boundaries, exact merges, and percentiles within 2.2 % of the values. */
class IoBucketsTest {
    @Test
    void bucketBoundsAreSixteenPerPowerOfTwoInSeconds() {
        assertEquals(1_000_000_000L, IoBuckets.upperBoundNanos(0));
        assertEquals(2_000_000_000L, IoBuckets.upperBoundNanos(16));
        assertEquals(500_000_000L, IoBuckets.upperBoundNanos(-16));
        assertEquals(Math.round(1e9 * Math.pow(2, 1 / 16.0)), IoBuckets.upperBoundNanos(1));
    }

    @Test
    void percentilesOverMergedIntervalsAreWithinTheBucketError() {
        SplittableRandom random = new SplittableRandom(17);
        long[] values = new long[200_000];
        IoBuckets merged = new IoBuckets();
        StringBuilder interval = new StringBuilder();
        java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.pow(10, random.nextDouble(2, 9)); // 100 ns .. 1 s, log-uniform
            counts.merge(bucket(values[i]), 1L, Long::sum);
            if (i % 10_000 == 9_999) { // one summary interval's text
                interval.setLength(0);
                counts.forEach((k, n) -> interval.append(interval.isEmpty() ? "" : " ").append(k).append(':').append(n));
                interval.append("|");
                IoBuckets.decode(interval.toString(), (wait, k, n) -> merged.add(k, n));
                counts.clear();
            }
        }
        assertEquals(values.length, merged.count(), "merging intervals is exact");
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            long reported = merged.quantileNanos(q);
            assertEquals(exact, reported, exact * (Math.pow(2, 1 / 32.0) - 1) + 1, "p" + q);
        }
    }

    @Test
    void waitsGoApartAndDamagedTextIsRefused() {
        IoBuckets work = new IoBuckets(), wait = new IoBuckets();
        IoBuckets.decode("-300:2 -290:1|-200:5", (isWait, k, n) -> (isWait ? wait : work).add(k, n));
        assertEquals(3, work.count());
        assertEquals(5, wait.count());
        for (String bad : new String[] {"-300", "-300:x", "1:2|3:4|5:6", "1:-2"}) {
            assertThrows(IllegalArgumentException.class, () -> IoBuckets.decode(bad, (w, k, n) -> { }), bad);
        }
    }

    /** The bucket of a duration, computed independently of the reader: 2^((k-1)/16) s < d <= 2^(k/16) s. */
    private static int bucket(long nanos) {
        int k = (int) Math.ceil(16 * (Math.log(nanos / 1e9) / Math.log(2)));
        while (IoBuckets.upperBoundNanos(k) < nanos) k++;
        while (IoBuckets.upperBoundNanos(k - 1) >= nanos) k--;
        return k;
    }
}
