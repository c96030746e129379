package io.lwp4j.sampler.iocount;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Percentiles of the schema-4 counts against HdrHistogram fed the same durations: within
 * {@link IoHistogramScheme#RELATIVE_ERROR} plus HdrHistogram's own 0.1 % (3 significant
 * digits), at every percentile the summaries report, for distributions shaped like I/O
 * (log-normal around 2 us with a tail, bimodal cache hit / disk, uniform 10 ns .. 100 s).
 */
class IoHistogramTest {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final double TOLERANCE = (1 + IoHistogramScheme.RELATIVE_ERROR) * (1 + 1e-3) - 1;

    private interface Durations {
        long next(SplittableRandom random);
    }

    private static void assertAgreesWithHdrHistogram(String shape, Durations durations) {
        SplittableRandom random = new SplittableRandom(shape.hashCode());
        IoCounts registry = new IoCounts();
        ThreadIoCounts counts = registry.register(Thread.currentThread());
        Histogram hdr = new Histogram(3);
        hdr.setAutoResize(true);
        int pair = ThreadIoCounts.pair(1, 1);
        for (int i = 0; i < 100_000; i++) {
            long d = durations.next(random);
            counts.count(pair, d, 0);
            hdr.recordValue(d);
        }
        IoHistogram work = registry.collect().get(1, 1).workTimes();
        assertEquals(hdr.getTotalCount(), work.count(), shape);
        for (double p : PERCENTILES) {
            double expected = hdr.getValueAtPercentile(p);
            double got = work.percentileNanos(p);
            assertEquals(expected, got, expected * TOLERANCE, shape + " p" + p);
        }
        assertEquals(hdr.getMaxValue(), work.maxNanos(), hdr.getMaxValue() * TOLERANCE, shape + " max");

        // and back: a HdrHistogram fed each bucket's count at its midpoint reads the same percentiles
        Histogram fromBuckets = new Histogram(3);
        fromBuckets.setAutoResize(true);
        long[] c = work.bucketCounts();
        for (int i = 0; i < c.length; i++) {
            if (c[i] > 0) fromBuckets.recordValueWithCount(Math.round(IoHistogramScheme.midpointNanos(work.firstIndex() + i)), c[i]);
        }
        for (double p : PERCENTILES) {
            double expected = hdr.getValueAtPercentile(p);
            assertEquals(expected, fromBuckets.getValueAtPercentile(p), expected * (TOLERANCE + 2e-3) + 0.5,
                    shape + " p" + p + " through HdrHistogram");
        }
    }

    @Test
    void logNormalAroundTwoMicroseconds() {
        assertAgreesWithHdrHistogram("log-normal", r -> Math.max(10, (long) (2000 * Math.exp(1.2 * r.nextGaussian()))));
    }

    @Test
    void bimodalCacheHitOrDisk() {
        assertAgreesWithHdrHistogram("bimodal", r -> r.nextInt(100) < 97 ? r.nextLong(300, 900)
                : r.nextLong(2_000_000, 12_000_000));
    }

    @Test
    void logUniformFromTenNanosecondsToOneHundredSeconds() {
        assertAgreesWithHdrHistogram("log-uniform", r -> (long) Math.pow(10, r.nextDouble(1, 11)));
    }

    @Test
    void plusAndMinusAreBucketByBucket() {
        IoHistogram a = IoHistogram.of(new int[] {-300, -290}, new long[] {3, 4});
        IoHistogram b = IoHistogram.of(new int[] {-290, -10}, new long[] {1, 2});
        IoHistogram sum = a.plus(b);
        assertEquals(10, sum.count());
        assertEquals(-300, sum.firstIndex());
        assertEquals(5, sum.countAt(-290));
        assertEquals(2, sum.countAt(-10));
        assertEquals(a, sum.minus(b));
        assertEquals(IoHistogram.EMPTY, a.minus(a));
        assertThrows(IllegalArgumentException.class, () -> a.minus(b), "a bucket would go negative");
        assertEquals(0, IoHistogram.EMPTY.percentileNanos(50));
    }

    @Test
    void textRoundTripsAndRefusesWhatItDidNotWrite() {
        IoHistogram work = IoHistogram.of(new int[] {IoHistogramScheme.MIN_INDEX, -352, -351, -340, IoHistogramScheme.MAX_INDEX},
                new long[] {2, 4, 17, 1, 1});
        IoHistogram wait = IoHistogram.of(new int[] {-200}, new long[] {3});
        String text = IoHistogramText.encode(work, wait);
        assertEquals("-430:2 -352:4 -351:17 -340:1 115:1|-200:3", text);
        assertEquals(new IoHistogramText.WorkAndWait(work, wait), IoHistogramText.decode(text));
        assertEquals(new IoHistogramText.WorkAndWait(work, IoHistogram.EMPTY),
                IoHistogramText.decode(IoHistogramText.encode(work, IoHistogram.EMPTY)));
        assertEquals("|", IoHistogramText.encode(IoHistogram.EMPTY, IoHistogram.EMPTY));
        assertEquals(new IoHistogramText.WorkAndWait(IoHistogram.EMPTY, IoHistogram.EMPTY), IoHistogramText.decode("|"));

        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            int n = random.nextInt(0, 20);
            int[] k = random.ints(n, IoHistogramScheme.MIN_INDEX, IoHistogramScheme.MAX_INDEX + 1).distinct().toArray();
            long[] c = random.longs(k.length, 1, Long.MAX_VALUE / 64).toArray();
            IoHistogram h = IoHistogram.of(k, c);
            assertEquals(h, IoHistogramText.decode(IoHistogramText.encode(h, h)).workTimes());
            assertEquals(h, IoHistogramText.decode(IoHistogramText.encode(h, h)).waitTimes());
        }
        for (String bad : new String[] {"1", "a:1", "1:x", "1:2|3:4|", "-431:1", "116:1", "3:1 3:2", "1:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> IoHistogramText.decode(bad), bad);
        }
    }
}
