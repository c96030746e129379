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
import org.openjdk.jmh.infra.Blackhole;

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
 *   <li>{@code whole}: two clock reads, the lookup and the append, back to back.
 *   <li>{@code timedCall} and {@code timedCallWithoutPrefetch}: the same around a stand-in
 *       call, followed by a full fence as the next JNI call's return to Java does. The fence
 *       waits for the record's stores, so it exposes the transfer of the record's cache lines
 *       from the drainer's CPU (hidden by the store buffer in {@code whole}) unless the start
 *       time asked for them ({@code RingBuffer.nowPreparingAppend}), as the agent does.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class AdvicePathBenchmark {
    private static final long CALL_TOKENS = 10;
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

    /**
     * A timed call as the advice times it: start time (asking for the record's cache lines),
     * the call (a fixed ~25 ns of work stands in for it), end time, lookup, append, and the
     * fence of the next JNI call.
     */
    @Benchmark
    public boolean timedCall() {
        RingBuffer b = ThreadBuffers.currentIfPresent();
        long start = b.nowPreparingAppend();
        Blackhole.consumeCPU(CALL_TOKENS);
        return appendThenFence(start);
    }

    /** {@link #timedCall()} without asking for the lines: the fence waits for their transfer. */
    @Benchmark
    public boolean timedCallWithoutPrefetch() {
        long start = RecordClock.now();
        Blackhole.consumeCPU(CALL_TOKENS);
        return appendThenFence(start);
    }

    private static boolean appendThenFence(long start) {
        long end = RecordClock.now();
        RingBuffer b = ThreadBuffers.currentIfPresent();
        boolean appended = SyscallRecords.append(b, start, end, 0, 0, -1, 3, 1, 1, 0, 0, Thread.currentThread().threadId());
        VarHandle.fullFence();
        return appended;
    }
}
