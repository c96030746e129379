package io.lwp4j.sampler.probe;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.internal.NativeClock;

/** What every probe timing must satisfy, whatever the machine. */
final class ProbeAssertions {
    private ProbeAssertions() {}

    static long tscHz() throws Throwable {
        return NativeClock.tscHz();
    }

    static void assertPlausible(Timing t, String what) throws Throwable {
        assertTrue(t.minCycles() <= t.medianCycles() && t.medianCycles() <= t.maxCycles(),
                what + ": min <= median <= max in cycles: " + t);
        assertTrue(t.minNanos() <= t.medianNanos() && t.medianNanos() <= t.maxNanos(),
                what + ": min <= median <= max in ns: " + t);
        assertTrue(t.minNanos() <= t.meanNanos() && t.meanNanos() <= t.maxNanos(), what + ": mean within: " + t);
        assertTrue(t.medianCycles() > 0 && t.medianNanos() > 0, what + ": took time: " + t);
        assertTrue(t.overheadCycles() > 0, what + ": timing an empty call costs something: " + t);
        if (t.cyclesAreNanos()) {
            assertEquals(t.minCycles(), t.minNanos(), what);
            assertEquals(t.medianCycles(), t.medianNanos(), what);
            assertEquals(t.maxCycles(), t.maxNanos(), what);
        } else {
            long hz = tscHz();
            assertTrue(hz > 100_000_000L, "a calibrated TSC frequency: " + hz);
            assertNanosOf(t.minCycles(), t.minNanos(), hz, what + " min");
            assertNanosOf(t.medianCycles(), t.medianNanos(), hz, what + " median");
            assertNanosOf(t.maxCycles(), t.maxNanos(), hz, what + " max");
        }
    }

    /** ns = cycles * 1e9 / hz, truncated. */
    private static void assertNanosOf(long cycles, long nanos, long hz, String what) {
        double expected = cycles * 1e9 / hz;
        assertTrue(Math.abs(nanos - expected) <= 1.0,
                what + ": " + cycles + " cycles at " + hz + " Hz is " + expected + " ns, record says " + nanos);
    }
}
