package io.lwp4j.sampler.drain;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_RAW;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SessionPerTest;
import io.lwp4j.sampler.decode.UserRecord;
import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.internal.NativeSelfCheck;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DrainPipelineTest {
    private static final int USER = RecordType.USER.code();
    private static final Duration FLUSH = Duration.ofSeconds(20);
    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);
    private final BufferRegistry registry = session.buffers();
    private DrainPipeline pipeline;

    /** Records every drained USER record's (thread tid, sequence) and every lost notice. */
    static final class Collector implements DrainHandler {
        final Map<Integer, List<Long>> sequencesByTid = new ConcurrentHashMap<>();
        final AtomicLong lostNoticed = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final List<Long> clockErrorsNanos = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onRecord(DrainedRecord r) {
            records.incrementAndGet();
            if (r.type() != RecordType.USER) return;
            sequencesByTid.computeIfAbsent(r.tid(), k -> new ArrayList<>()).add(r.word(0));
            if (r.word(1) != 0) { // word 1: nanoTime at append, time: the TSC just before
                clockErrorsNanos.add(Math.abs(r.timeNanos() - r.word(1)));
            }
        }

        @Override
        public void onRecordsLost(RecordsLost notice) {
            lostNoticed.addAndGet(notice.lost());
        }
    }

    private static long tsc() {
        try {
            return NativeClock.now();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Starts threads that each append {@code perThread} USER records (word 0 = sequence), then end. */
    private List<Thread> producers(int threads, long perThread, boolean release, CountDownLatch go) {
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                RingBuffer b = session.threadBuffers().current();
                for (long s = 0; s < perThread; s++) {
                    b.append(USER, 0, tsc(), s, System.nanoTime(), 0, 0, 0, 0);
                    if ((s & 63) == 63) Thread.yield();
                }
                if (release) session.threadBuffers().release();
            }, "producer-" + i);
            t.start();
            ts.add(t);
        }
        return ts;
    }

    @Test
    void everyRecordOfEndedThreadsIsHandledOnceInOrderOrCountedLost() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(256));
        Collector collector = new Collector();
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collector", collector));
        CountDownLatch go = new CountDownLatch(1);
        // half the threads give their buffer back, half just end (reaped by the drainer)
        List<Thread> ts = producers(4, 200_000, true, go);
        ts.addAll(producers(4, 200_000, false, go));
        go.countDown();
        for (Thread t : ts) t.join();
        assertTrue(pipeline.flush(FLUSH));

        DrainStatistics s = pipeline.statistics();
        long produced = 8 * 200_000L;
        assertEquals(produced, s.produced(), s.toString());
        assertEquals(0, s.pending(), s.toString());
        assertEquals(0, s.inFlight(), s.toString());
        assertTrue(s.isConserved(), s.toString());
        assertEquals(s.lost(), collector.lostNoticed.get(), "lost notices add up to the buffers' counts");
        assertEquals(s.drained(), s.drained(RecordType.USER));
        long seen = 0;
        for (var e : collector.sequencesByTid.entrySet()) {
            List<Long> seq = e.getValue();
            for (int i = 1; i < seq.size(); i++) {
                assertTrue(seq.get(i) > seq.get(i - 1), "thread " + e.getKey() + ": sequence " + seq.get(i)
                        + " after " + seq.get(i - 1));
            }
            seen += seq.size();
        }
        assertEquals(s.drained(), seen);
        assertEquals(produced, seen + s.lost(), "produced == handled + lost");
        assertEquals(0, registry.retiredPending());
        List<Long> errors = new ArrayList<>(collector.clockErrorsNanos);
        errors.sort(null);
        long median = errors.get(errors.size() / 2); // a producer preempted between its two reads is an outlier
        assertTrue(median < TimeUnit.MICROSECONDS.toNanos(200), "TSC time converted to nanoTime: median error "
                + median + " ns");
        System.out.printf("8 threads x 200k: drained %d, lost %d, passes %d%n", s.drained(), s.lost(), s.passes());
    }

    @Test
    void aFullBufferDropsAndTheLossIsNoticedAndCounted() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(16));
        Collector collector = new Collector();
        pipeline = session.startDrain(DrainConfig.DEFAULTS.withIdleWait(Duration.ofSeconds(10)),
                Map.of("collector", collector));
        Thread t = new Thread(() -> {
            RingBuffer b = session.threadBuffers().current();
            for (long s = 0; s < 10_000; s++) b.append(USER, 0, 0, s, 0, 0, 0, 0, 0);
        });
        t.start();
        t.join();
        assertTrue(pipeline.flush(FLUSH));
        DrainStatistics s = pipeline.statistics();
        assertEquals(10_000, s.produced());
        assertTrue(s.lost() > 0, "a 16-record buffer written in a tight loop drops: " + s);
        assertEquals(s.lost(), collector.lostNoticed.get());
        assertEquals(s.lost(), s.lostByBufferKind().get(RecordsLost.BufferKind.THREAD));
        assertEquals(10_000, collector.records.get() + s.lost());
    }

    @Test
    void aRawPollerStillSeesEveryRecordWhileTheDrainerReads() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(1024).withConsumerMask(1 << CONSUMER_RAW));
        Collector collector = new Collector();
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collector", collector));
        long n = 100_000;
        long[] raw = new long[4]; // seen, next expected, out of order, dropped by the producer
        RawPoller.RecordHandler check = r -> {
            if (r.word(0) != raw[1]++) raw[2]++;
            raw[0]++;
        };
        Thread t = new Thread(() -> {
            RingBuffer b = session.threadBuffers().current();
            try (RawPoller poller = b.openPoller(CONSUMER_RAW)) {
                for (long s = 0; s < n; s++) {
                    if (!b.append(USER, 0, 0, s, 0, 0, 0, 0, 0)) raw[3]++;
                    if ((s & 255) == 255) {
                        poller.poll(check, 1024);
                        pipeline.flush(FLUSH); // pacing: both consumers keep up, nothing is dropped
                    }
                }
                poller.poll(check, 1024);
            }
        });
        t.start();
        t.join();
        assertTrue(pipeline.flush(FLUSH));
        assertEquals(0, raw[3], "nothing dropped");
        assertEquals(n, raw[0], "raw poller saw every record");
        assertEquals(0, raw[2], "raw poller saw them in order");
        assertEquals(n, collector.records.get(), "drain pipeline saw every record");
        assertEquals(0, pipeline.statistics().lost());
    }

    @Test
    void aThrowingSubscriberOrHandlerIsIsolatedAndCounted() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(4096));
        DrainHandler throwing = r -> {
            if (r.word(0) % 3 == 0) throw new IllegalStateException("handler fails on purpose");
        };
        Collector collector = new Collector();
        Map<String, DrainHandler> handlers = new java.util.LinkedHashMap<>();
        handlers.put("throwing", throwing);
        handlers.put("collector", collector);
        pipeline = session.startDrain(DrainConfig.DEFAULTS, handlers);
        AtomicLong good = new AtomicLong();
        Subscription bad = pipeline.subscribe(r -> {
            throw new RuntimeException("subscriber fails on purpose");
        });
        Subscription ok = pipeline.subscribe(r -> {
            if (r instanceof UserRecord u && u.sequence() >= 0) good.incrementAndGet();
        });
        Thread t = new Thread(() -> {
            RingBuffer b = session.threadBuffers().current();
            for (long s = 0; s < 3000; s++) {
                b.append(USER, 0, 0, s, 0, 0, 0, 0, 0);
                if ((s & 1023) == 1023) pipeline.flush(FLUSH);
            }
        });
        t.start();
        t.join();
        assertTrue(pipeline.flush(FLUSH));
        assertEquals(3000, good.get(), "the good subscriber got every record");
        assertEquals(3000, ok.delivered());
        assertEquals(0, ok.failures());
        assertEquals(3000, bad.failures(), "every call of the bad subscriber threw and was counted");
        assertEquals(3000, collector.records.get(), "the other handler got every record");
        assertEquals(1000, pipeline.statistics().handlerFailures().get("throwing"));
        bad.close();
        ok.close();
    }

    @Test
    void aNativeProducersBufferIsDrainedEachRecordOnceOrCountedLost() throws Throwable {
        Collector collector = new Collector();
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collector", collector));
        long count = 2_000_000;
        MemorySegment raw = NativeSelfCheck.seqProducerStart(count, 4096, 1024);
        RingBuffer b = RingBuffer.wrapAddress(raw);
        RingBuffer sameBuffer = RingBuffer.wrapAddress(raw); // a second party registers it too
        registry.register(b);
        registry.register(sameBuffer);
        assertEquals(0, NativeSelfCheck.seqProducerJoin(raw));
        // retired through either wrapper: the registered one is read to its end, then closed
        assertTrue(registry.retireAndAwaitDrain(sameBuffer, FLUSH));
        assertTrue(b.isClosed(), "the registered wrapper was let go of");
        sameBuffer.close();
        assertTrue(pipeline.flush(FLUSH));
        NativeBuffers.destroy(raw);
        List<Long> seq = collector.sequencesByTid.values().iterator().next();
        for (int i = 1; i < seq.size(); i++) assertTrue(seq.get(i) > seq.get(i - 1));
        DrainStatistics s = pipeline.statistics();
        assertEquals(count, s.produced());
        assertEquals(count, seq.size() + s.lost(), s.toString());
        assertEquals(s.lost(), collector.lostNoticed.get());
        System.out.printf("native producer: %d records, %d lost%n", count, s.lost());
    }

    @Test
    void idleDrainerSleepsAndSteadyStateAllocatesNothingPerRecord() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(4096));
        AtomicLong counted = new AtomicLong();
        DrainHandler counting = r -> counted.setPlain(counted.getPlain() + 1);
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("counting", counting));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread drainer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lwp4j-drainer")).findFirst().orElseThrow();
        long warm = 200_000;
        long n = 2_000_000;
        CountDownLatch warmed = new CountDownLatch(1);
        CountDownLatch measure = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            RingBuffer b = session.threadBuffers().current();
            for (long s = 0; s < warm + n; s++) {
                if (s == warm) {
                    pipeline.flush(FLUSH);
                    warmed.countDown();
                    try {
                        measure.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                while (!b.append(USER, 0, 0, s, 0, 0, 0, 0, 0)) Thread.onSpinWait();
            }
        });
        producer.start();
        warmed.await();
        long bytes0 = mx.getThreadAllocatedBytes(drainer.threadId());
        measure.countDown();
        producer.join();
        assertTrue(pipeline.flush(FLUSH));
        long bytes = mx.getThreadAllocatedBytes(drainer.threadId()) - bytes0;
        assertEquals(warm + n, counted.get());
        DrainStatistics s = pipeline.statistics();
        assertTrue(bytes < n / 10, "drainer allocated " + bytes + " bytes for " + n + " records over "
                + s.passes() + " passes");

        Thread.sleep(300); // let the last wake-ups settle
        long cpu0 = mx.getThreadCpuTime(drainer.threadId());
        long passes0 = pipeline.statistics().passes();
        Thread.sleep(2000);
        long cpu = mx.getThreadCpuTime(drainer.threadId()) - cpu0;
        long passes = pipeline.statistics().passes() - passes0;
        assertTrue(passes <= 25, "an idle drainer wakes about every 100 ms, not " + passes + " times in 2 s");
        assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(40), "idle drainer used " + cpu / 1000 + " us CPU in 2 s");
        System.out.printf("idle drainer: %d passes, %d us CPU in 2 s; steady state: %d bytes allocated for %d records%n",
                passes, cpu / 1000, bytes, n);
    }

    @Test
    void closingFreesTheDrainSlotSoProducersAreNotGatedByIt() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(16));
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of());
        Map<String, Boolean> result = new HashMap<>();
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            RingBuffer b = session.threadBuffers().current();
            made.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                return;
            }
            result.put("gated", (b.consumerMaskActive() & 1 << CONSUMER_DRAIN) != 0);
            session.threadBuffers().release();
        });
        t.start();
        made.await();
        pipeline.flush(FLUSH);
        pipeline.close();
        assertNull(session.drainPipeline());
        closed.countDown();
        t.join();
        assertFalse(result.get("gated"), "the drain slot is free after close");
        pipeline = null;
    }

    @Test
    void recordTimesInNanosecondsAreTakenAsWritten() throws Exception {
        Collector collector = new Collector();
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collector", collector));
        long[] expected = new long[1];
        Subscription s = pipeline.subscribe(r -> {
            if (r.raw().word(0) == 42) expected[0] = r.timeNanos();
        });
        Thread t = new Thread(() -> {
            session.threadBuffers().current().append(USER, RecordLayout.FLAG_TIME_NS, 123_456_789L, 42, 0, 0, 0, 0, 0);
            session.threadBuffers().release();
        });
        t.start();
        t.join();
        assertTrue(pipeline.flush(FLUSH));
        assertEquals(123_456_789L, expected[0]);
        s.close();
    }

    @Test
    void subscribersComeAndGoAndEachSeesWhatIsPublishedWhileSubscribed() throws Exception {
        registry.configure(BufferConfig.DEFAULTS.withCapacity(4096));
        pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of());
        RingBuffer[] buffer = new RingBuffer[1];
        long[] seq = {0};
        java.util.function.IntConsumer produce = n -> {
            Thread t = new Thread(() -> {
                if (buffer[0] == null) buffer[0] = session.threadBuffers().current();
                for (int i = 0; i < n; i++) buffer[0].append(USER, 0, 0, seq[0]++, 0, 0, 0, 0, 0);
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertTrue(pipeline.flush(FLUSH));
        };
        // one producer thread per call, so each call writes its own buffer
        produce.accept(1000); // nobody subscribed: the subscriber stage sleeps, out of the ring
        AtomicLong first = new AtomicLong();
        Subscription a = pipeline.subscribe(r -> first.incrementAndGet());
        buffer[0] = null;
        produce.accept(1000);
        assertEquals(1000, first.get());
        a.close();
        buffer[0] = null;
        produce.accept(1000);
        AtomicLong second = new AtomicLong();
        Subscription b = pipeline.subscribe(r -> second.incrementAndGet());
        buffer[0] = null;
        produce.accept(500);
        assertEquals(1000, first.get(), "a closed subscription gets nothing more");
        assertEquals(500, second.get());
        b.close();
        DrainStatistics s = pipeline.statistics();
        assertEquals(3500, s.drained());
        assertEquals(0, s.lost());
    }
}
