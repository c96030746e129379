package io.lwp4j.sampler.layout;

import java.util.Map;

/**
 * Java mirror of {@code struct lwp4j_syscall_payload}, the payload of {@link
 * RecordType#SYSCALL} records: one I/O call the application made through the JDK, written by
 * the calling thread when the call returned, for the calls that were slow, threw or were
 * sampled ({@code flags} says which; every call is counted in {@link
 * io.lwp4j.sampler.iocount.ThreadIoCounts}). Offsets are within the record (payload offset
 * included), as {@link io.lwp4j.sampler.RecordView} reads them.
 *
 * <pre>
 * word 0  duration_ns      CLOCK_MONOTONIC ns the call took
 * word 1  result           bytes moved, -1 at end of stream; keys ready; 1/0 connected/accepted
 * word 2  requested        bytes asked for, or the timeout in ms of POLL/SELECT, -1 unknown
 * word 3  position         file offset of PREAD/PWRITE, else -1
 * word 4  fd (i32) | operation (u8) | kind (u8) | flags (u8) | error (u8)
 * word 5  java_thread_id   Thread.threadId() of the caller (a virtual thread's own id)
 * </pre>
 */
public final class SyscallLayout {
    @AbiName("syscall.duration_ns")
    public static final long DURATION_NS_OFFSET = RecordLayout.payloadOffset(0);
    @AbiName("syscall.result")
    public static final long RESULT_OFFSET = RecordLayout.payloadOffset(1);
    @AbiName("syscall.requested")
    public static final long REQUESTED_OFFSET = RecordLayout.payloadOffset(2);
    @AbiName("syscall.position")
    public static final long POSITION_OFFSET = RecordLayout.payloadOffset(3);
    @AbiName("syscall.fd")
    public static final long FD_OFFSET = RecordLayout.payloadOffset(4);
    @AbiName("syscall.operation")
    public static final long OPERATION_OFFSET = FD_OFFSET + 4;
    @AbiName("syscall.kind")
    public static final long KIND_OFFSET = FD_OFFSET + 5;
    @AbiName("syscall.flags")
    public static final long FLAGS_OFFSET = FD_OFFSET + 6;
    @AbiName("syscall.error")
    public static final long ERROR_OFFSET = FD_OFFSET + 7;
    @AbiName("syscall.java_thread_id")
    public static final long JAVA_THREAD_ID_OFFSET = RecordLayout.payloadOffset(5);
    @AbiName("syscall.size")
    public static final int PAYLOAD_SIZE = 48;

    /** Operations ({@code LWP4J_SYSCALL_READ ..}), indexed by code; index 0 unused. */
    @AbiName("LWP4J_SYSCALL_READ")
    public static final int READ = 1;
    @AbiName("LWP4J_SYSCALL_WRITE")
    public static final int WRITE = 2;
    @AbiName("LWP4J_SYSCALL_PREAD")
    public static final int PREAD = 3;
    @AbiName("LWP4J_SYSCALL_PWRITE")
    public static final int PWRITE = 4;
    @AbiName("LWP4J_SYSCALL_FORCE")
    public static final int FORCE = 5;
    @AbiName("LWP4J_SYSCALL_OPEN")
    public static final int OPEN = 6;
    @AbiName("LWP4J_SYSCALL_CONNECT")
    public static final int CONNECT = 7;
    @AbiName("LWP4J_SYSCALL_ACCEPT")
    public static final int ACCEPT = 8;
    @AbiName("LWP4J_SYSCALL_POLL")
    public static final int POLL = 9;
    @AbiName("LWP4J_SYSCALL_SELECT")
    public static final int SELECT = 10;
    @AbiName("LWP4J_SYSCALL_OP_MAX")
    public static final int OPERATION_MAX = 10;

    /** What the descriptor is ({@code LWP4J_SYSCALL_FILE ..}). */
    @AbiName("LWP4J_SYSCALL_FILE")
    public static final int FILE = 1;
    @AbiName("LWP4J_SYSCALL_SOCKET")
    public static final int SOCKET = 2;
    @AbiName("LWP4J_SYSCALL_SERVER_SOCKET")
    public static final int SERVER_SOCKET = 3;
    @AbiName("LWP4J_SYSCALL_SELECTOR")
    public static final int SELECTOR = 4;
    @AbiName("LWP4J_SYSCALL_KIND_MAX")
    public static final int KIND_MAX = 4;

