package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.jfr.EventSpan;
import io.lwp4j.jfr.events.SyscallEvent;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.BufferBudgetException;
import io.lwp4j.sampler.CarrierThreads;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SyscallRecords;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * What the advice calls (through {@link Hooks}) for every I/O call: it counts the call in the
 * calling OS thread's own {@link ThreadIoCounts} (work time, wait time, bytes), and only for
 * the rare call makes more of it.
 *
 * <p><b>Hot path</b> ({@link #recordIo}), per call: the end timestamp, the duration in ns,
 * the thread's counts (one slot of a table by thread id), three stores into them, and one
 * combined test for the rare cases. No record, no lock, no fence; the object the call was made
 * on is not looked at.
 *
 * <p><b>Rare path</b> ({@link #rareCall}): a call that took at least the slow-call threshold,
 * threw, or fell on the 1-in-N sample ({@code sample=N}; {@code syscalls=records}: every
 * call). It appends one SYSCALL record to the thread's ring buffer (made now if the thread has
 * none) whose flags say why, and for a slow call commits {@code lwp4j.Syscall} right here, on
 * the calling thread: its event thread, stack trace, start time and duration are the call's,
 * and it names the file or the socket's addresses ({@link IoTargets}).
 *
 * <p><b>Waits</b>, apart from work: a call on a socket other than a write only waits for its
 * peer (a read for data, a connect for the handshake, an accept for a client) and a select for
 * a key, so all of its time is wait time. Whether such a call found its data at once is not
 * visible for a platform thread, whose blocking socket sleeps inside read(2); the copy itself
 * is small beside any wait. A socket write is work, but for the polls inside it ({@link
 * #recordWait}: the JDK polls when the send buffer is full, for virtual threads and calls
 * with a timeout), whose time it takes from its thread's counts as wait time if they started
 * during the call. Only those polls are timed ({@code Hooks.waitStart}: POLLOUT): a read's
 * would change nothing but its cost, a sixth of the advice's CPU on H2's TCP connections.
 *
 * <p><b>Before the start has finished</b> (premain installs this recorder; the thread
 * "lwp4j-start" binds the native library, the record clock and the buffers beside {@code main}:
 * see {@link AgentRuntime}), every call is counted exactly as after it, but timed with {@link
 * System#nanoTime()}: such a start time carries {@link #NANO_TIME_START}, so a call uses one clock
 * for both of its reads even when the start finishes during it, and its duration is in ns either
 * way. Its rare path commits no event and writes no record: the record is counted in {@link
 * #unrecorded()}. That is this recorder, the one premain installs; when the start has finished,
 * the start thread installs a second one ({@link #started}) that shares its counts, with the
 * record clock and the record path. While the record path waits for its first consumer, a JVM
 * that turns out busy with I/O gets a recorder in between ({@link #recordClockBound}): the
 * record clock (rdtsc, some 19 ns a read cheaper than {@code nanoTime} here), still no record
 * path. {@code Hooks.install} is a volatile store ({@code sv}) made after everything the start
 * thread made, and the advice reaches a recorder only through a volatile load of it ({@code lv}),
 * so a later recorder's calls see all of it. The first touches only classes initialised in
 * premain, so it never waits for a class the start thread is initialising. Each recorder's clock
 * is a final field: the hot path reads no other volatile than {@code Hooks}' own.
 *
 * <p>A virtual thread counts into its carrier's counts (a {@code CarrierThreadLocal}): it
 * cannot unmount between reading them and writing them, nothing in between blocks, so the
 * carrier stays their only writer. lwp4j's own threads ({@link AgentThread#isLwp4j}) get counts
 * nobody reads, so their calls cost the same and count nowhere.
 */
final class SyscallRecorder extends Hooks {
    /** Slots of {@link #BY_THREAD_ID}: a power of two. */
    private static final int THREAD_SLOTS = 4096;
    /**
     * Counts by their OS thread's id: a cache in front of {@link #countsOfCarrier}, 2.6 ns
     * cheaper a call (BENCHMARKS.md). Slot {@code id & (THREAD_SLOTS - 1)}, taken by the first
     * thread that needs it while no live thread holds it; a thread that finds another's counts
     * there reads the thread-local. Written with plain stores: a reader compares the final
     * {@code owner} of what it reads with itself, so another thread's slot, or a stale one, is
     * never used.
     */
    private static final ThreadIoCounts[] BY_THREAD_ID = new ThreadIoCounts[THREAD_SLOTS];
    /** The agent's session's, bound to carrier threads. */
    private final ThreadBuffers threadBuffers;
    private final ThreadLocal<ThreadIoCounts> countsOfCarrier;
    private final IoCounts registry;
    private final long optionThresholdNanos;
    private final boolean eagerBuffers;
    /** syscalls=records: every call appends a record, so its start asks for the record's cache lines. */
    private final boolean recordsEveryCall;
    /**
     * Marks a start time read from {@link System#nanoTime()}, before the record clock was bound.
     * Neither clock ever sets this bit (the TSC counts cycles and CLOCK_MONOTONIC, which is also
     * {@code nanoTime} on Linux, ns since boot), so a start time says which clock it came from,
     * and one marked orders before every unmarked one ({@code ThreadIoCounts.takePendingWait}).
     */
    static final long NANO_TIME_START = Long.MIN_VALUE;
    /**
     * Null in the recorder premain installs (nanoTime, no records, no events); in the one the
     * start thread installs when it has finished ({@link #started}), whether JFR knows lwp4j's
     * events (until then a slow call makes none: making one would start JFR).
     */
    private final BooleanSupplier started;
    /** Whether calls are timed by the record clock ({@link RecordClock}); else by {@code nanoTime}. */
    private final boolean recordClock;
    /** min(the agent's threshold, the lowest a running recording asks of lwp4j.Syscall). */
    private volatile long slowThresholdNanos;
    /**
     * Set on a thread making a buffer or an event: I/O that causes (a warning) is only counted. The
     * record path itself does no I/O: every class it needs is loaded before the advice is
     * installed ({@code AgentRuntime.loadRecordPath}, {@link IoTargets#prepare}).
     */
    private final ThreadLocal<Boolean> makingBufferOrEvent;
    /** Set on a thread refused a buffer by the memory budget: it records nothing, and asks no more. */
    private final ThreadLocal<Boolean> overMemoryBudget;
    private final LongAdder unrecorded;
    private volatile boolean buffersUnavailable;

    SyscallRecorder(ThreadBuffers threadBuffers, ThreadLocal<ThreadIoCounts> countsOfCarrier, IoCounts registry,
            long thresholdNanos, boolean eagerBuffers, boolean recordsEveryCall) {
        this.threadBuffers = threadBuffers;
        this.countsOfCarrier = countsOfCarrier;
        this.registry = registry;
        this.optionThresholdNanos = thresholdNanos;
        this.slowThresholdNanos = thresholdNanos;
        this.eagerBuffers = eagerBuffers;
        this.recordsEveryCall = recordsEveryCall;
        this.started = null;
        this.recordClock = false;
        this.makingBufferOrEvent = new ThreadLocal<>();
        this.overMemoryBudget = new ThreadLocal<>();
        this.unrecorded = new LongAdder();
    }

    /**
     * A later recorder: {@code early}'s counts, state and options, timed by the record clock; with
     * the record path when {@code eventsRegistered} is not null.
     */
    private SyscallRecorder(SyscallRecorder early, BooleanSupplier eventsRegistered) {
        this.threadBuffers = early.threadBuffers;
        this.countsOfCarrier = early.countsOfCarrier;
        this.registry = early.registry;
        this.optionThresholdNanos = early.optionThresholdNanos;
        this.slowThresholdNanos = early.slowThresholdNanos;
        this.eagerBuffers = early.eagerBuffers;
        this.recordsEveryCall = early.recordsEveryCall;
        this.started = eventsRegistered;
        this.recordClock = true;
        this.makingBufferOrEvent = early.makingBufferOrEvent;
        this.overMemoryBudget = early.overMemoryBudget;
        this.unrecorded = early.unrecorded;
    }

    /**
     * The recorder the start thread installs last, once the record clock, the buffer registry and
     * the drain pipeline exist and every class of the record path is initialised: it times calls
     * by the record clock and records rare ones; it counts into this one's counts, and its
     * unrecorded calls are this one's. {@code eventsRegistered}: whether JFR knows lwp4j's events.
     */
    SyscallRecorder started(BooleanSupplier eventsRegistered) {
        return new SyscallRecorder(this, eventsRegistered);
    }

    /**
     * The recorder for a busy JVM whose record path waits for a consumer (the class comment):
     * this one's counts, timed by the record clock, whose classes the caller has initialised;
     * rare calls are counted {@link #unrecorded()} as before.
     */
    SyscallRecorder recordClockBound() {
        return new SyscallRecorder(this, null);
    }

    /** Calls of at least this many ns take the rare path from now on (JFR's callThreshold listener). */
    void recordingThresholdChanged(long recordingThresholdNanos) {
        slowThresholdNanos = Math.min(optionThresholdNanos, recordingThresholdNanos);
    }

    /**
     * The call's start time. With a record for every call, asking now for the cache lines the
     * record will be written to lets them come over from the drainer's CPU while the call runs
     * (BENCHMARKS.md, "Agent overhead").
     */
    @Override
    protected long now() {
        if (!recordClock) return System.nanoTime() | NANO_TIME_START;
        if (recordsEveryCall && started != null) {
            RingBuffer buffer = threadBuffers.currentIfPresent();
            if (buffer != null) return buffer.nowPreparingAppend();
        }
        return RecordClock.now();
    }

    @Override
    protected void recordIo(long start, int operationAndKind, Object target, long result, long requested,
            long position, Throwable thrown) {
        count(start, operationAndKind, target, -1, result, requested, position, thrown);
    }

    @Override
    protected void recordOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown) {
        count(start, operationAndKind, path, fd, thrown == null ? 1 : 0, -1, -1, thrown);
    }

    /** The hot path: inlined into each advice, where {@code operationAndKind} is a constant. */
    private void count(long start, int operationAndKind, Object target, int fdIfKnown, long result, long requested,
            long position, Throwable thrown) {
        long end;
        long nanos;
        if (start < 0) {   // NANO_TIME_START: the call began before the record clock was bound
            end = System.nanoTime();
            nanos = end - (start & ~NANO_TIME_START);
        } else {
            end = RecordClock.now();
            nanos = RecordClock.toNanos(end - start);
        }
        ThreadIoCounts counts = counts();
        int pair = ThreadIoCounts.pairOf(operationAndKind);
        int operation = operationOf(operationAndKind);
        int kind = kindOf(operationAndKind);
        long waited;
        if (kind == SOCKET || kind == SERVER_SOCKET) {
            long polled = counts.takePendingWait(start, Thread.currentThread());
            waited = operation == WRITE ? Math.min(nanos, polled) : nanos;
        } else {
            waited = operation == SELECT ? nanos : 0;
        }
        long bytes = operation <= PWRITE && result > 0 ? result : 0;
        if (waited > 0) counts.countWaited(pair, nanos - waited, waited, bytes);
        else counts.count(pair, nanos, bytes);
        if (nanos >= slowThresholdNanos || thrown != null || counts.sampleDue()) {
            rareCall(counts, start, end, nanos, waited, operationAndKind, target, fdIfKnown, result, requested,
                    position, thrown);
        }
    }

    @Override
    protected void recordWait(long start) {
        long nanos = start < 0 ? System.nanoTime() - (start & ~NANO_TIME_START)
                : RecordClock.toNanos(RecordClock.now() - start);
        counts().addPendingWait(start, nanos, Thread.currentThread());
    }

    /** The calling OS thread's counts (a virtual thread's carrier's): see {@link #BY_THREAD_ID}. */
    private ThreadIoCounts counts() {
        Thread carrier = CarrierThreads.current();
        ThreadIoCounts cached = BY_THREAD_ID[(int) carrier.threadId() & (THREAD_SLOTS - 1)];
        return cached != null && cached.owner() == carrier ? cached : countsNotCached(carrier);
    }

    private ThreadIoCounts countsNotCached(Thread carrier) {
        ThreadIoCounts counts = countsOfCarrier.get();
        if (counts == null) {
            counts = AgentThread.isLwp4j(carrier) ? ThreadIoCounts.uncounted() : registry.register(carrier);
            countsOfCarrier.set(counts);
        }
        int slot = (int) carrier.threadId() & (THREAD_SLOTS - 1);
        ThreadIoCounts held = BY_THREAD_ID[slot];
        if (counts.isCounted() && (held == null || !held.owner().isAlive())) BY_THREAD_ID[slot] = counts;
        return counts;
    }

    /** A call that was slow, threw or is the sample's: see the class comment. */
    private void rareCall(ThreadIoCounts counts, long start, long end, long nanos, long waited, int operationAndKind,
            Object target, int fdIfKnown, long result, long requested, long position, Throwable thrown) {
        if (!counts.isCounted()) return;
        int operation = operationOf(operationAndKind);
        int kind = kindOf(operationAndKind);
        int flags = 0;
        int error = ERROR_NONE;
        if (thrown != null) {
            counts.countError(ThreadIoCounts.pairOf(operationAndKind));
            flags |= FLAG_THREW;
            error = errorClass(thrown);
        }
        // Nothing below writes the counts: a virtual thread may unmount from here on.
        boolean slow = nanos >= slowThresholdNanos;
        if (slow) flags |= FLAG_SLOW;
        if (flags == 0) flags |= FLAG_SAMPLED;
        Thread caller = Thread.currentThread();
        boolean virtual = caller.isVirtual();
        if (virtual) flags |= FLAG_VIRTUAL;
        BooleanSupplier eventsRegistered = started;   // null while the start runs (no buffers yet)
        boolean recordable = eventsRegistered != null && start >= 0;   // a nanoTime start has no record-clock times
        // A virtual thread writes its carrier's buffer: nothing blocks between finding it and the append.
        RingBuffer buffer = recordable ? threadBuffers.currentIfPresent() : null;
        if (buffer == null && recordable && !virtual) buffer = bufferOnFirstUse();
        if (buffer == null) {
            unrecorded.increment();
        } else {
            SyscallRecords.append(buffer, start, end, result, requested, position, IoTargets.fd(target, fdIfKnown),
                    operation, kind, flags, error, caller.threadId());
        }
        if (slow && eventsRegistered != null && makingBufferOrEvent.get() == null && eventsRegistered.getAsBoolean()) {
            makingBufferOrEvent.set(Boolean.TRUE);
            try {
                commitEvent(nanos, waited, operation, kind, target, fdIfKnown, result, requested, position, error, virtual);
            } finally {
                makingBufferOrEvent.remove();
            }
        }
    }

    /** {@code lwp4j.Syscall} of a slow call, committed by the calling thread: see {@link SyscallEvent}. */
    private static void commitEvent(long nanos, long waited, int operation, int kind, Object target, int fdIfKnown,
            long result, long requested, long position, int error, boolean virtual) {
        SyscallEvent e = new SyscallEvent();
        if (!e.isEnabled()) return;
        if (!EventSpan.spanLast(e, nanos)) {
            Warnings.warnOnce("syscall-event-span", "lwp4j.Syscall events are instants at the end of their call, "
                    + "its length in callTime: " + EventSpan.unavailableBecause()
                    + "; run lwp4j as -javaagent or attach it, which lets it read JFR's clock");
        }
        e.callTime = nanos;
        if (!e.shouldCommit()) return;
        IoTargets.Target t = IoTargets.describe(target, fdIfKnown);
        e.operation = operationName(operation);
        e.kind = kindName(kind);
        e.fd = t.fd();
        e.path = t.path();
        e.localAddress = t.localAddress();
        e.peerAddress = t.peerAddress();
        e.waitTime = waited;
        e.bytes = operation <= PWRITE && result > 0 ? result : 0;
        e.result = result;
        e.requested = requested;
        e.position = position;
        e.error = errorName(error);
        e.virtualThread = virtual;
        e.commit();
    }

    static int errorClass(Throwable thrown) {
        if (thrown instanceof InterruptedIOException) return ERROR_TIMEOUT;
        if (thrown instanceof ClosedChannelException) return ERROR_CLOSED;
        if (thrown instanceof IOException) return ERROR_IO;
        return ERROR_OTHER;
    }

    /** The calling thread's buffer, made now; null when it must not or cannot have one. */
    private RingBuffer bufferOnFirstUse() {
        if (buffersUnavailable || AgentThread.isLwp4j(Thread.currentThread()) || makingBufferOrEvent.get() != null
                || overMemoryBudget.get() != null) {
            return null;
        }
        makingBufferOrEvent.set(Boolean.TRUE);
        try {
            return threadBuffers.current();
        } catch (BufferBudgetException spent) {
            overMemoryBudget.set(Boolean.TRUE);   // this thread goes without (the registry said so once)
            return null;
        } catch (Throwable t) {
            buffersUnavailable = true;
            Warnings.warnOnce("thread-buffer", "cannot make a ring buffer for thread '" + Thread.currentThread().getName()
                    + "' (" + t + "); slow I/O calls are no longer recorded in ring buffers (they are still counted)");
            return null;
        } finally {
            makingBufferOrEvent.remove();
        }
    }

    @Override
    protected void onThreadStart() {
        Thread t = Thread.currentThread();
        if (AgentThread.isLwp4j(t)) {
            countsOfCarrier.set(ThreadIoCounts.uncounted());
            return;
        }
        if (eagerBuffers && started != null && !t.isVirtual() && threadBuffers.currentIfPresent() == null) {
            bufferOnFirstUse();
        }
    }

    /** The thread's last act: its counts join the ended threads' exactly, its buffer is retired. */
    @Override
    protected void onThreadExit() {
        if (Thread.currentThread().isVirtual()) return;
        ThreadIoCounts counts = countsOfCarrier.get();
        if (counts != null) {
            countsOfCarrier.remove();
            int slot = (int) Thread.currentThread().threadId() & (THREAD_SLOTS - 1);
            if (BY_THREAD_ID[slot] == counts) BY_THREAD_ID[slot] = null;
            registry.threadEnded(counts);
        }
        if (started != null) threadBuffers.release();   // none before: see the class comment
    }

    /**
     * Rare calls whose record could not be written: the start had not finished, or no buffer could
     * be made (they are counted all the same).
     */
    long unrecorded() {
        return unrecorded.sum();
    }
}
