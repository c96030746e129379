package io.lwp4j.sampler;

/**
 * The platform thread the caller runs on: the caller itself, or the carrier of a mounted
 * virtual thread. A ring buffer belongs to an OS thread, so this is the thread that owns the
 * buffer a caller may write.
 *
 * <p>The JDK names the carrier only through {@code jdk.internal.access.JavaLangAccess}. When
 * {@code java.base} exports {@code jdk.internal.access} to this module ({@code --add-exports
 * java.base/jdk.internal.access=ALL-UNNAMED}, or {@code Instrumentation.redefineModule}) before
 * this class is first used, virtual threads map to their carrier ({@link JdkCarrierThread}).
 * Otherwise {@link #current()} is {@link Thread#currentThread()} and virtual threads cannot own
 * or write a buffer ({@link #isCarrierAware()} is false).
 *
 * <p>The answer is fixed when the class is initialised, so that {@link #current()}, on every
 * counted call and every append's owner check, is one branch on a constant the JIT folds: it is
 * a fact of the module graph, not configuration, and a {@link SamplingSession} opened for
 * carrier-bound buffers checks it. No method handle or reflective call: this class initialises
 * in the host's premain, where each would spin classes (issue 16).
 */
public final class CarrierThreads {
    private static final boolean CARRIER_AWARE = carrierReachable();

    private CarrierThreads() {}

    private static boolean carrierReachable() {
        Module javaBase = Object.class.getModule();
        if (!javaBase.isExported("jdk.internal.access", CarrierThreads.class.getModule())) {
            return false;
        }
        try {
            JdkCarrierThread.current();
            return true;
        } catch (LinkageError | RuntimeException e) {
            Warnings.warnOnce("carrier-threads", "cannot name the carrier of virtual threads (" + e
                    + "); virtual threads will record nothing");
            return false;
        }
    }

    /** The platform thread the caller runs on (see the class comment). */
    public static Thread current() {
        return CARRIER_AWARE ? JdkCarrierThread.current() : Thread.currentThread();
    }

    /** True when virtual threads map to their carrier. */
    public static boolean isCarrierAware() {
        return CARRIER_AWARE;
    }
}