    /** {@code flags}: the call threw ({@code error} says what). */
    @AbiName("LWP4J_SYSCALL_THREW")
    public static final int FLAG_THREW = 1;
    /** {@code flags}: a virtual thread made the call; the record sits in its carrier's buffer. */
    @AbiName("LWP4J_SYSCALL_VIRTUAL")
    public static final int FLAG_VIRTUAL = 1 << 1;
    /** {@code flags}: the call took at least the slow-call threshold. */
    @AbiName("LWP4J_SYSCALL_SLOW")
    public static final int FLAG_SLOW = 1 << 2;
    /** {@code flags}: the call was neither slow nor threw: it is the 1-in-N sample's (or every call's). */
    @AbiName("LWP4J_SYSCALL_SAMPLED")
    public static final int FLAG_SAMPLED = 1 << 3;

    @AbiName("LWP4J_SYSCALL_ERR_NONE")
    public static final int ERROR_NONE = 0;
    @AbiName("LWP4J_SYSCALL_ERR_IO")
    public static final int ERROR_IO = 1;
    @AbiName("LWP4J_SYSCALL_ERR_TIMEOUT")
    public static final int ERROR_TIMEOUT = 2;
    @AbiName("LWP4J_SYSCALL_ERR_CLOSED")
    public static final int ERROR_CLOSED = 3;
    @AbiName("LWP4J_SYSCALL_ERR_OTHER")
    public static final int ERROR_OTHER = 4;

    private static final String[] OPERATION_NAMES =
            {null, "read", "write", "pread", "pwrite", "force", "open", "connect", "accept", "poll", "select"};
    private static final String[] KIND_NAMES = {null, "file", "socket", "server-socket", "selector"};
    private static final String[] ERROR_NAMES = {"none", "io", "timeout", "closed", "other"};

    private SyscallLayout() {}

    /** Lower-case name of an operation code ("read", "pwrite", ...), or "op-N" for an unknown one. */
    public static String operationName(int operation) {
        return operation > 0 && operation <= OPERATION_MAX ? OPERATION_NAMES[operation] : "op-" + operation;
    }

    /** The operation code of a lower-case name, or -1. */
    public static int operationOf(String name) {
        for (int i = 1; i <= OPERATION_MAX; i++) {
            if (OPERATION_NAMES[i].equals(name)) return i;
        }
        return -1;
    }

    public static String kindName(int kind) {
        return kind > 0 && kind <= KIND_MAX ? KIND_NAMES[kind] : "kind-" + kind;
    }

    public static String errorName(int error) {
        return error >= 0 && error < ERROR_NAMES.length ? ERROR_NAMES[error] : "error-" + error;
    }

    /** Where the kind starts in {@link #operationAndKind}: the operation is in the bits below it. */
    public static final int KIND_SHIFT = 8;

    /**
     * The constant each I/O advice carries for its method: operation in bits 0-7, kind in
     * bits 8-15 ({@link #operationOf}, {@link #kindOf} take it apart).
     */
    public static int operationAndKind(int operation, int kind) {
        return operation | kind << KIND_SHIFT;
    }

    public static int operationOf(int operationAndKind) {
        return operationAndKind & (1 << KIND_SHIFT) - 1;
    }

    public static int kindOf(int operationAndKind) {
        return operationAndKind >>> KIND_SHIFT;
    }

    /** Payload word 4 as the writer packs it (little-endian: fd in the low 32 bits). */
    public static long packDescriptorWord(int fd, int operation, int kind, int flags, int error) {
        return (fd & 0xffff_ffffL) | (operation & 0xffL) << 32 | (kind & 0xffL) << 40 | (flags & 0xffL) << 48
                | (error & 0xffL) << 56;
    }

    /** The fd from payload word 4. */
    public static int fd(long descriptorWord) {
        return (int) descriptorWord;
    }

    public static int operation(long descriptorWord) {
        return (int) (descriptorWord >>> 32) & 0xff;
    }

    public static int kind(long descriptorWord) {
        return (int) (descriptorWord >>> 40) & 0xff;
    }

    public static int flags(long descriptorWord) {
        return (int) (descriptorWord >>> 48) & 0xff;
    }

    public static int error(long descriptorWord) {
        return (int) (descriptorWord >>> 56) & 0xff;
    }

    /** Every value above under its name in {@code lwp4j_abi_entries()} (field offsets within the record). */
    public static Map<String, Long> abi() {
        return AbiTable.of(SyscallLayout.class);
    }
}
