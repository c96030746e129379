package io.lwp4j.sampler;

/**
 * liblwp4j could not map a ring buffer ({@code lwp4j_buffer_create_into}'s errno: ENOSPC past
 * the memory budget, ENOMEM when mmap failed). Not an {@link OutOfMemoryError}: the heap is
 * fine, and the thread goes on without a buffer.
 */
public final class BufferMappingException extends IllegalStateException {
    private final int errno;

    public BufferMappingException(int capacity, int errno) {
        super("cannot map a ring buffer of " + capacity + " records (errno " + errno + ")");
        this.errno = errno;
    }

    /** Why: ENOSPC (28), ENOMEM (12), EINVAL (22). */
    public int errno() {
        return errno;
    }
}
