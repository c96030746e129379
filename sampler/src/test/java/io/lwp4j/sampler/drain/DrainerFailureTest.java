package io.lwp4j.sampler.drain;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.ProcSelf;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SessionPerTest;
import io.lwp4j.sampler.Soak;
import io.lwp4j.sampler.layout.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The drainer thread dies mid-run (test hook: an Error out of its next pass). It is restarted
 * and goes on with the same cursors, so every record is still emitted or counted lost, in
 * order and once; past {@link DrainPipeline#MAX_DRAINER_RESTARTS} the pipeline gives up and
 * says so, and the buffers keep counting what nobody reads, without gating producers or
 * holding ended threads' buffers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DrainerFailureTest {
    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS.withCapacity(64));
    private final BufferRegistry registry = session.buffers();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(realErr);
        System.err.print(stderr.toString(StandardCharsets.UTF_8));
    }

    /** Counts USER records and checks each producer's sequence arrives in order, once. */
    static final class Checker implements DrainHandler {
        final AtomicLong records = new AtomicLong();
        final AtomicLong lostNoticed = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        private long last = -1;

        @Override
        public void onRecord(DrainedRecord r) {
            if (r.type() != RecordType.USER) return;
            if (r.word(0) <= last) outOfOrder.incrementAndGet();
            last = r.word(0);
            records.incrementAndGet();
        }

        @Override
        public void onRecordsLost(RecordsLost notice) {
            lostNoticed.addAndGet(notice.lost());
        }
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for: " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aDrainerThatDiesIsRestartedAndEveryRecordIsStillEmittedOrCountedLost() throws Exception {
        DrainPipeline pipeline = diesAndGoesOn("drainer-restarted", n -> new InternalError("injected drainer death " + n),
                2, p -> p.drainerRestarts());
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("drainer died (java.lang.InternalError: injected drainer death 1); restarted (1 of 3)"), err);
        assertTrue(err.contains("restarted (2 of 3)"), err);
        assertEquals(0, pipeline.drainerOutOfMemory());
    }

    /**
     * An exhausted heap is the application's and may come back: OutOfMemoryErrors, more than
     * the restarts allowed, pause the drainer and never stop it; one warning says so.
     */
    @Test
    void aDrainerOutOfHeapGoesOnAsOftenAsItTakes() throws Exception {
        int deaths = DrainPipeline.MAX_DRAINER_RESTARTS + 2;
        DrainPipeline pipeline = diesAndGoesOn("drainer-out-of-heap", n -> new OutOfMemoryError("injected " + n), deaths,
                p -> p.drainerOutOfMemory());
        assertEquals(0, pipeline.drainerRestarts(), "out of heap is not a death that counts to giving up");
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(1, err.lines().filter(l -> l.contains("the lwp4j drainer ran out of heap")).count(), err);
        assertTrue(err.contains("ran out of heap (java.lang.OutOfMemoryError: injected 1); it pauses"), err);
    }

    /**
     * A producer appends while the drainer's pass throws {@code death.apply(n)}, n = 1..deaths,
     * each seen through {@code seen}; then every record is emitted or counted lost, in order, once.
     */
    private DrainPipeline diesAndGoesOn(String scenario, IntFunction<Error> death, int deaths,
            ToIntFunction<DrainPipeline> seen) throws Exception {
        Checker checker = new Checker();
        AtomicBoolean producing = new AtomicBoolean(true);
        long[] appended = new long[2]; // tried, dropped
        try (DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("checker", checker))) {
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                RingBuffer b = session.threadBuffers().current();
                for (long i = 0; producing.get(); i++) {
                    appended[0]++;
                    if (!b.append(RecordType.USER.code(), 0, 0, i, 0, 0, 0, 0, 0)) appended[1]++;
                    if ((i & 63) == 0) Thread.yield();
                }
                session.threadBuffers().release();
            });
            try {
                for (int d = 1; d <= deaths; d++) {
                    int n = d;
                    pipeline.failDrainerPass(death.apply(n));
                    await(() -> seen.applyAsInt(pipeline) == n, "death " + n + " seen and gone on from");
                    Thread.sleep(200);                       // producing on, with the restarted drainer
                }
            } finally {
                producing.set(false);
                producer.join(10_000);
            }
            assertTrue(pipeline.flush(Duration.ofSeconds(20)), "the restarted drainer flushes");
            DrainStatistics s = pipeline.statistics();
            Soak.report(scenario, "deaths", deaths, "records", appended[0], "emitted", checker.records.get(), "lost",
                    s.lost());
            assertTrue(pipeline.isDraining());
            assertEquals(appended[0], s.produced(), "the restarted drainer counted every append");
            assertEquals(appended[1], s.lost(), "and every drop");
            assertEquals(s.produced(), checker.records.get() + s.lost(), "produced == emitted + lost, exactly");
            assertEquals(s.lost(), checker.lostNoticed.get());
            assertEquals(0, checker.outOfOrder.get(), "no record twice, none out of order");
            return pipeline;
        }
    }

    @Test
    void aDrainerThatKeepsDyingGivesUpAndBuffersKeepCountingLost() throws Exception {
        Checker checker = new Checker();
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch pipelineGone = new CountDownLatch(1);
        long[] lostAfter = new long[1];
        try (DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("checker", checker))) {
            Thread older = Thread.ofPlatform().name("older").start(() -> {  // a buffer the drainer gated
                RingBuffer b = session.threadBuffers().current();
                made.countDown();
                try {
                    pipelineGone.await();
                } catch (InterruptedException e) {
                    return;
                }
                long before = b.lost();
                for (int i = 0; i < 1000; i++) b.append(RecordType.USER.code(), 0, 0, i, 0, 0, 0, 0, 0);
                lostAfter[0] = b.lost() - before;
                session.threadBuffers().release();
            });
            made.await();
            assertTrue(pipeline.flush(Duration.ofSeconds(10)));
            for (int death = 1; death <= DrainPipeline.MAX_DRAINER_RESTARTS + 1; death++) {
                int n = death;
                pipeline.failDrainerPass(new StackOverflowError("injected drainer death " + n));
                await(() -> pipeline.drainerRestarts() == Math.min(n, DrainPipeline.MAX_DRAINER_RESTARTS)
                        && (n <= DrainPipeline.MAX_DRAINER_RESTARTS || !pipeline.isDraining()), "death " + n);
            }
            assertFalse(pipeline.isDraining(), "the pipeline gave up");
            assertFalse(pipeline.flush(Duration.ofSeconds(1)), "a flush says it cannot");
            String err = stderr.toString(StandardCharsets.UTF_8);
            assertTrue(err.contains("died 4 times") && err.contains("the drain pipeline is off"), err);

            pipelineGone.countDown();
            older.join(10_000);
            Soak.report("drainer-gave-up", "deaths", DrainPipeline.MAX_DRAINER_RESTARTS + 1, "records_after", 1000,
                    "counted_lost_after", lostAfter[0]);
            assertTrue(lostAfter[0] >= 1000 - 64, "a buffer the drainer read counts what nobody reads now, but for at "
                    + "most the lap its producer wrote before seeing the slot freed: " + lostAfter[0] + " of 1000 lost");

            RingBuffer mine = session.threadBuffers().current();
            try {
                assertEquals(0, mine.consumerMaskActive() & 1 << CONSUMER_DRAIN, "new buffers are not gated by it");
                long before = mine.lost();
                for (int i = 0; i < 100; i++) assertFalse(mine.append(RecordType.USER.code(), 0, 0, i, 0, 0, 0, 0, 0));
                assertEquals(before + 100, mine.lost(), "no consumer: every record counted lost");
            } finally {
                session.threadBuffers().release();
            }

            registry.releasePooled();
            long vmLck = ProcSelf.vmLckKiB();
            List<Thread> churn = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                churn.add(Thread.ofPlatform().start(() -> {
                    session.threadBuffers().current().append(RecordType.USER.code(), 0, 0, 0, 0, 0, 0, 0, 0);
                    session.threadBuffers().release();
                }));
            }
            for (Thread t : churn) t.join(10_000);
            assertEquals(0, registry.retiredPending(), "ended threads' buffers do not wait for a drainer that is gone");
            registry.releasePooled();
            assertEquals(vmLck, ProcSelf.vmLckKiB(), "and their locked memory is given back");
        }
    }
}
