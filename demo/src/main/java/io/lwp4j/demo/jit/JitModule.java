package io.lwp4j.demo.jit;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.demo.jit.CodeRegions.CodeRegion;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A freshly "compiled" module, as a Wasm runtime makes one per request: a few functions
 * emitted across the pages of a code region, linked to the module's globals, made
 * executable, called through FFM, and checked against what Java computes.
 */
public final class JitModule {
    /** {@code long f(long)} called through its address; linked once for every module. */
    private static final MethodHandle CALL = Linker.nativeLinker()
            .downcallHandle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
    private static final long SLOT_BYTES = 128;

    private final List<JitFunction> functions;

    private JitModule(List<JitFunction> functions) {
        this.functions = functions;
    }

    /** A module of {@code count} random functions. */
    public static JitModule generate(RandomGenerator rnd, int count) {
        List<JitFunction> fs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fs.add(switch (i % 3) {
                case 0 -> new JitFunction.Polynomial(rnd.nextLong(), rnd.nextLong(), rnd.nextLong());
                case 1 -> new JitFunction.SumLoop(rnd.nextInt(1, 1000));
                default -> new JitFunction.GlobalAdd(rnd.nextInt(0, 64));
            });
        }
        return new JitModule(fs);
    }

    public int size() {
        return functions.size();
    }

    /**
     * Loads the module into {@code region}: function i goes to page i mod pages (so every
     * page is written, as in seed 001), then runs each function once on {@code x}.
     *
     * @param globals the module's data, written before the code runs (at least 64 longs)
     * @return the number of functions run
     * @throws IllegalStateException when generated code returns a wrong result
     */
    public int loadAndRun(CodeRegion region, MemorySegment globals, long x) {
        MemorySegment w = region.beginWrite();
        long pages = w.byteSize() / Libc.PAGE;
        if (functions.size() > pages * (Libc.PAGE / SLOT_BYTES)) {
            throw new IllegalArgumentException(functions.size() + " functions do not fit in " + pages + " pages");
        }
        long[] offsets = new long[functions.size()];
        for (int i = 0; i < functions.size(); i++) {
            offsets[i] = (i % pages) * Libc.PAGE + (i / pages) * SLOT_BYTES;
            functions.get(i).emit(new X86Emitter(w, offsets[i]), globals);
        }
        MemorySegment code = region.endWrite();
        try {
            for (int i = 0; i < functions.size(); i++) {
                long got = (long) CALL.invokeExact(code.asSlice(offsets[i]), x);
                long want = functions.get(i).expected(x, globals);
                if (got != want) {
                    throw new IllegalStateException(functions.get(i) + "(" + x + ") returned " + got + ", expected " + want);
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            region.retireModule();
        }
        return functions.size();
    }
}
