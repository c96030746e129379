package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.sampler.layout.SyscallLayout;

/**
 * {@code LWP4J_REC_SYSCALL}: one I/O call the application made through the JDK, written by
 * the calling thread when it returned ({@code struct lwp4j_syscall_payload}, offsets and names
 * from {@link SyscallLayout}). The record's time is when the call started; a virtual thread's
 * record sits in its carrier's buffer with the carrier's tid, {@link #javaThreadId()} names
 * the virtual thread.
 */
public final class Syscall extends DecodedRecord {
    Syscall() {}

    /** How long the call took (CLOCK_MONOTONIC ns, as written). */
    public long durationNanos() {
        return recordField(DURATION_NS_OFFSET, 8);
    }

    /** Bytes moved (-1 at end of stream), keys ready, 1/0 connected/accepted; 0 when it threw. */
    public long result() {
        return recordField(RESULT_OFFSET, 8);
    }

    /** Bytes asked for, or the timeout in ms of a poll/select; -1 when unknown. */
    public long requested() {
        return recordField(REQUESTED_OFFSET, 8);
    }

    /** File offset of a positional read/write, else -1. */
    public long position() {
        return recordField(POSITION_OFFSET, 8);
    }

    /** The file descriptor, -1 when unknown. */
    public int fd() {
        return (int) recordField(FD_OFFSET, 4);
    }

    /** {@link SyscallLayout#READ} .. {@link SyscallLayout#SELECT}. */
    public int operation() {
        return (int) recordField(OPERATION_OFFSET, 1);
    }

    /** "read", "write", "pread", "pwrite", "force", "open", "connect", "accept", "poll", "select". */
    public String operationName() {
        return SyscallLayout.operationName(operation());
    }

    /** {@link SyscallLayout#FILE} .. {@link SyscallLayout#SELECTOR}. */
    public int kind() {
        return (int) recordField(KIND_OFFSET, 1);
    }

    /** "file", "socket", "server-socket", "selector". */
    public String kindName() {
        return SyscallLayout.kindName(kind());
    }

    /** {@link SyscallLayout#FLAG_THREW}, {@link SyscallLayout#FLAG_VIRTUAL}, {@link SyscallLayout#FLAG_SLOW}, {@link SyscallLayout#FLAG_SAMPLED}. */
    public int callFlags() {
        return (int) recordField(FLAGS_OFFSET, 1);
    }

    /** {@link SyscallLayout#ERROR_NONE} .. {@link SyscallLayout#ERROR_OTHER}. */
    public int error() {
        return (int) recordField(ERROR_OFFSET, 1);
    }

    /** "none", "io", "timeout", "closed", "other". */
    public String errorName() {
        return SyscallLayout.errorName(error());
    }

    /** {@code Thread.threadId()} of the caller (a virtual thread's own id). */
    public long javaThreadId() {
        return recordField(JAVA_THREAD_ID_OFFSET, 8);
    }

    /** A read or write (positional or not): {@link #result()} is a byte count. */
    public boolean isDataTransfer() {
        int op = operation();
        return op == READ || op == WRITE || op == PREAD || op == PWRITE;
    }

    public boolean isVirtualThread() {
        return (callFlags() & FLAG_VIRTUAL) != 0;
    }

    // No summaryNanos(): every call is summarised where it is counted, in the calling thread
    // (io.lwp4j.sampler.iocount); records exist only for some calls.
}
