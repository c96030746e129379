package io.lwp4j.sampler.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * liblwp4j itself: loaded once, and {@link #bind} for the classes that wrap one C area each
 * ({@link NativeBuffers}, {@link NativeRegistry}, {@link NativeClock}, {@link NativeSelfCheck},
 * the write tracker's and the probes' own). Nothing here is a handle to call.
 */
public final class LibLwp4j {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = NativeLibrary.load();
    /** For calls that neither block nor call back: no thread-state transition, a few ns each. */
    static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private LibLwp4j() {}

    /** Binds a downcall to a liblwp4j symbol; used by every module that adds C API. */
    public static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIB.find(name)
                .orElseThrow(() -> new IllegalStateException("liblwp4j has no symbol " + name
                        + ": the native library and the Java classes come from different builds"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** Rethrows what a downcall threw: they throw nothing but errors of the JVM itself. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
