package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.BufferBudgetException;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SyscallRecords;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.Warnings;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the advice calls (through {@link Hooks}): writes one SYSCALL record per I/O call into
 * the calling OS thread's own buffer, and gives platform threads their buffer when they start
 * and back when they end.
 *
 * <p>The calling thread is the single writer of its buffer; a virtual thread writes its
 * carrier's buffer (it runs on it, and nothing here can unmount it), and its own id goes into
 * the record with {@link io.lwp4j.sampler.layout.SyscallLayout#FLAG_VIRTUAL}.
 *
 * <p>A thread without a buffer gets one at its first call (threads that ran before the agent
 * was attached, or with {@code eagerbuffers=false}). Making a buffer may print a warning, which
 * is I/O, which comes back here on the same thread: that nested call is not recorded. Agent
 * threads ({@link AgentThread}) record nothing.
 */
final class SyscallRecorder extends Hooks {
    private static final VarHandle FD_NUMBER;
    private static final MethodHandle CHANNEL_FD_NUMBER;

    static {
        try {
            FD_NUMBER = JdkAccess.fileDescriptorNumber();
            CHANNEL_FD_NUMBER = JdkAccess.channelDescriptorNumber();
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean eagerBuffers;
    private final ThreadLocal<Boolean> makingBuffer = new ThreadLocal<>();
    /** Set on a thread refused a buffer by the memory budget: it records nothing, and asks no more. */
    private final ThreadLocal<Boolean> overMemoryBudget = new ThreadLocal<>();
    private final LongAdder unrecorded = new LongAdder();
    private volatile boolean buffersUnavailable;

    SyscallRecorder(boolean eagerBuffers) {
        this.eagerBuffers = eagerBuffers;
    }

    /**
     * The call's start time. The record is written when the call returns; asking now for the
     * cache lines it will write lets them come over from the drainer's CPU while the call runs
     * (BENCHMARKS.md, "Agent overhead").
     */
    @Override
    protected long now() {
        RingBuffer buffer = ThreadBuffers.currentIfPresent();
        return buffer != null ? buffer.nowPreparingAppend() : RecordClock.now();
    }

    @Override
    protected void recordIo(long start, int operationAndKind, FileDescriptor fd, long result, long requested,
            long position, Throwable thrown) {
        record(start, operationAndKind & 0xff, operationAndKind >>> 8, fd == null ? -1 : (int) FD_NUMBER.get(fd),
                result, requested, position, thrown);
    }

    @Override
    protected void recordIo(long start, int operationAndKind, int fd, long result, long requested, long position,
            Throwable thrown) {
        record(start, operationAndKind & 0xff, operationAndKind >>> 8, fd, result, requested, position, thrown);
    }

    @Override
    protected void recordChannelIo(long start, int operation, Object channel, long result, long requested,
            long position, Throwable thrown) {
        int fd;
        try {
            fd = (int) CHANNEL_FD_NUMBER.invokeExact(channel);
        } catch (Throwable t) {
            fd = -1;
        }
        record(start, operation, channel instanceof ServerSocketChannel ? SERVER_SOCKET : SOCKET, fd, result,
                requested, position, thrown);
    }

    private void record(long start, int operation, int kind, int fd, long result, long requested, long position,
            Throwable thrown) {
        long end = RecordClock.now();
        RingBuffer buffer = ThreadBuffers.currentIfPresent();
        Thread caller = Thread.currentThread();
        if (buffer == null && (buffer = bufferOnFirstUse()) == null) {
            if (!(caller instanceof AgentThread)) unrecorded.increment();
            return;
        }
        int flags = caller.isVirtual() ? FLAG_VIRTUAL : 0;
        int error = ERROR_NONE;
        if (thrown != null) {
            flags |= FLAG_THREW;
            error = errorClass(thrown);
        }
        SyscallRecords.append(buffer, start, end, result, requested, position, fd, operation, kind, flags, error,
                caller.threadId());
    }

    static int errorClass(Throwable thrown) {
        if (thrown instanceof InterruptedIOException) return ERROR_TIMEOUT;
        if (thrown instanceof ClosedChannelException) return ERROR_CLOSED;
        if (thrown instanceof IOException) return ERROR_IO;
        return ERROR_OTHER;
    }

    /** The calling thread's buffer, made now; null when it must not or cannot have one. */
    private RingBuffer bufferOnFirstUse() {
        if (buffersUnavailable || Thread.currentThread() instanceof AgentThread || makingBuffer.get() != null
                || overMemoryBudget.get() != null) {
            return null;
        }
        makingBuffer.set(Boolean.TRUE);
        try {
            return ThreadBuffers.current();
        } catch (BufferBudgetException spent) {
            overMemoryBudget.set(Boolean.TRUE);   // this thread goes without (the registry said so once)
            return null;
        } catch (Throwable t) {
            buffersUnavailable = true;
            Warnings.warnOnce("thread-buffer", "cannot make a ring buffer for thread '" + Thread.currentThread().getName()
                    + "' (" + t + "); I/O calls are no longer recorded");
            return null;
        } finally {
            makingBuffer.remove();
        }
    }

    @Override
    protected void onThreadStart() {
        if (eagerBuffers && !Thread.currentThread().isVirtual() && ThreadBuffers.currentIfPresent() == null) {
            bufferOnFirstUse();
        }
    }

    @Override
    protected void onThreadExit() {
        ThreadBuffers.release();
    }

    /** I/O calls that could not be recorded: no buffer could be made, or made inside buffer making. */
    long unrecorded() {
        return unrecorded.sum();
    }
}
