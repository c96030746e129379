package io.lwp4j.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.internal.NativeOp;
import io.lwp4j.sampler.internal.NativeRegistry;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * What a call through {@code lwp4j_call} (one critical handle for every op, a {@code switch} in
 * C, eight arguments) costs against a handle of the function's own, for the calls a hot path
 * could make: {@code *Dispatched} goes through {@link LibLwp4j#callCritical}, {@code *OwnHandle}
 * through a critical handle bound here to the function itself (as before the dispatcher). lwp4j
 * keeps an own handle only where the difference is over about 1 ns ({@code lwp4j_tsc_read}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class DispatchBenchmark {
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final MethodHandle TSC_READ = own("lwp4j_tsc_read", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle NOW = own("lwp4j_now", FunctionDescriptor.of(JAVA_LONG));
    private static final MethodHandle TSC_READ_PREFETCHW =
            own("lwp4j_tsc_read_prefetchw", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle REGISTRY_GET = own("lwp4j_registry_get", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle RECYCLE =
            own("lwp4j_buffer_recycle", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));

    private final Arena arena = Arena.ofConfined();
    private final long[] lines = new long[2];
    private MemorySegment buffer;
    private int tid;

    private static MethodHandle own(String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(LibLwp4j.symbol(name), descriptor, CRITICAL);
    }

    /** A buffer of this thread's, in the registry, for the recycle and the lookup. */
    @Setup(Level.Trial)
    public void setUp() {
        tid = NativeClock.gettid();
        MemorySegment out = arena.allocate(ADDRESS);
        int rc = NativeBuffers.createInto(1024, 0, tid, 0, 1, out);
        if (rc != 0) throw new IllegalStateException("lwp4j_buffer_create_into: " + rc);
        buffer = out.get(ADDRESS, 0);
        if (NativeRegistry.put(tid, buffer) != 0) throw new IllegalStateException("lwp4j_registry_put refused");
        MemorySegment data = arena.allocate(256, 64);
        lines[0] = data.address();
        lines[1] = data.address() + 128;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        NativeRegistry.remove(tid, buffer);
        NativeBuffers.destroy(buffer);
        arena.close();
    }

    @Benchmark
    public long tscReadOwnHandle() throws Throwable {
        return (long) TSC_READ.invokeExact();
    }

    @Benchmark
    public long tscReadDispatched() {
        return LibLwp4j.callCritical(NativeOp.TSC_READ);
    }

    @Benchmark
    public long nowOwnHandle() throws Throwable {
        return (long) NOW.invokeExact();
    }

    @Benchmark
    public long nowDispatched() {
        return LibLwp4j.callCritical(NativeOp.NOW);
    }

    @Benchmark
    public long tscReadPrefetchwOwnHandle() throws Throwable {
        return (long) TSC_READ_PREFETCHW.invokeExact(lines[0], lines[1]);
    }

    @Benchmark
    public long tscReadPrefetchwDispatched() {
        return LibLwp4j.callCritical(NativeOp.TSC_READ_PREFETCHW, lines[0], lines[1]);
    }

    @Benchmark
    public long registryGetOwnHandle() throws Throwable {
        return ((MemorySegment) REGISTRY_GET.invokeExact(tid)).address();
    }

    @Benchmark
    public long registryGetDispatched() {
        return LibLwp4j.callCritical(NativeOp.REGISTRY_GET, tid);
    }

    @Benchmark
    public int recycleOwnHandle() throws Throwable {
        return (int) RECYCLE.invokeExact(buffer, 0, tid, 1);
    }

    @Benchmark
    public long recycleDispatched() {
        return LibLwp4j.callCritical(NativeOp.BUFFER_RECYCLE, buffer.address(), 0, tid, 1);
    }
}
