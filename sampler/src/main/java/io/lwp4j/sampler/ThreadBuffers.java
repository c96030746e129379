package io.lwp4j.sampler;

/**
 * The calling thread's own ring buffer in a {@link SamplingSession}: created on first use
 * (mlocked within the budget, registered under the thread's id so the native sampler finds
 * it), retired by {@link #release()} or, for threads that end without it, by {@link
 * BufferRegistry#reapExited()}.
 *
 * <p>A buffer belongs to an OS thread. In a session opened with {@link SamplingSession#open}
 * buffers are held in a plain {@link ThreadLocal} and only platform threads have one; in one
 * opened with {@link SamplingSession#openCarrierBound} they are held in a thread-local whose
 * value belongs to the carrier thread, and a virtual thread gets the buffer of the carrier it
 * is mounted on at the moment it asks.
 */
public final class ThreadBuffers {
    private final BufferRegistry registry;
    private final ThreadLocal<RingBuffer> perThread;
    private final boolean carrierBound;

    ThreadBuffers(BufferRegistry registry, ThreadLocal<RingBuffer> perThread, boolean carrierBound) {
        this.registry = registry;
        this.perThread = perThread;
        this.carrierBound = carrierBound;
    }

    /**
     * The buffer of the calling OS thread (a virtual thread's carrier), created with the
     * registry's configuration if needed.
     *
     * @throws IllegalStateException on a virtual thread when buffers are not carrier-bound
     */
    public RingBuffer current() {
        RingBuffer b = perThread.get();
        if (b == null || b.isClosed()) {
            if (!carrierBound && Thread.currentThread().isVirtual()) {
                throw new IllegalStateException("virtual threads record into their carrier's buffer, which needs a "
                        + "session opened with SamplingSession.openCarrierBound");
            }
            b = registry.createForCurrentThread();
            perThread.set(b);
        }
        return b;
    }

    /** The calling OS thread's buffer, or null when it has none. */
    public RingBuffer currentIfPresent() {
        RingBuffer b = perThread.get();
        return b == null || b.isClosed() ? null : b;
    }

    /**
     * The calling platform thread is done recording: retires its buffer. On a virtual thread
     * this does nothing: the buffer is its carrier's, which goes on running other threads.
     */
    public void release() {
        if (Thread.currentThread().isVirtual()) return;
        RingBuffer b = perThread.get();
        if (b != null) {
            perThread.remove();
            registry.retire(b);
        }
    }
}
