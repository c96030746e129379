package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.drain.DrainConfig;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {
    @Test
    void theBudgetFollowsTheMaximumHeap() {
        assertEquals(HeapBudget.OFF, HeapBudget.of(4L << 20));
        assertEquals(HeapBudget.OFF, HeapBudget.of((8L << 20) - 1));
        assertEquals(HeapBudget.REDUCED, HeapBudget.of(8L << 20));
        assertEquals(HeapBudget.REDUCED, HeapBudget.of(16L << 20));
        assertEquals(HeapBudget.FULL, HeapBudget.of(32L << 20));
        assertEquals(HeapBudget.FULL, HeapBudget.of(Runtime.getRuntime().maxMemory() < 32L << 20 ? 32L << 20
                : Runtime.getRuntime().maxMemory()));
    }

    @Test
    void reducedShrinksOnlyTheDrainRing() {
        DrainConfig d = DrainConfig.DEFAULTS;
        assertEquals(d, HeapBudget.FULL.drainConfig(d));
        DrainConfig reduced = HeapBudget.REDUCED.drainConfig(d);
        assertEquals(HeapBudget.REDUCED_RING, reduced.ringSize());
        assertEquals(d.idleWait(), reduced.idleWait());
        assertEquals(d.withRingSize(64), HeapBudget.REDUCED.drainConfig(d.withRingSize(64)), "never grows it");
    }

    @Test
    void eachAdaptationIsOneLineNamingTheHeapAndTheFix() {
        assertEquals("lwp4j is off: the JVM's maximum heap is 6 MiB and lwp4j needs at least 8 MiB so that it never "
                + "takes what the application needs; run with -Xmx8m or more to use it", HeapBudget.OFF.warning(6L << 20));
        assertEquals("lwp4j runs reduced in a 16 MiB heap: a drain ring of 256 records (26 KiB of heap) instead of 2048, "
                + "and no MBean (jmx); from -Xmx32m on it runs in full", HeapBudget.REDUCED.warning(16L << 20));
        assertNull(HeapBudget.FULL.warning(1L << 30));
        assertFalse(HeapBudget.REDUCED.allowsMBean(), "the platform MBean server does not fit a small heap");
        assertTrue(HeapBudget.FULL.allowsMBean());
    }
}
