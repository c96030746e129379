package io.lwp4j.bench;

import io.lwp4j.sampler.CarrierThreads;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Where the agent's per-call cost goes ({@link SyscallAdviceBenchmark} measures the total):
 * the pieces of what {@code SyscallRecorder} does for one I/O call, without the agent.
 *
 * <ul>
 *   <li>{@code clock}: one {@code RecordClock.now()} (rdtsc behind a critical downcall); the
 *       advice takes two ({@link TimestampBenchmark} compares the clocks).
 *   <li>{@code toNanos}: ticks to ns, the fixed-point multiply the advice uses, and {@code
 *       toNanosDouble}, the double multiply it replaced.
 *   <li>{@code lookupByThreadId}: the calling thread's counts as the agent finds them, in a table
 *       by the carrier thread's id; {@code lookup}, from the {@code CarrierThreadLocal} behind
 *       that table (the fork exports {@code jdk.internal.misc}), and {@code
 *       lookupPlainThreadLocal}, from a plain {@code ThreadLocal}, which the table was measured
 *       against.
 *   <li>{@code slot}: the bucket of a duration ({@code IoHistogramScheme.slot}).
 *   <li>{@code count}: {@code ThreadIoCounts.count}, three opaque stores; {@code
 *       countOpaqueInline} and {@code countPlainStores} the same written out, with opaque and
 *       with plain stores: what the choice of opaque stores costs.
 *   <li>{@code whole}: two clock reads, the conversion, the lookup, the count and the test for
 *       a rare call, back to back: the advice around a call that does nothing.
 *   <li>{@code countWaitedCold}: {@code ThreadIoCounts.countWaited} of a socket read (all wait)
 *       into the counts of one of {@value #COLD_THREADS} threads, in a shuffled order, whose
 *       counters together outgrow the caches: a call in a busy application finds its thread's
 *       counters gone from the near caches since its last call, and pays for the loads from its
 *       thread's counts to the buckets, not for the arithmetic that {@code count} measures.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED",
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.access=ALL-UNNAMED"})
@State(Scope.Thread)
public class AdvicePathBenchmark {
    private static final int PAIR = ThreadIoCounts.pair(SyscallLayout.READ, SyscallLayout.FILE);
    private static final int SOCKET_READ = ThreadIoCounts.pair(SyscallLayout.READ, SyscallLayout.SOCKET);
    private static final int COLD_THREADS = 4096;
    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private ThreadLocal<ThreadIoCounts> countsOfCarrier;
    private final ThreadLocal<ThreadIoCounts> plainThreadLocal = new ThreadLocal<>();
    private final ThreadIoCounts[] byThreadId = new ThreadIoCounts[4096];
    private ThreadIoCounts counts;
    private final long[] plain = new long[4 + IoHistogramScheme.BUCKETS];
    private final double nanosPerTick = 1e9 / 2.245e9;
    private volatile long slowThresholdNanos = 20_000_000;
    private long duration = 1234;
    private final ThreadIoCounts[] coldCounts = new ThreadIoCounts[COLD_THREADS];
    /** The threads' turns, shuffled: no prefetcher can guess the next thread's counters. */
    private final int[] coldOrder = new int[COLD_THREADS];
    private int nextCold;

    @SuppressWarnings("unchecked")
    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        countsOfCarrier = (ThreadLocal<ThreadIoCounts>) Class.forName("jdk.internal.misc.CarrierThreadLocal")
                .getConstructor().newInstance();
        counts = new IoCounts().register(Thread.currentThread());
        countsOfCarrier.set(counts);
        byThreadId[(int) Thread.currentThread().threadId() & 4095] = counts;
        IoCounts many = new IoCounts();
        for (int i = 0; i < COLD_THREADS; i++) {
            coldCounts[i] = many.register(Thread.currentThread());
            coldCounts[i].countWaited(SOCKET_READ, 0, 1_000_000, 1);   // its arrays exist before the first iteration
            coldOrder[i] = i;
        }
        SplittableRandom random = new SplittableRandom(25);
        for (int i = COLD_THREADS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = coldOrder[i];
            coldOrder[i] = coldOrder[j];
            coldOrder[j] = t;
        }
    }

    /** A duration that moves over a few buckets, as real calls do. */
    private long nextDuration() {
        long d = duration;
        duration = d < 5000 ? d + 37 : 200;
        return d;
    }

    @Benchmark
    public long clock() {
        return RecordClock.now();
    }

    @Benchmark
    public long toNanos() {
        return RecordClock.toNanos(nextDuration());
    }

    @Benchmark
    public long toNanosDouble() {
        return (long) (nextDuration() * nanosPerTick);
    }

    @Benchmark
    public ThreadIoCounts lookup() {
        return countsOfCarrier.get();
    }

    @Benchmark
    public ThreadIoCounts lookupPlainThreadLocal() {
        ThreadIoCounts c = plainThreadLocal.get();
        if (c == null) plainThreadLocal.set(c = counts);
        return c;
    }

    @Benchmark
    public ThreadIoCounts lookupByThreadId() {
        Thread carrier = CarrierThreads.current();
        ThreadIoCounts c = byThreadId[(int) carrier.threadId() & 4095];
        return c != null && c.owner() == carrier ? c : lookup();
    }

    @Benchmark
    public int slot() {
        return IoHistogramScheme.slot(nextDuration());
    }

    @Benchmark
    public void count() {
        counts.count(PAIR, nextDuration(), 1);
    }

    @Benchmark
    public void countPlainStores() {
        long[] a = plain;
        long nanos = nextDuration();
        int bucket = 4 + IoHistogramScheme.slot(nanos);
        a[bucket]++;
        a[0] += nanos;
        a[2] += 1;
    }

    /** {@code ThreadIoCounts.count}'s opaque stores written out like {@link #countPlainStores}: only the store mode differs. */
    @Benchmark
    public void countOpaqueInline() {
        long[] a = plain;
        long nanos = nextDuration();
        int bucket = 4 + IoHistogramScheme.slot(nanos);
        COUNTER.setOpaque(a, bucket, a[bucket] + 1);
        COUNTER.setOpaque(a, 0, a[0] + nanos);
        COUNTER.setOpaque(a, 2, a[2] + 1);
    }

    @Benchmark
    public void countWaitedCold() {
        int i = nextCold = (nextCold + 1) & (COLD_THREADS - 1);
        coldCounts[coldOrder[i]].countWaited(SOCKET_READ, 0, 10 * nextDuration(), 100);
    }

    @Benchmark
    public boolean whole() {
        long start = RecordClock.now();
        long end = RecordClock.now();
        long nanos = RecordClock.toNanos(end - start);
        ThreadIoCounts c = lookupByThreadId();
        c.count(PAIR, nanos, 0);
        return nanos >= slowThresholdNanos || c.sampleDue();
    }
}
