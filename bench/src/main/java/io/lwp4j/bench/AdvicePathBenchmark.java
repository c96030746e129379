package io.lwp4j.bench;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SyscallRecords;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Where the agent's per-call cost goes ({@link SyscallAdviceBenchmark} measures the total):
 * the pieces of what {@code SyscallRecorder} does for one I/O call, without the agent, with a
 * drain pipeline consuming the buffer on the other CPU as it does under the agent.
 *
 * <ul>
 *   <li>{@code clock}: one {@code RecordClock.now()} (rdtsc behind a critical downcall); the
 *       advice takes two. {@code nanoTime} beside it, for comparison.
 *   <li>{@code lookup}: the calling thread's buffer ({@code ThreadBuffers.currentIfPresent}).
 *   <li>{@code append}: one SYSCALL record into it.
 *   <li>{@code whole}: two clock reads, the lookup and the append, as the advice does them.
 *   <li>{@code wholeThenFence}: the same followed by a full fence, as the next JNI call's
 *       return to Java does: the fence waits for the record's stores, so it exposes the
 *       transfer of the record's cache line from the drainer's CPU, which the store buffer
 *       hides in {@code whole}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class AdvicePathBenchmark {
    private DrainPipeline pipeline;
    private RingBuffer buffer;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        // The agent's default buffer: 64 KiB, drainer woken at half full.
        BufferRegistry.global().configure(BufferConfig.DEFAULTS.withCapacity(1024).withWatermark(512));
        pipeline = DrainPipeline.start(DrainConfig.DEFAULTS, Map.of("discard", (DrainHandler) record -> {}));
        buffer = ThreadBuffers.current();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.close();
    }

    @Benchmark
    public long clock() {
        return RecordClock.now();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public RingBuffer lookup() {
        return ThreadBuffers.currentIfPresent();
    }

    @Benchmark
    public boolean append() {
        long t = sequence++;
        return SyscallRecords.append(buffer, t, t + 40, 0, 0, -1, 3, 1, 1, 0, 0, 1);
    }

    @Benchmark
    public boolean whole() {
        long start = RecordClock.now();
        long end = RecordClock.now();
        RingBuffer b = ThreadBuffers.currentIfPresent();
        return SyscallRecords.append(b, start, end, 0, 0, -1, 3, 1, 1, 0, 0, Thread.currentThread().threadId());
    }

    @Benchmark
    public boolean wholeThenFence() {
        boolean appended = whole();
        VarHandle.fullFence();
        return appended;
    }
}
