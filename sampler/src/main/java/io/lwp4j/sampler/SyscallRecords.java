package io.lwp4j.sampler;

import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.SyscallLayout;

/**
 * Writes {@link RecordType#SYSCALL} records ({@code struct lwp4j_syscall_payload}): one I/O call
 * the calling thread made, into its own buffer, when the call has returned.
 */
public final class SyscallRecords {
    private static final int TYPE = RecordType.SYSCALL.code();

    private SyscallRecords() {}

    /**
     * Appends one call that ran from {@code startTicks} to {@code endTicks} ({@link
     * RecordClock#now()}). The caller must run on the buffer's owner (see {@link
     * RingBuffer#append}); fields as in {@link SyscallLayout}.
     *
     * @return false when the buffer was full and the record was dropped (counted lost)
     */
    public static boolean append(RingBuffer buffer, long startTicks, long endTicks, long result, long requested,
            long position, int fd, int operation, int kind, int flags, int error, long javaThreadId) {
        return buffer.append(TYPE, RecordClock.recordFlags(), startTicks, RecordClock.toNanos(endTicks - startTicks),
                result, requested, position, SyscallLayout.packDescriptorWord(fd, operation, kind, flags, error),
                javaThreadId);
    }
}
