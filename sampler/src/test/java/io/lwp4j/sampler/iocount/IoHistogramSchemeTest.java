package io.lwp4j.sampler.iocount;

import static io.lwp4j.sampler.iocount.IoHistogramScheme.*;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hot path's bucket index against an exact reference: d &le; 2<sup>k/16</sup> s, that is
 * d<sup>16</sup> &le; 10<sup>144</sup> &middot; 2<sup>k</sup> in whole nanoseconds, decided with
 * {@link BigInteger}, so no floating point stands between the reference and the definition.
 */
class IoHistogramSchemeTest {
    private static final BigInteger NANOS_PER_SECOND_16 = BigInteger.TEN.pow(144);

    /** d &le; 2^(k/16) s, exactly. */
    private static boolean atMostBound(long nanos, int k) {
        BigInteger left = BigInteger.valueOf(nanos).pow(16);
        BigInteger right = NANOS_PER_SECOND_16;
        if (k >= 0) right = right.shiftLeft(k);
        else left = left.shiftLeft(-k);
        return left.compareTo(right) <= 0;
    }

    /** The bucket index of {@code nanos} from the definition alone. */
    private static int exactIndex(long nanos) {
        if (nanos <= 8) return MIN_INDEX;
        int k = (int) Math.ceil(16 * Math.log(nanos / 1e9) / Math.log(2));
        while (!atMostBound(nanos, k)) k++;
        while (atMostBound(nanos, k - 1)) k--;
        return Math.max(MIN_INDEX, Math.min(MAX_INDEX, k));
    }

    @Test
    void upperBoundsAreTheExactWholeNanosecondFloorOfEveryBucketBound() {
        for (int k = MIN_INDEX; k < MAX_INDEX; k++) {
            long u = upperBoundNanos(k);
            assertTrue(atMostBound(u, k), "bucket " + k + ": " + u + " ns is within 2^(k/16) s");
            assertFalse(atMostBound(u + 1, k), "bucket " + k + ": " + (u + 1) + " ns is not");
        }
        assertEquals(Long.MAX_VALUE, upperBoundNanos(MAX_INDEX));
        assertEquals(8, upperBoundNanos(MIN_INDEX), "the underflow bucket ends at 8 ns");
        assertEquals(1_000_000_000L, upperBoundNanos(0), "bucket 0 ends at exactly one second");
        assertEquals(2_000_000_000L, upperBoundNanos(16));
        assertEquals(139_584_989_781L, upperBoundNanos(MAX_INDEX - 1), "the overflow bucket starts past ~139 s");
    }

    @Test
    void everyBucketBoundAndItsNeighboursGoWhereTheDefinitionPutsThem() {
        int checked = 0;
        for (int k = MIN_INDEX; k < MAX_INDEX; k++) {
            long u = upperBoundNanos(k);
            for (long d = u - 1; d <= u + 1; d++) {
                assertEquals(exactIndex(d), index(d), d + " ns");
                checked++;
            }
        }
        for (long d = -3; d <= 100_000; d++) assertEquals(exactIndex(d), index(d), d + " ns");
        assertEquals(MIN_INDEX, index(Long.MIN_VALUE));
        assertEquals(MAX_INDEX, index(Long.MAX_VALUE));
        assertTrue(checked > 1600, "checked " + checked);
    }

    @Test
    void randomDurationsFromNanosecondsToHoursGoWhereTheDefinitionPutsThem() {
        SplittableRandom random = new SplittableRandom(20240914);
        for (int i = 0; i < 200_000; i++) {
            long d = (long) Math.pow(10, random.nextDouble(0, 13));   // 1 ns .. ~3 h, log-uniform
            assertEquals(exactIndex(d), index(d), d + " ns");
            assertEquals(IoHistogramScheme.slotBySearch(d), slot(d), d + " ns");
        }
    }

    @Test
    void aBucketsMidpointIsWithinTheStatedErrorOfEveryDurationInIt() {
        assertEquals(0.021897, RELATIVE_ERROR, 1e-6);
        SplittableRandom random = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            long d = (long) Math.pow(10, random.nextDouble(Math.log10(9), 11));   // 9 ns .. 100 s
            worst = Math.max(worst, Math.abs(midpointNanos(index(d)) - d) / d);
        }
        for (int k = MIN_INDEX + 1; k < MAX_INDEX; k++) {
            if (lowerBoundNanos(k) > upperBoundNanos(k)) continue;   // below ~24 ns some buckets hold no whole ns
            for (long d : new long[] {lowerBoundNanos(k), upperBoundNanos(k)}) {
                worst = Math.max(worst, Math.abs(midpointNanos(k) - d) / d);
            }
        }
        assertTrue(worst <= RELATIVE_ERROR, "worst relative error " + worst);
        assertTrue(worst > 0.02, "the bound is reached at bucket edges: " + worst);
    }

    @Test
    void bucketsAreThoseOfPrometheusSchema4AndOpenTelemetryScale4InSeconds() {
        assertEquals(4, SCHEMA);
        assertEquals(546, BUCKETS);
        for (int k = -40; k <= 40; k++) {
            double prometheusUpper = Math.pow(2, Math.pow(2, -SCHEMA) * k);   // 2^(2^-schema)^k
            assertEquals(prometheusUpper, upperBoundSeconds(k), prometheusUpper * 1e-15);
            // OpenTelemetry: index i holds (base^i, base^(i+1)], base = 2^(2^-scale): i = k - 1
            double base = Math.pow(2, Math.pow(2, -4));
            assertEquals(Math.pow(base, (k - 1) + 1), upperBoundSeconds(k), prometheusUpper * 1e-12);
        }
        assertEquals(0, lowerBoundNanos(MIN_INDEX));
        assertEquals(9, lowerBoundNanos(MIN_INDEX + 1));
        for (int k = MIN_INDEX + 1; k <= MAX_INDEX; k++) {
            assertEquals(upperBoundNanos(k - 1) + 1, lowerBoundNanos(k));
        }
    }
}
