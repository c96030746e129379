package io.lwp4j.agent.advice;

import io.lwp4j.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Advice for methods that move bytes through a {@code byte[]}: {@code java.io.FileInputStream},
 * {@code FileOutputStream}, {@code RandomAccessFile}, {@code sun.nio.ch.NioSocketImpl}, and the
 * socket adaptor methods of {@code SocketChannelImpl}. Each nested class is one method shape;
 * the operation and kind are bound per method. Every advice is inlined into the JDK method,
 * swallows what it throws ({@code suppress}), and only calls {@link Hooks}, passing the object
 * the call was made on ({@code this}) untouched: the advice references no other lwp4j class,
 * and reads no field of the JDK's.
 */
public final class FileStreamAdvice {
    private FileStreamAdvice() {}

    /** {@code int m(byte[] b, int off, int len, ...)}: bytes or -1. */
    public static final class ArrayRangeReturningCount {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(2) int len, @Advice.Return long n,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, n, len, -1L, thrown);
        }
    }

    /** {@code void m(byte[] b, int off, int len)}: all of len, or threw. */
    public static final class ArrayRangeVoid {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(2) int len,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, thrown == null ? len : 0, len, -1L, thrown);
        }
    }

    /** {@code int read(byte[] b)}. */
    public static final class WholeArrayReturningCount {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(0) byte[] b, @Advice.Return int n,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, n, b == null ? -1 : b.length, -1L, thrown);
        }
    }

    /** {@code void write(byte[] b)}. */
    public static final class WholeArrayVoid {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Argument(0) byte[] b,
                @Advice.Thrown Throwable thrown) {
            int len = b == null ? -1 : b.length;
            Hooks.ioEnd(start, operationAndKind, target, thrown == null ? len : 0, len, -1L, thrown);
        }
    }

    /** {@code int read()}: one byte, or -1 at the end. */
    public static final class SingleByteRead {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Return int value,
                @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, thrown != null ? 0 : value < 0 ? -1 : 1, 1, -1L, thrown);
        }
    }

    /** {@code void write(int b)}. */
    public static final class SingleByteWrite {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start, @OperationAndKind int operationAndKind,
                @Advice.This Object target, @Advice.Thrown Throwable thrown) {
            Hooks.ioEnd(start, operationAndKind, target, thrown == null ? 1 : 0, 1, -1L, thrown);
        }
    }

    /**
     * {@code void open(String name, ...)} of the java.io streams, and {@code void connect(..)},
     * {@code void accept(SocketImpl)} of {@code NioSocketImpl}: result 1 when it returned.
     */
    public static final class DescriptorAfterVoid {
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

    /**
     * {@code void park(FileDescriptor fd, int event, long nanos)} of NioSocketImpl: the poll(2)
     * wait inside a blocking socket read, write, connect or accept; its time becomes that
     * call's wait time.
     */
    public static final class ParkOnDescriptor {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Hooks.ioStart();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long start) {
            Hooks.waitEnd(start);
        }
    }
}
