package io.lwp4j.bench;

import io.lwp4j.sampler.RecordClock;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The clocks an I/O call could be timed with, in one JMH run (the agent takes two readings per
 * call, so each costs twice its figure there):
 * <ul>
 *   <li>{@code rdtsc}: {@link RecordClock#now()}, a bare {@code rdtsc} behind a critical FFM
 *       downcall (no thread-state transition), the agent's clock;
 *   <li>{@code nanoTime}: {@link System#nanoTime()}, {@code clock_gettime(CLOCK_MONOTONIC)} through
 *       the vDSO;
 *   <li>{@code jfrCounterTime}: {@code jdk.jfr.internal.JVM.counterTime()}, what the JDK's own
 *       JFR events are timed with ({@code EventConfiguration.timestamp()}): the TSC where JFR
 *       trusts it ({@code jdk.CPUTimeStampCounter}'s {@code fastTimeEnabled}), else
 *       {@code os::elapsed_counter}, which is {@code clock_gettime} again.
 * </ul>
 * The fork exports {@code jdk.jfr/jdk.jfr.internal} to reach {@code JVM}; a JDK where that
 * class moved fails the benchmark's setup, not the others.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED",
    "--add-exports", "jdk.jfr/jdk.jfr.internal=ALL-UNNAMED"})
@State(Scope.Thread)
public class TimestampBenchmark {
    private static final MethodHandle COUNTER_TIME = counterTime();

    private static MethodHandle counterTime() {
        try {
            return MethodHandles.lookup().findStatic(Class.forName("jdk.jfr.internal.JVM"), "counterTime",
                    MethodType.methodType(long.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Benchmark
    public long rdtsc() {
        return RecordClock.now();
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long jfrCounterTime() throws Throwable {
        if (COUNTER_TIME == null) throw new IllegalStateException("jdk.jfr.internal.JVM.counterTime() is not reachable");
        return (long) COUNTER_TIME.invokeExact();
    }
}
