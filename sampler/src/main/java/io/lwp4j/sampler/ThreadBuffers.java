package io.lwp4j.sampler;

/**
 * The calling thread's own ring buffer: created on first use (mlocked within the budget,
 * registered under the thread's id so the native sampler finds it), retired by {@link
 * #release()} or, for threads that end without it, by {@link BufferRegistry#reapExited()}.
 *
 * <p>A buffer belongs to an OS thread. By default buffers are held in a plain {@link
 * ThreadLocal} and only platform threads have one. {@link #bindToCarriers} replaces it with a
 * thread-local whose value belongs to the carrier thread (the lwp4j agent installs one, which
 * also retires the buffer when its platform thread terminates): then a virtual thread gets
 * the buffer of the carrier it is mounted on at the moment it asks.
 */
public final class ThreadBuffers {
    private static volatile ThreadLocal<RingBuffer> perThread = new ThreadLocal<>();
    private static volatile boolean carrierBound;

    private ThreadBuffers() {}

    /**
     * Holds buffers in {@code perCarrier} from now on: a thread-local whose value is the
     * carrier's when a virtual thread reads it (e.g. {@code jdk.internal.misc.CarrierThreadLocal}).
     * Buffers made before stay with their threads until those end ({@link
     * BufferRegistry#reapExited()}).
     */
    public static synchronized void bindToCarriers(ThreadLocal<RingBuffer> perCarrier) {
        if (!CarrierThreads.isCarrierAware()) {
            throw new IllegalStateException("carrier-bound buffers need java.base to export jdk.internal.access "
                    + "to lwp4j before CarrierThreads is first used");
        }
        perThread = perCarrier;
        carrierBound = true;
    }

    /**
     * The buffer of the calling OS thread (a virtual thread's carrier), created with the
     * registry's configuration if needed.
     *
     * @throws IllegalStateException on a virtual thread when buffers are not carrier-bound
     */
    public static RingBuffer current() {
        ThreadLocal<RingBuffer> local = perThread;
        RingBuffer b = local.get();
        if (b == null || b.isClosed()) {
            if (!carrierBound && Thread.currentThread().isVirtual()) {
                throw new IllegalStateException("virtual threads record into their carrier's buffer, which needs "
                        + "ThreadBuffers.bindToCarriers (the lwp4j agent does it)");
            }
            b = BufferRegistry.global().createForCurrentThread();
            local.set(b);
        }
        return b;
    }

    /** The calling OS thread's buffer, or null when it has none. */
    public static RingBuffer currentIfPresent() {
        RingBuffer b = perThread.get();
        return b == null || b.isClosed() ? null : b;
    }

    /**
     * The calling platform thread is done recording: retires its buffer. On a virtual thread
     * this does nothing: the buffer is its carrier's, which goes on running other threads.
     */
    public static void release() {
        if (Thread.currentThread().isVirtual()) return;
        ThreadLocal<RingBuffer> local = perThread;
        RingBuffer b = local.get();
        if (b != null) {
            local.remove();
            BufferRegistry.global().retire(b);
        }
    }
}
