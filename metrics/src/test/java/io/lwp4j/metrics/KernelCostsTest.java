package io.lwp4j.metrics;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.decode.DecodedRecord;
import io.lwp4j.sampler.decode.SyscallPathProbe;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.probe.SyscallProbe;
import io.lwp4j.sampler.tracking.WriteFaultCanary;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The kernel-cost histograms hold one value per drained record of the real probes: for each
 * label the count and the sum are those of the records a second subscriber saw.
 */
class KernelCostsTest {

    @Test
    void everyProbeRecordIsOneValueOfItsLabel() throws Exception {
        KernelCosts costs = new KernelCosts();
        Map<String, AtomicLong> counted = new ConcurrentHashMap<>();
        Map<String, AtomicLong> summed = new ConcurrentHashMap<>();
        SyscallProbe probe = SyscallProbe.get();
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of())) {
            pipeline.subscribe(costs);
            pipeline.subscribe((DecodedRecord r) -> {
                if (r instanceof SyscallPathProbe p) add(counted, summed, "call=" + p.callName(), p.summaryNanos());
                if (r instanceof WriteFaultProbe p) {
                    add(counted, summed, "step=receive", p.receiveNanos());
                    add(counted, summed, "step=total", p.totalNanos());
                }
            });
            probe.drainInto(session.buffers());
            probe.start(probe.minPeriod());
            WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(Duration.ofMillis(10)));
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (counted.getOrDefault("step=total", new AtomicLong()).get() < 20
                        || counted.keySet().stream().filter(k -> k.startsWith("call=")).count() < 2) {
                    assertTrue(System.nanoTime() < deadline, "20 canary faults and two probed calls within 30 s: "
                            + counted);
                    LockSupport.parkNanos(10_000_000);
                }
            } finally {
                probe.stop();
                WriteFaultCanary.stop();
            }
            assertTrue(pipeline.flush(Duration.ofSeconds(20)), "flushed");
        }
        Map<String, Long> costCounts = new TreeMap<>();
        Map<String, Long> costSums = new TreeMap<>();
        for (KernelCosts.Series s : costs.series()) {
            if (s.family() == KernelCosts.Family.CODE_LOAD) continue;
            String key = s.family().labelName() + "=" + s.label();
            if (s.family() == KernelCosts.Family.WRITE_FAULT && !key.equals("step=receive") && !key.equals("step=total")) {
                assertEquals(s.durations().count(), costCounts.getOrDefault("step=total", s.durations().count()),
                        key + ": one value per canary fault, as every step");
                continue;
            }
            costCounts.put(key, s.durations().count());
            costSums.put(key, s.sumNanos());
        }
        Map<String, Long> expectCounts = new TreeMap<>();
        Map<String, Long> expectSums = new TreeMap<>();
        counted.forEach((k, v) -> expectCounts.put(k, v.get()));
        summed.forEach((k, v) -> expectSums.put(k, v.get()));
        assertEquals(expectCounts, costCounts);
        assertEquals(expectSums, costSums);
    }

    private static void add(Map<String, AtomicLong> counted, Map<String, AtomicLong> summed, String key, long nanos) {
        counted.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        summed.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(nanos);
    }
}
