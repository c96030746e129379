package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In steady state no pipeline thread allocates per record: not the drainer, not the JFR
 * handler committing an event per record into a running recording, not the subscriber
 * dispatch decoding for a subscriber.
 */
class SteadyStateAllocationTest {
    @TempDir
    Path dir;

    @Test
    void pipelineThreadsAllocateNothingPerRecordWhileRecording() throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long warm = 300_000;
        long measured = 1_000_000;
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS.withCapacity(4096));
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS);
                Recording r = new Recording(Lwp4jSettings.with("default"))) {
            r.setDestination(dir.resolve("alloc.jfr"));
            r.start();
            long[] decoded = new long[1];
            jfr.pipeline().subscribe(rec -> decoded[0]++);
            Map<String, Long> before = new HashMap<>();
            for (int phase = 0; phase < 2; phase++) {
                long n = phase == 0 ? warm : measured;
                Thread producer = new Thread(() -> {
                    RingBuffer b = session.threadBuffers().current();
                    for (long i = 0; i < n; i++) {
                        while (!b.append(io.lwp4j.sampler.layout.RecordType.WRITE_FAULT.code(), 0,
                                SyntheticRecords.now(), SyntheticRecords.PAGE, 1, i, 2600, 0, 1)) {
                            Thread.onSpinWait(); // a full buffer: wait for the drainer, lose nothing
                        }
                    }
                    session.threadBuffers().release();
                });
                producer.start();
                producer.join();
                assertTrue(jfr.pipeline().flush(Duration.ofSeconds(30)));
                if (phase == 0) {
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().startsWith("lwp4j-drain")) {
                            before.put(t.getName(), mx.getThreadAllocatedBytes(t.threadId()));
                        }
                    }
                }
            }
            assertEquals(3, before.size(), "drainer, jfr and subscriber threads: " + before.keySet());
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                Long b0 = before.get(t.getName());
                if (b0 == null) continue;
                long bytes = mx.getThreadAllocatedBytes(t.threadId()) - b0;
                System.out.printf("%s: %d bytes for %d records%n", t.getName(), bytes, measured);
                assertTrue(bytes < measured / 10, t.getName() + " allocated " + bytes + " bytes for " + measured
                        + " records");
            }
            assertEquals(warm + measured, jfr.statistics().emitted());
            assertEquals(warm + measured, decoded[0]);
        }
    }
}
