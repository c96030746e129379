package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.probe.CodeLoadStrategy.*;
import static io.lwp4j.sampler.probe.ProbeAssertions.assertPlausible;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.layout.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProbesRestored.class)
class CodeLoadProbeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    final CodeLoadProbe probe = CodeLoadProbe.get();

    @Test
    void aRunAppendsOneRecordPerStrategyToTheProbeThreadsOwnBuffer() throws Throwable {
        probe.start(Probe.MAX_PERIOD);
        RingBuffer b = probe.buffer();
        assertEquals(probe.stats().tid(), b.ownerTid());
        try (RawPoller p = b.openPoller()) {
            CodeLoadResults latest = probe.runOnce(TIMEOUT);
            List<CodeLoadResult> seen = new ArrayList<>();
            p.poll(r -> {
                assertEquals(RecordType.CODE_LOAD_PROBE, r.type(), "only code-load records in its buffer");
                seen.add(CodeLoadResult.of(r));
            }, 10_000);
            List<CodeLoadResult> run = seen.stream().filter(r -> r.run() == latest.run()).toList();
            assertEquals(List.of(CodeLoadStrategy.values()), run.stream().map(CodeLoadResult::strategy).toList(),
                    "one record per strategy, in order");
            for (CodeLoadResult r : run) {
                assertEquals(latest.get(r.strategy()), r, "latest() is a copy of what the buffer received");
                assertEquals(b.ownerTid(), r.tid());
                assertTrue(r.succeeded(), r.strategy() + " refused with errno " + r.errno()
                        + ": the probe runs as root with room to mlock one page");
                assertEquals(CodeLoadProbe.DEFAULT_PAGES, r.pages());
                assertEquals(CodeLoadProbe.DEFAULT_ITERATIONS, r.iterations());
                assertPlausible(r.timing(), r.strategy().toString());
            }
        }
    }

    @Test
    void mappingPerIterationCostsMoreThanADualMappedMemfd() throws Throwable {
        CodeLoadResults r = probe.runOnce(TIMEOUT);
        // naive pays mmap, a page fault, mprotect and munmap per iteration; memfd_dual no syscall.
        assertTrue(r.get(NAIVE).timing().medianNanos() > 3 * r.get(MEMFD_DUAL).timing().medianNanos(), r.toString());
        assertEquals(MEMFD_DUAL, r.fastest().orElseThrow(), r.toString());
        CodeLoadStrategy wx = r.fastest(EnumSet.complementOf(EnumSet.of(MEMFD_DUAL))).orElseThrow();
        assertNotEquals(MEMFD_DUAL, wx);
        for (CodeLoadResult c : r.byStrategy().values()) {
            assertTrue(r.get(wx).timing().meanNanos() <= c.timing().meanNanos() || c.strategy() == MEMFD_DUAL);
        }
    }

    @Test
    void theCodeRegionAppliesFromTheNextRun() throws Throwable {
        probe.setCodeRegion(4, 8);
        for (CodeLoadResult r : probe.runOnce(TIMEOUT).byStrategy().values()) {
            assertTrue(r.succeeded(), r.toString());
            assertEquals(4, r.pages());
            assertEquals(8, r.iterations());
            assertPlausible(r.timing(), "4 pages " + r.strategy());
        }
    }
}
