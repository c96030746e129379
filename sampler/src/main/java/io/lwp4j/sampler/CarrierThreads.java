package io.lwp4j.sampler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The platform thread the caller runs on: the caller itself, or the carrier of a mounted
 * virtual thread. A ring buffer belongs to an OS thread, so this is the thread that owns the
 * buffer a caller may write.
 *
 * <p>The JDK names the carrier only through {@code jdk.internal.access.JavaLangAccess}. When
 * {@code java.base} exports {@code jdk.internal.access} to this module ({@code --add-exports
 * java.base/jdk.internal.access=ALL-UNNAMED}, or {@code Instrumentation.redefineModule}) before
 * this class is first used, virtual threads map to their carrier. Otherwise {@link #current()}
 * is {@link Thread#currentThread()} and virtual threads cannot own or write a buffer ({@link
 * #isCarrierAware()} is false).
 *
 * <p>The answer is fixed when the class is initialised, so that {@link #current()}, on every
 * append's owner check, is a constant method handle the JIT inlines: it is a fact of the
 * module graph, not configuration, and a {@link SamplingSession} opened for carrier-bound
 * buffers checks it.
 */
public final class CarrierThreads {
    private static final MethodHandle CURRENT;
    private static final boolean CARRIER_AWARE;

    static {
        MethodHandle carrier = carrierLookup();
        CARRIER_AWARE = carrier != null;
        try {
            CURRENT = CARRIER_AWARE ? carrier
                    : MethodHandles.lookup().findStatic(Thread.class, "currentThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CarrierThreads() {}

    private static MethodHandle carrierLookup() {
        Module javaBase = Object.class.getModule();
        if (!javaBase.isExported("jdk.internal.access", CarrierThreads.class.getModule())) {
            return null;
        }
        try {
            Class<?> sharedSecrets = Class.forName("jdk.internal.access.SharedSecrets");
            Class<?> javaLangAccess = Class.forName("jdk.internal.access.JavaLangAccess");
            Object access = sharedSecrets.getMethod("getJavaLangAccess").invoke(null);
            return MethodHandles.lookup()
                    .findVirtual(javaLangAccess, "currentCarrierThread", MethodType.methodType(Thread.class))
                    .bindTo(access);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Warnings.warnOnce("carrier-threads", "cannot name the carrier of virtual threads (" + e
                    + "); virtual threads will record nothing");
            return null;
        }
    }

    /** The platform thread the caller runs on (see the class comment). */
    public static Thread current() {
        try {
            return (Thread) CURRENT.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** True when virtual threads map to their carrier. */
    public static boolean isCarrierAware() {
        return CARRIER_AWARE;
    }
}
