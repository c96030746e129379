package io.lwp4j.sampler;

/**
 * The ring buffer (or the poller on it) was closed: its mapping may be gone or another
 * thread's now. Thrown instead of reading it; the JDK throws a plain {@link
 * IllegalStateException} for a view whose shared arena another thread closed meanwhile.
 */
public final class BufferClosedException extends IllegalStateException {
    public BufferClosedException(String message) {
        super(message);
    }
}
