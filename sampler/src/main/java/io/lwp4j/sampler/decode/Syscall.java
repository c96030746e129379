package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_SYSCALL}: one I/O call the application made through the JDK, written by
 * the calling thread when it returned ({@code struct lwp4j_syscall_payload}). The record's
 * time is when the call started; a virtual thread's record sits in its carrier's buffer with
 * the carrier's tid, {@link #javaThreadId()} names the virtual thread.
 */
public final class Syscall extends DecodedRecord {
    /** {@code LWP4J_SYSCALL_THREW}. */
    public static final int THREW = 1;
    /** {@code LWP4J_SYSCALL_VIRTUAL}. */
    public static final int VIRTUAL = 1 << 1;
    private static final String[] OPERATIONS =
            {null, "read", "write", "pread", "pwrite", "force", "open", "connect", "accept", "poll", "select"};
    private static final String[] KINDS = {null, "file", "socket", "server-socket", "selector"};
    private static final String[] ERRORS = {"none", "io", "timeout", "closed", "other"};

    Syscall() {}

    /** How long the call took (CLOCK_MONOTONIC ns, as written). */
    public long durationNanos() {
        return raw.word(0);
    }

    /** Bytes moved (-1 at end of stream), keys ready, 1/0 connected/accepted; 0 when it threw. */
    public long result() {
        return raw.word(1);
    }

    /** Bytes asked for, or the timeout in ms of a poll/select; -1 when unknown. */
    public long requested() {
        return raw.word(2);
    }

    /** File offset of a positional read/write, else -1. */
    public long position() {
        return raw.word(3);
    }

    /** The file descriptor, -1 when unknown. */
    public int fd() {
        return (int) raw.word(4);
    }

    /** {@code LWP4J_SYSCALL_READ} (1) .. {@code _SELECT} (10). */
    public int operation() {
        return (int) ((raw.word(4) >>> 32) & 0xff);
    }

    /** "read", "write", "pread", "pwrite", "force", "open", "connect", "accept", "poll", "select". */
    public String operationName() {
        int op = operation();
        return op > 0 && op < OPERATIONS.length ? OPERATIONS[op] : "op-" + op;
    }

    /** {@code LWP4J_SYSCALL_FILE} (1) .. {@code _SELECTOR} (4). */
    public int kind() {
        return (int) ((raw.word(4) >>> 40) & 0xff);
    }

    /** "file", "socket", "server-socket", "selector". */
    public String kindName() {
        int k = kind();
        return k > 0 && k < KINDS.length ? KINDS[k] : "kind-" + k;
    }

    /** {@link #THREW}, {@link #VIRTUAL}. */
    public int callFlags() {
        return (int) ((raw.word(4) >>> 48) & 0xff);
    }

    /** {@code LWP4J_SYSCALL_ERR_*}: 0 none, 1 io, 2 timeout, 3 closed, 4 other. */
    public int error() {
        return (int) (raw.word(4) >>> 56);
    }

    public String errorName() {
        int e = error();
        return e < ERRORS.length ? ERRORS[e] : "error-" + e;
    }

    /** {@code Thread.threadId()} of the caller (a virtual thread's own id). */
    public long javaThreadId() {
        return raw.word(5);
    }

    /** A read or write (positional or not): {@link #result()} is a byte count. */
    public boolean isDataTransfer() {
        int op = operation();
        return op >= 1 && op <= 4;
    }

    public boolean isVirtualThread() {
        return (callFlags() & VIRTUAL) != 0;
    }

    @Override
    public String summaryKey() {
        return operationName();
    }

    @Override
    public long summaryNanos() {
        return durationNanos();
    }
}
