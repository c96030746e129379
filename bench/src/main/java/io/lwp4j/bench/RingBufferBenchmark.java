package io.lwp4j.bench;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_RAW;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Java producer and raw poller costs per record, on the benchmark thread's own buffer.
 *
 * <ul>
 *   <li>{@code appendThenPoll}: BATCH appends, then one poll that consumes them (the
 *       poller reads nothing but advances): the producer path plus an amortised poll.
 *   <li>{@code poll}: reading BATCH ready records (every header word and two payload words)
 *       through the zero-copy view; the buffer is refilled outside the measured time.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RingBufferBenchmark {
    static final int BATCH = 1024;

    /** The fork's sampling session: buffers of 4 * BATCH records, read by the raw poller's slot. */
    @State(Scope.Benchmark)
    public static class Session {
        SamplingSession session;

        @Setup(Level.Trial)
        public void open() {
            session = SamplingSession.open(new BufferConfig(4 * BATCH, 4 * BATCH, BufferConfig.DEFAULT_LOCK_BUDGET,
                    1 << CONSUMER_RAW, BufferConfig.DEFAULT_MEMORY_BUDGET));
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    /**
     * The benchmark thread's own buffer with the application's raw poller on it. JMH may
     * make more than one instance per thread (one per dependent state), so the poller is
     * kept per thread, like the buffer.
     */
    @State(Scope.Thread)
    public static class Ring {
        private static final ThreadLocal<RawPoller> POLLER = new ThreadLocal<>();
        RingBuffer buffer;
        RawPoller poller;
        long sequence;

        @Setup(Level.Trial)
        public void setUp(Session s) {
            buffer = s.session.threadBuffers().current();
            if (POLLER.get() == null) POLLER.set(buffer.openPoller(CONSUMER_RAW));
            poller = POLLER.get();
        }
    }

    /** BATCH records ready before each measured poll. */
    @State(Scope.Thread)
    public static class Filled {
        @Setup(Level.Invocation)
        public void fill(Ring ring) {
            RingBuffer b = ring.buffer;
            for (int i = 0; i < BATCH; i++) {
                b.append(1, 0, i, i, 1, 2, 3, 4, 5);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int appendThenPoll(Ring ring) {
        RingBuffer b = ring.buffer;
        for (int i = 0; i < BATCH; i++) {
            long s = ring.sequence++;
            b.append(1, 0, s, s, 1, 2, 3, 4, 5);
        }
        return ring.poller.poll(r -> {}, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int poll(Ring ring, Filled filled, Blackhole bh) {
        return ring.poller.poll(r -> consume(r, bh), BATCH);
    }

    private static void consume(RecordView r, Blackhole bh) {
        bh.consume(r.typeCode() + r.tid() + r.time() + r.word(0) + r.word(5));
    }
}
