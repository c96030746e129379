package io.lwp4j.sampler;

/**
 * The calling thread's own ring buffer: created on first use (mlocked within the budget,
 * registered under the thread's id so the native sampler finds it), retired by {@link
 * #release()} or, for threads that end without it, by {@link BufferRegistry#reapExited()}.
 */
public final class ThreadBuffers {
    private static final ThreadLocal<RingBuffer> CURRENT = new ThreadLocal<>();

    private ThreadBuffers() {}

    /** The calling thread's buffer, created with the registry's configuration if needed. */
    public static RingBuffer current() {
        RingBuffer b = CURRENT.get();
        if (b == null || b.isClosed()) {
            b = BufferRegistry.global().createForCurrentThread();
            CURRENT.set(b);
        }
        return b;
    }

    /** The calling thread's buffer, or null when it has none. */
    public static RingBuffer currentIfPresent() {
        RingBuffer b = CURRENT.get();
        return b == null || b.isClosed() ? null : b;
    }

    /** The calling thread is done recording: retires its buffer. */
    public static void release() {
        RingBuffer b = CURRENT.get();
        if (b != null) {
            CURRENT.remove();
            BufferRegistry.global().retire(b);
        }
    }
}
