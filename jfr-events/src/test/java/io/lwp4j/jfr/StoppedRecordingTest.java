package io.lwp4j.jfr;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_RAW;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.Soak;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.layout.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording that stops does not stop the pipeline, nor the application's raw poller. */
class StoppedRecordingTest {
    @TempDir
    Path dir;

    @Test
    void afterTheRecordingStopsRawPollerAndDrainerStillSeeEveryRecord() throws Exception {
        BufferConfig config = BufferConfig.DEFAULTS.withCapacity(1024)
                .withConsumerMask(BufferConfig.DEFAULTS.consumerMask() | 1 << CONSUMER_RAW);
        long n = 100_000;
        long[] raw = new long[2]; // seen, out of order
        try (SamplingSession session = SamplingSession.open(config);
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS)) {
            try (Recording r = new Recording(Lwp4jSettings.with("default"))) {
                r.setDestination(dir.resolve("stopped.jfr"));
                r.start();
                Thread before = new Thread(() -> {
                    RingBuffer b = session.threadBuffers().current();
                    for (int i = 0; i < 1000; i++) b.append(RecordType.USER.code(), 0, 0, i, 0, 0, 0, 0, 0);
                    session.threadBuffers().release();
                });
                before.start();
                before.join();
                r.stop();
            }
            JfrStatistics atStop = jfr.statistics();
            assertEquals(1000, atStop.emitted(), "the stop flushed the records made while recording");

            Thread after = new Thread(() -> {
                RingBuffer b = session.threadBuffers().current();
                long[] next = {0};
                try (RawPoller poller = b.openPoller(CONSUMER_RAW)) {
                    RawPoller.RecordHandler check = rec -> {
                        if (rec.word(0) != next[0]++) raw[1]++;
                        raw[0]++;
                    };
                    for (long s = 0; s < n; s++) {
                        b.append(RecordType.USER.code(), 0, 0, s, 0, 0, 0, 0, 0);
                        if ((s & 255) == 255) {
                            poller.poll(check, 1024);
                            jfr.pipeline().flush(Duration.ofSeconds(10));
                        }
                    }
                    poller.poll(check, 1024);
                }
                session.threadBuffers().release();
            });
            after.start();
            after.join();
            assertTrue(jfr.pipeline().flush(Duration.ofSeconds(10)));
            JfrStatistics s = jfr.statistics();
            Soak.report("jfr-recording-stopped", "records", 1000 + n, "emitted_while_recording", atStop.emitted(),
                    "raw_seen_after", raw[0], "drained", s.drain().drained(), "lost", s.drain().lost());
            assertEquals(n, raw[0], "the raw poller saw every record");
            assertEquals(0, raw[1]);
            assertEquals(0, s.drain().lost());
            assertEquals(1000 + n, s.drain().drained(), "the drainer kept draining");
            assertEquals(1000, s.emitted(), "nothing was emitted without a recording");
            assertEquals(n, s.filtered());
        }
    }
}
