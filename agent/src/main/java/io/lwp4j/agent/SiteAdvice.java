package io.lwp4j.agent;

import io.lwp4j.agent.bootstrap.Hooks;

/**
 * What the code inserted into one advised method passes to {@link Hooks}, one constant per
 * method shape (the table is {@link JdkInstrumentation}). An I/O advice calls {@link
 * Hooks#ioStart} on entry and, on every return and every throw, one of {@link Hooks#ioEnd},
 * {@link Hooks#ioEndOpen} or {@link Hooks#waitEnd} with the operands below; a thread advice
 * calls its hook on entry only. {@link AdviceInserter} writes the bytecode.
 */
enum SiteAdvice {
    /** {@code int m(byte[] b, int off, int len, ...)}: bytes or -1. */
    ARRAY_RANGE_RETURNING_COUNT(Operand.RETURNED, Operand.argument(2), Operand.NONE),
    /** {@code void m(byte[] b, int off, int len)}: all of len. */
    ARRAY_RANGE_VOID(Operand.argument(2), Operand.argument(2), Operand.NONE),
    /** {@code int read(byte[] b)}. */
    WHOLE_ARRAY_RETURNING_COUNT(Operand.RETURNED, Operand.lengthOfArgument(0), Operand.NONE),
    /** {@code void write(byte[] b)}. */
    WHOLE_ARRAY_VOID(Operand.lengthOfArgument(0), Operand.lengthOfArgument(0), Operand.NONE),
    /** {@code int read()}: one byte, or -1 at the end. */
    SINGLE_BYTE_READ(Operand.BYTE_READ, Operand.constant(1), Operand.NONE),
    /** {@code void write(int b)}. */
    SINGLE_BYTE_WRITE(Operand.constant(1), Operand.constant(1), Operand.NONE),
    /**
     * A void call that makes or uses a descriptor: {@code open(String, ..)} of the java.io
     * streams, {@code connect}, {@code accept(SocketImpl)} of NioSocketImpl, {@code force}: 1.
     */
    VOID_CALL(Operand.constant(1), Operand.NONE, Operand.NONE),
    /**
     * {@code int m(ByteBuffer buf)}: read into or write from {@code buf}. What was asked is what
     * remains in the buffer after the call plus what moved.
     */
    BUFFER_TRANSFER(Operand.RETURNED, Operand.requestedOfBufferArgument(0), Operand.NONE),
    /** {@code long m(ByteBuffer[] buffers, int offset, int length)}: scatter/gather. */
    BUFFER_ARRAY_TRANSFER(Operand.RETURNED, Operand.NONE, Operand.NONE),
    /** {@code int read/write(ByteBuffer buf, long position)} of FileChannelImpl. */
    POSITIONAL_TRANSFER(Operand.RETURNED, Operand.requestedOfBufferArgument(0), Operand.argument(1)),
    /** {@code boolean connect(SocketAddress)}: 1 connected, 0 pending (non-blocking). */
    BOOLEAN_CALL(Operand.RETURNED, Operand.NONE, Operand.NONE),
    /** {@code SocketChannel accept()} and {@code blockingAccept(long)}: 1 accepted, 0 none (non-blocking). */
    ACCEPT_CALL(Operand.ACCEPTED, Operand.NONE, Operand.NONE),
    /** {@code int doSelect(Consumer action, long timeout)} of the selectors: keys ready; the timeout asked. */
    SELECT_CALL(Operand.RETURNED, Operand.argument(1), Operand.NONE),
    /** {@code static int open(UnixPath path, int flags, int mode)} of UnixNativeDispatcher: the new fd. */
    NATIVE_OPEN(0),
    /** {@code static int openat(int dfd, byte[] path, int flags, int mode)} of UnixNativeDispatcher: the new fd. */
    NATIVE_OPEN_AT(1),
    /**
     * The poll(2) wait inside a blocking socket or channel call ({@code park} of NioSocketImpl
     * and SelChImpl): {@link Hooks#waitStart} of its poll events (its first int argument) on
     * entry, so only a wait for room to write is timed; its time becomes that call's wait time
     * ({@link Hooks#waitEnd}).
     */
    WAIT,
    /** {@code Thread.run()} and {@code ForkJoinWorkerThread.run()}: {@link Hooks#threadStarted} on entry. */
    THREAD_START,
    /** {@code Thread.exit()}, which the VM calls on the terminating thread: {@link Hooks#threadExiting} on entry. */
    THREAD_EXIT;

    /** What {@link #ioEnd} passes as a long: where it comes from. */
    record Operand(Source source, long value) {
        enum Source { NONE, CONSTANT, ARGUMENT, RETURNED, LENGTH_OF_ARGUMENT, REQUESTED_OF_BUFFER_ARGUMENT, ACCEPTED,
            BYTE_READ }

        /** -1: "not known" in every {@link Hooks#ioEnd} operand. */
        static final Operand NONE = new Operand(Source.NONE, -1);
        /** The return value, widened to long (a boolean: 1 or 0). */
        static final Operand RETURNED = new Operand(Source.RETURNED, 0);
        /** {@link Hooks#acceptedOf} of the returned object. */
        static final Operand ACCEPTED = new Operand(Source.ACCEPTED, 0);
        /** {@link Hooks#byteReadOf} of the returned int. */
        static final Operand BYTE_READ = new Operand(Source.BYTE_READ, 0);

        static Operand constant(long value) {
            return new Operand(Source.CONSTANT, value);
        }

        /** Argument {@code index} (int or long, widened), as it was when the method was entered. */
        static Operand argument(int index) {
            return new Operand(Source.ARGUMENT, index);
        }

        /** {@link Hooks#lengthOf} of the {@code byte[]} argument {@code index}. */
        static Operand lengthOfArgument(int index) {
            return new Operand(Source.LENGTH_OF_ARGUMENT, index);
        }

        /** {@link Hooks#requestedOf} of the {@code ByteBuffer} argument {@code index} and the returned int. */
        static Operand requestedOfBufferArgument(int index) {
            return new Operand(Source.REQUESTED_OF_BUFFER_ARGUMENT, index);
        }

        /** The argument this operand reads, or -1. */
        int argumentIndex() {
            return switch (source) {
                case ARGUMENT, LENGTH_OF_ARGUMENT, REQUESTED_OF_BUFFER_ARGUMENT -> (int) value;
                default -> -1;
            };
        }
    }

    /** Operands of {@link Hooks#ioEnd}: result, requested, position (null for the other hooks). */
    final Operand result;
    final Operand requested;
    final Operand position;
    /** For {@link Hooks#ioEndOpen}: the argument holding the path; -1 for the other hooks. */
    final int pathArgument;

    SiteAdvice(Operand result, Operand requested, Operand position) {
        this.result = result;
        this.requested = requested;
        this.position = position;
        this.pathArgument = -1;
    }

    SiteAdvice(int pathArgument) {
        this.result = null;
        this.requested = null;
        this.position = null;
        this.pathArgument = pathArgument;
    }

    SiteAdvice() {
        this(-1);
    }

    /** Calls {@link Hooks#ioEnd}. */
    boolean endsWithIoEnd() {
        return result != null;
    }

    /** Calls {@link Hooks#ioEndOpen}. */
    boolean endsWithOpen() {
        return pathArgument >= 0;
    }

    /** Times a call: {@link Hooks#ioStart} on entry, a hook at every exit (not a thread advice). */
    boolean isIo() {
        return this != THREAD_START && this != THREAD_EXIT;
    }
}
