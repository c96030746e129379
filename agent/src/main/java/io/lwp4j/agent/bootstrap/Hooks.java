package io.lwp4j.agent.bootstrap;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one lwp4j class on the bootstrap class path: advice inserted into JDK classes
 * ({@code java.io.FileInputStream}, {@code sun.nio.ch.*}, {@code java.lang.Thread}) can only
 * call what the bootstrap loader sees. Each entry point reads the installed implementation
 * (made by the agent in its own class loader) and hands over; with none installed it does
 * nothing. Nothing here allocates, locks or does I/O.
 *
 * <p>Operation and kind travel as one int, packed by {@code SyscallLayout.operationAndKind}
 * (not visible from here), a constant in each advice ({@code lwp4j.h}: {@code LWP4J_SYSCALL_*}). The object the call was made on travels
 * untouched to the implementation, which looks into it (descriptor, path, addresses) only for
 * the rare calls that get a record or an event.
 */
public abstract class Hooks {
    /**
     * POLLOUT of Linux's {@code poll.h}, the same on every architecture; the JDK's {@code
     * sun.nio.ch.Net.POLLOUT} and {@code POLLCONN} have this value there.
     */
    public static final int POLLOUT = 0x4;
    private static final AtomicLong ADVICE_FAILURES = new AtomicLong();
    private static volatile Throwable firstAdviceFailure;
    private static volatile Hooks installed;

    protected Hooks() {}

    /** Makes {@code hooks} receive every call from the advice; null stops them. */
    public static void install(Hooks hooks) {
        installed = hooks;
    }

    public static Hooks installed() {
        return installed;
    }

    // ------------------------------------------------------------ entry points for advice

    /** Start of an I/O call: a timestamp for {@link #ioEnd}, or 0 when nothing records. */
    public static long ioStart() {
        Hooks h = installed;
        return h == null ? 0L : h.now();
    }

    /**
     * End of an I/O call that started at {@code start}, made on {@code target} (the stream,
     * channel, socket or selector: {@code this} of the advised method). {@code result} is what
     * the call did when it returned (bytes, 1 for a void call, -1 at the end of a stream); a call
     * that threw did nothing, whatever the advice passes: the result is 0 then.
     */
    public static void ioEnd(long start, int operationAndKind, Object target, long result, long requested,
            long position, Throwable thrown) {
        Hooks h = installed;
        if (h != null && start != 0L) {
            h.recordIo(start, operationAndKind, target, thrown == null ? result : 0L, requested, position, thrown);
        }
    }

    /**
     * End of an open of {@code path} ({@code sun.nio.fs.UnixPath} or its bytes) that returned
     * {@code fd}; -1 when it threw.
     */
    public static void ioEndOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown) {
        Hooks h = installed;
        if (h != null && start != 0L) {
            h.recordOpen(start, operationAndKind, path, thrown == null ? fd : -1, thrown);
        }
    }

    /**
     * Start of a wait for readiness (the poll(2) of a blocking socket call) for the poll events
     * {@code event}: a timestamp for {@link #waitEnd} when it waits for room to write (POLLOUT),
     * else 0. A socket write is the one call whose waits are taken from its work; every other
     * socket call (read, accept; connect polls for POLLOUT) counts all of its time as wait time,
     * so timing its polls would cost two clock reads and a store for nothing.
     */
    public static long waitStart(int event) {
        Hooks h = installed;
        return h == null || (event & POLLOUT) == 0 ? 0L : h.now();
    }

    /**
     * End of a wait for readiness that started at {@code start} ({@link #waitStart}): its time
     * goes to the enclosing call, as wait time.
     */
    public static void waitEnd(long start) {
        Hooks h = installed;
        if (h != null && start != 0L) {
            h.recordWait(start);
        }
    }

    /** A platform thread starts running ({@code Thread.run()} and overrides). */
    public static void threadStarted() {
        Hooks h = installed;
        if (h != null) h.onThreadStart();
    }

    /** A platform thread is terminating ({@code Thread.exit()}, called by the VM). */
    public static void threadExiting() {
        Hooks h = installed;
        if (h != null) h.onThreadExit();
    }

    // ------------------------------------------------------------ values the advice passes

    /** What {@code read(byte[] b)} or {@code write(byte[] b)} asks for: its length, or -1 with none. */
    public static long lengthOf(byte[] b) {
        return b == null ? -1L : b.length;
    }

    /**
     * What a transfer through {@code buffer} asked for: what remains in the buffer after the
     * call plus what moved ({@code moved}: the call's result, -1 or 0 when nothing did).
     */
    public static long requestedOf(ByteBuffer buffer, int moved) {
        return buffer == null ? -1L : buffer.remaining() + Math.max(moved, 0);
    }

    /** An {@code accept()}'s result: 1 with a connection, 0 with none (non-blocking). */
    public static long acceptedOf(Object accepted) {
        return accepted != null ? 1L : 0L;
    }

    /** A single-byte {@code read()}'s result: 1 with a byte, -1 at the end of the stream. */
    public static long byteReadOf(int value) {
        return value < 0 ? -1L : 1L;
    }

    /** Exception handler of every advice: the advice threw; the host never sees it. */
    public static void adviceFailed(Throwable t) {
        if (ADVICE_FAILURES.getAndIncrement() == 0) {
            firstAdviceFailure = t;
        }
    }

    public static long adviceFailures() {
        return ADVICE_FAILURES.get();
    }

    /** The first throwable an advice swallowed, or null. */
    public static Throwable firstAdviceFailure() {
        return firstAdviceFailure;
    }

    // ------------------------------------------------------------ the implementation's side

    protected abstract long now();

    protected abstract void recordIo(long start, int operationAndKind, Object target, long result, long requested,
            long position, Throwable thrown);

    protected abstract void recordOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown);

    protected abstract void recordWait(long start);

    protected abstract void onThreadStart();

    protected abstract void onThreadExit();
}
