package io.lwp4j.sampler.layout;

/**
 * Java mirror of {@code struct lwp4j_syscall_payload}, the payload of {@link
 * RecordType#SYSCALL} records: one I/O call the application made through the JDK, written by
 * the calling thread when the call returned, for the calls that were slow, threw or were
 * sampled ({@code flags} says which; every call is counted in {@link
 * io.lwp4j.sampler.iocount.ThreadIoCounts}). Offsets are within the record (payload offset
 * included), as {@link io.lwp4j.sampler.RecordView} reads them. Its constants are printed from
 * lwp4j.h at build time ({@link SyscallAbi}, {@code native/src/abi.c}); a test checks them against
 * the table of the library Java loaded.
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
public final class SyscallLayout extends SyscallAbi {
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
}
