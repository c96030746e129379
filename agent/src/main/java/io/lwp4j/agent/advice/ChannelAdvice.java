package io.lwp4j.agent.advice;

import io.lwp4j.agent.bootstrap.Hooks;
import java.nio.ByteBuffer;
import net.bytebuddy.asm.Advice;

/**
 * Advice for NIO: {@code sun.nio.ch.FileChannelImpl}, {@code SocketChannelImpl}, {@code
 * ServerSocketChannelImpl}, the channels' poll wait ({@code SelChImpl.park}), the selectors,
 * and {@code sun.nio.fs.UnixNativeDispatcher.open} (how {@code Files}/{@code FileChannel.open}
 * open a file). Conventions as in {@link FileStreamAdvice}.
 */
public final class ChannelAdvice {
    private ChannelAdvice() {}

    /**
     * {@code int m(ByteBuffer buf)}: read into or write from {@code buf}. What was asked is what
     * remains in the buffer after the call plus what moved.
     */
    public static final class BufferTransfer {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, n, buffer == null ? -1L : buffer.remaining() + Math.max(n, 0), -1L,
                    thrown);
        }
    }

    /** {@code long m(ByteBuffer[] buffers, int offset, int length)}: scatter/gather. */
    public static final class BufferArrayTransfer {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Return long n, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, n, -1L, -1L, thrown);
        }
    }

    /** {@code int read/write(ByteBuffer buf, long position)} of FileChannelImpl. */
    public static final class PositionalTransfer {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(0) ByteBuffer buffer,
                @Advice.Argument(1) long position, @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, n, buffer == null ? -1L : buffer.remaining() + Math.max(n, 0),
                    position, thrown);
        }
    }

    /** {@code void force(boolean metaData)} of FileChannelImpl, and other void calls: 1 when returned. */
    public static final class VoidCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, thrown == null ? 1 : 0, -1L, -1L, thrown);
        }
    }

    /** {@code boolean connect(SocketAddress)} of SocketChannelImpl: 1 connected, 0 pending (non-blocking). */
    public static final class BooleanCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Return boolean done,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, done ? 1 : 0, -1L, -1L, thrown);
        }
    }

    /** {@code SocketChannel accept()} and {@code blockingAccept(long)}: 1 accepted, 0 none (non-blocking). */
    public static final class ObjectReturningCall {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Return Object accepted,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, accepted != null ? 1 : 0, -1L, -1L, thrown);
        }
    }

    /** {@code default void park(int event, long nanos)} of SelChImpl: a blocking channel's poll(2) wait (see {@link FileStreamAdvice.ParkOnDescriptor}). */
    public static final class ChannelPark {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start) {
            Hooks.waitEnd(start);
        }
    }

    /** {@code int doSelect(Consumer action, long timeout)} of EPollSelectorImpl: keys ready. */
    public static final class EpollSelect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind, @Advice.This Object target,
                @Advice.Argument(1) long timeout, @Advice.Return int keys, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, keys, timeout, -1L, thrown);
        }
    }

    /** {@code int doSelect(Consumer action, long timeout)} of PollSelectorImpl (no single descriptor). */
    public static final class PollSelect {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind, @Advice.This Object target,
                @Advice.Argument(1) long timeout, @Advice.Return int keys, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, keys, timeout, -1L, thrown);
        }
    }

    /** {@code static int open(UnixPath path, int flags, int mode)} of UnixNativeDispatcher: the new fd. */
    public static final class NativeOpen {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind, @Advice.Argument(0) Object path,
                @Advice.Return int fd, @Advice.Thrown Throwable thrown) {
            Hooks.ioEndOpen(start, operationAndKind, path, thrown == null ? fd : -1, thrown);
        }
    }

    /** {@code static int openat(int dfd, byte[] path, int flags, int mode)} of UnixNativeDispatcher: the new fd. */
    public static final class NativeOpenAt {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind, @Advice.Argument(1) Object path,
                @Advice.Return int fd, @Advice.Thrown Throwable thrown) {
            Hooks.ioEndOpen(start, operationAndKind, path, thrown == null ? fd : -1, thrown);
        }
    }
}
