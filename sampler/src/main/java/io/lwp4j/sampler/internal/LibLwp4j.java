package io.lwp4j.sampler.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the C API of {@code lwp4j.h}, one per function, bound once.
 *
 * <p>Calls that neither block nor call back are linked {@code critical}: no thread-state
 * transition, a few nanoseconds each.
 */
public final class LibLwp4j {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIB = NativeLibrary.load();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    public static final MethodHandle BUFFER_CREATE =
            bind("lwp4j_buffer_create", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    public static final MethodHandle BUFFER_DESTROY = bind("lwp4j_buffer_destroy", FunctionDescriptor.ofVoid(ADDRESS));
    public static final MethodHandle BUFFER_MAPPING_OF =
            bind("lwp4j_buffer_mapping_of", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    public static final MethodHandle BUFFER_RECYCLE = bind("lwp4j_buffer_recycle",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT), CRITICAL);
    public static final MethodHandle BUFFER_MAPPING_SIZE =
            bind("lwp4j_buffer_mapping_size", FunctionDescriptor.of(JAVA_LONG, JAVA_INT), CRITICAL);
    public static final MethodHandle CONSUMER_ATTACH =
            bind("lwp4j_consumer_attach", FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
    public static final MethodHandle CONSUMER_DETACH =
            bind("lwp4j_consumer_detach", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT), CRITICAL);
    public static final MethodHandle DOORBELL_RING =
            bind("lwp4j_doorbell_ring", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
    public static final MethodHandle DOORBELL_FD = bind("lwp4j_doorbell_fd", FunctionDescriptor.of(JAVA_INT));
    public static final MethodHandle DOORBELL_WAIT = bind("lwp4j_doorbell_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    public static final MethodHandle SET_LOCK_BUDGET =
            bind("lwp4j_set_lock_budget", FunctionDescriptor.ofVoid(JAVA_LONG), CRITICAL);
    public static final MethodHandle SET_MEMORY_BUDGET =
            bind("lwp4j_set_memory_budget", FunctionDescriptor.ofVoid(JAVA_LONG), CRITICAL);
    public static final MethodHandle BUFFER_FITS =
            bind("lwp4j_buffer_fits", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CRITICAL);
    public static final MethodHandle SET_NATIVE_BUFFER_DEFAULTS = bind("lwp4j_set_native_buffer_defaults",
            FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT), CRITICAL);
    public static final MethodHandle STATS_READ = bind("lwp4j_stats_read", FunctionDescriptor.ofVoid(ADDRESS));
    public static final MethodHandle REGISTRY_PUT =
            bind("lwp4j_registry_put", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    public static final MethodHandle REGISTRY_REMOVE =
            bind("lwp4j_registry_remove", FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS));
    public static final MethodHandle REGISTRY_GET =
            bind("lwp4j_registry_get", FunctionDescriptor.of(ADDRESS, JAVA_INT), CRITICAL);
    public static final MethodHandle REGISTRY_SIZE = bind("lwp4j_registry_size", FunctionDescriptor.of(JAVA_INT));
    public static final MethodHandle ORPHAN_BUFFER = bind("lwp4j_orphan_buffer", FunctionDescriptor.of(ADDRESS));
    public static final MethodHandle TSC_HZ = bind("lwp4j_tsc_hz", FunctionDescriptor.of(JAVA_LONG));
    public static final MethodHandle TSC_USABLE = bind("lwp4j_tsc_usable", FunctionDescriptor.of(JAVA_INT));
    public static final MethodHandle NOW = bind("lwp4j_now", FunctionDescriptor.of(JAVA_LONG), CRITICAL);
    public static final MethodHandle TSC_READ = bind("lwp4j_tsc_read", FunctionDescriptor.of(JAVA_LONG), CRITICAL);
    public static final MethodHandle TSC_READ_PREFETCHW =
            bind("lwp4j_tsc_read_prefetchw", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG), CRITICAL);
    public static final MethodHandle GETTID = bind("lwp4j_gettid", FunctionDescriptor.of(JAVA_INT), CRITICAL);
    public static final MethodHandle SEQ_PRODUCER_START =
            bind("lwp4j_seq_producer_start", FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT));
    public static final MethodHandle SEQ_PRODUCER_JOIN =
            bind("lwp4j_seq_producer_join", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    public static final MethodHandle ABI_ENTRIES = bind("lwp4j_abi_entries", FunctionDescriptor.of(ADDRESS, ADDRESS));

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
