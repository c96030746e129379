package io.lwp4j.sampler.drain;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SessionPerTest;
import io.lwp4j.sampler.Soak;
import io.lwp4j.sampler.layout.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load: 32 threads append as fast as they can while the pipeline cannot emit at all (its
 * handler is blocked), then while it emits slowly. The producers never block: they finish
 * half their work while nothing is emitted; every record is emitted or counted lost, exactly,
 * by the drainer and by the buffers alike. A heartbeat thread's lateness is reported as a figure,
 * not asserted: on a shared 2-vCPU machine it measures the machine's load as much as lwp4j
 * (659 ms once while three builds ran beside it).
 */
class DrainLoadTest {
    static final int PRODUCERS = 32;
    static final long HEARTBEAT_MILLIS = 5;

    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);
    private final BufferRegistry registry = session.buffers();

    /** Blocks until released, then spends about a microsecond per record: slower than any producer. */
    static final class SlowHandler implements DrainHandler {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong emitted = new AtomicLong();
        final AtomicLong lostNoticed = new AtomicLong();

        @Override
        public void onRecord(DrainedRecord r) throws InterruptedException {
            release.await();
            long until = System.nanoTime() + 1_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            if (r.type() == RecordType.USER) emitted.incrementAndGet();
        }

        @Override
        public void onRecordsLost(RecordsLost notice) throws InterruptedException {
            release.await();
            lostNoticed.addAndGet(notice.lost());
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void producersNeverBlockAndEveryRecordIsEmittedOrCountedLostExactly() throws Exception {
        long perProducer = Soak.size(1_000_000L, 20_000_000L);
        SlowHandler handler = new SlowHandler();
        AtomicLongArray progress = new AtomicLongArray(PRODUCERS);
        long[] tried = new long[PRODUCERS];
        long[] dropped = new long[PRODUCERS];
        long[] lostInBuffer = new long[PRODUCERS];
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        HeartBeat heartbeat = new HeartBeat();
        try (DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS.withRingSize(1 << 12),
                Map.of("slow", handler))) {
            Thread beat = Thread.ofPlatform().name("heartbeat").start(heartbeat);
            List<Thread> producers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int p = 0; p < PRODUCERS; p++) {
                int id = p;
                producers.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    try {
                        RingBuffer b = session.threadBuffers().current();
                        for (long i = 0; i < perProducer; i++) {
                            tried[id]++;
                            if (!b.append(RecordType.USER.code(), 0, RecordClock.now(), i, id, 0, 0, 0, 0)) dropped[id]++;
                            if ((i & 1023) == 0) progress.set(id, i);
                        }
                        lostInBuffer[id] = b.lost();
                        session.threadBuffers().release();
                    } catch (Throwable t) {
                        failures.put(id, t);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allPast(progress, perProducer / 2) && System.nanoTime() < deadline && failures.isEmpty()) {
                Thread.sleep(10);
            }
            long halfMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, handler.emitted.get(), "nothing was emitted while the handler was blocked");
            assertTrue(allPast(progress, perProducer / 2),
                    "every producer got half way while nothing could be emitted: " + progressOf(progress));
            handler.release.countDown();
            for (Thread t : producers) t.join(60_000);
            long produceMillis = (System.nanoTime() - t0) / 1_000_000;
            heartbeat.stop = true;
            beat.join(10_000);
            for (Thread t : producers) assertFalse(t.isAlive(), t.getName() + " still running");
            if (!failures.isEmpty()) throw new AssertionError("a producer failed", failures.values().iterator().next());

            assertTrue(pipeline.flush(Duration.ofSeconds(60)), "flush");
            DrainStatistics s = pipeline.statistics();
            long sumTried = Arrays.stream(tried).sum();
            long sumDropped = Arrays.stream(dropped).sum();
            long sumLostInBuffers = Arrays.stream(lostInBuffer).sum();
            Soak.report("load", "producers", PRODUCERS, "records", sumTried, "emitted", handler.emitted.get(),
                    "lost", s.lost(), "half_ms", halfMillis, "produce_ms", produceMillis,
                    "heartbeat_max_late_ms", heartbeat.maxLateNanos / 1_000_000,
                    "heartbeat_p99_late_ms", heartbeat.percentileMillis(0.99), "heartbeat_beats", heartbeat.beats);

            assertEquals(PRODUCERS * perProducer, sumTried);
            assertEquals(sumTried, s.produced(), "the drainer counted every append");
            assertEquals(sumDropped, sumLostInBuffers, "the buffers counted every drop");
            assertEquals(sumDropped, s.lost(), "the drainer saw every drop");
            assertEquals(s.produced(), handler.emitted.get() + s.lost(), "produced == emitted + lost, exactly");
            assertEquals(s.lost(), handler.lostNoticed.get(), "every loss was noticed to the handler");
            assertTrue(s.lost() > 0, "the producers were faster than the handler");
            assertEquals(0, s.pending());
            assertTrue(heartbeat.beats > 10, "the heartbeat ran: " + heartbeat.beats);
        }
    }

    private static boolean allPast(AtomicLongArray progress, long mark) {
        for (int i = 0; i < progress.length(); i++) {
            if (progress.get(i) < mark) return false;
        }
        return true;
    }

    private static String progressOf(AtomicLongArray progress) {
        return progress.toString();
    }

    /** Sleeps HEARTBEAT_MILLIS again and again and keeps the worst lateness. */
    static final class HeartBeat implements Runnable {
        volatile boolean stop;
        volatile long maxLateNanos;
        volatile long beats;
        final List<Long> lateNanos = new ArrayList<>();

        long percentileMillis(double q) {
            synchronized (lateNanos) {
                List<Long> sorted = new ArrayList<>(lateNanos);
                sorted.sort(null);
                return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * q)) / 1_000_000;
            }
        }

        @Override
        public void run() {
            while (!stop) {
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(HEARTBEAT_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long late = System.nanoTime() - t0 - TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MILLIS);
                if (late > maxLateNanos) maxLateNanos = late;
                synchronized (lateNanos) {
                    lateNanos.add(late);
                }
                beats++;
            }
        }
    }
}
