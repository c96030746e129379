package io.lwp4j.sampler.iocount;

import io.lwp4j.sampler.layout.SyscallLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The I/O calls of one OS thread, counted by that thread as each call returns: per operation
 * and kind of descriptor ({@link #pair}), a histogram of work time (schema-4 buckets of {@link
 * IoHistogramScheme}), the sums of work time, wait time and bytes, the calls that threw, and a
 * histogram of wait time for the calls that waited. Calls are not counted apart: every call
 * counts once in its work histogram (a call that only waited, an accept or a select, counts a
 * work time of 0), so calls = the sum of the work buckets and calls that waited = the sum of
 * the wait buckets. Nothing else happens per call: no record, no lock, no fence.
 *
 * <h2>Memory ordering</h2>
 * <ul>
 *   <li><b>Writer</b>: the owning OS thread only, a platform thread or the carrier of the
 *       virtual threads mounted on it (a virtual thread cannot unmount between reading its
 *       carrier's counts and writing them: nothing in between blocks). Each counter is one
 *       {@code long} of a {@code long[]}; the writer reads it plainly (it is the only writer)
 *       and writes it back with an opaque store ({@code VarHandle.setOpaque}), which on x86-64
 *       is a plain {@code mov} that the JIT may not tear, drop or defer indefinitely.
 *   <li><b>Reader</b>: {@link IoCounts#collect()}, on any thread, with opaque loads
 *       ({@code getOpaque}). Each counter is atomic and eventually visible, and never goes
 *       back between two collects (coherence of one variable; collects are ordered by the
 *       registry's lock). Counters of one thread are not one snapshot while it runs: a
 *       collect can see a call's bucket but not yet its time or bytes, which the next collect
 *       sees.
 *   <li>A pair's array is made at the thread's first call of that pair and published with a
 *       release store into {@link #sums}; the reader loads it with acquire.
 *   <li><b>Exact at the end</b>: a thread's last act ({@link IoCounts#threadEnded}) folds its
 *       counts into the registry's under the registry's lock, which orders every write before
 *       it; a thread that ended without it is folded by the next collect once {@code
 *       Thread.isAlive()} says it has terminated (termination happens before that).
 * </ul>
 * The pending wait and the sample countdown are plain fields: only the owner reads or writes them.
 */
public final class ThreadIoCounts {
    /** Pairs are {@code kind << 4 | operation}: operations 1..15, kinds 1..{@link SyscallLayout#KIND_MAX}. */
    public static final int PAIRS = (SyscallLayout.KIND_MAX + 1) << 4;

    /** Index in a pair's array: sum of work time, ns. */
    static final int WORK_NANOS = 0;
    /** Sum of wait time, ns. */
    static final int WAIT_NANOS = 1;
    /** Bytes moved. */
    static final int BYTES = 2;
    /** Calls that threw. */
    static final int ERRORS = 3;
    /** Slot 0 of the work histogram; the array holds {@link IoHistogramScheme#BUCKETS} slots from here. */
    static final int WORK_BUCKETS = 4;
    static final int SUMS_LENGTH = WORK_BUCKETS + IoHistogramScheme.BUCKETS;

    private static final VarHandle COUNTER = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ARRAY = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final long NO_PENDING_WAIT = Long.MIN_VALUE;

    /** Per pair: the sums and the work histogram ({@link #SUMS_LENGTH}), made at the pair's first call. */
    final long[][] sums = new long[PAIRS][];
    /** Per pair: the wait histogram ({@link IoHistogramScheme#BUCKETS}), made at the pair's first wait. */
    final long[][] waitBuckets = new long[PAIRS][];
    /** The OS thread that writes these counts; null for counts nobody reads. */
    final Thread owner;
    /** Position in the registry's live list; -1 once folded (registry lock). */
    int liveIndex = -1;

    private final long sampleEvery;
    private long sampleCountdown;
    private long pendingWaitStart = NO_PENDING_WAIT;
    private long pendingWaitNanos;
    private Object pendingWaitCaller;

    ThreadIoCounts(Thread owner, long sampleEvery) {
        this.owner = owner;
        this.sampleEvery = sampleEvery;
        this.sampleCountdown = sampleEvery > 0 ? sampleEvery : Long.MAX_VALUE;
    }

    /**
     * Counts that nobody reads, for a thread whose calls must not be counted (the agent's own):
     * the caller keeps one hot path, and checks {@link #isCounted()} only on its rare path.
     */
    public static ThreadIoCounts uncounted() {
        return new ThreadIoCounts(null, 0);
    }

    /** False for {@link #uncounted()} counts. */
    public boolean isCounted() {
        return owner != null;
    }

    /** The OS thread that writes these counts (null for {@link #uncounted()} ones): a final field, safe to read from any thread. */
    public Thread owner() {
        return owner;
    }

    /** The pair index of an operation and kind of {@link SyscallLayout}. */
    public static int pair(int operation, int kind) {
        return kind << 4 | operation;
    }

    /**
     * The pair index of {@link SyscallLayout#operationAndKind}, the constant each I/O advice
     * carries: {@link #pair} of its operation and kind, the kind's bits moved down in one shift
     * (the hot path's arithmetic, unchanged; both fit in 4 bits).
     */
    public static int pairOf(int operationAndKind) {
        return (operationAndKind >>> (SyscallLayout.KIND_SHIFT - 4) & 0xf0) | (operationAndKind & 0xf);
    }

    /** One call that did {@code workNanos} of work and moved {@code bytes}. Owner thread only. */
    public void count(int pair, long workNanos, long bytes) {
        long[] a = sums[pair];
        if (a == null) a = newSums(pair);
        int bucket = WORK_BUCKETS + IoHistogramScheme.slot(workNanos);
        COUNTER.setOpaque(a, bucket, a[bucket] + 1);
        COUNTER.setOpaque(a, WORK_NANOS, a[WORK_NANOS] + workNanos);
        COUNTER.setOpaque(a, BYTES, a[BYTES] + bytes);
    }

    /** One call that waited {@code waitNanos} (for data, a peer, a key) besides its work. Owner thread only. */
    public void countWaited(int pair, long workNanos, long waitNanos, long bytes) {
        count(pair, workNanos, bytes);
        long[] w = waitBuckets[pair];
        if (w == null) w = newWaitBuckets(pair);
        int bucket = IoHistogramScheme.slot(waitNanos);
        COUNTER.setOpaque(w, bucket, w[bucket] + 1);
        long[] a = sums[pair];
        COUNTER.setOpaque(a, WAIT_NANOS, a[WAIT_NANOS] + waitNanos);
    }

    /** The last call of {@code pair}, counted already, threw. Owner thread only. */
    public void countError(int pair) {
        long[] a = sums[pair];
        if (a == null) a = newSums(pair);
        COUNTER.setOpaque(a, ERRORS, a[ERRORS] + 1);
    }

    private long[] newSums(int pair) {
        long[] a = new long[SUMS_LENGTH];
        ARRAY.setRelease(sums, pair, a);
        return a;
    }

    private long[] newWaitBuckets(int pair) {
        long[] w = new long[IoHistogramScheme.BUCKETS];
        ARRAY.setRelease(waitBuckets, pair, w);
        return w;
    }

    /**
     * A wait for readiness (a poll inside a blocking socket call) that started at {@code
     * startTick} and lasted {@code waitNanos} ended on this OS thread, in a call of {@code
     * caller} (the Java thread, virtual or not). Waits of the same caller add up until its call
     * takes them ({@link #takePendingWait}); the latest start is kept.
     */
    public void addPendingWait(long startTick, long waitNanos, Object caller) {
        if (pendingWaitCaller == caller && pendingWaitStart != NO_PENDING_WAIT) {
            pendingWaitNanos += waitNanos;
            pendingWaitStart = Math.max(pendingWaitStart, startTick);
        } else {
            pendingWaitStart = startTick;
            pendingWaitNanos = waitNanos;
            pendingWaitCaller = caller;
        }
    }

    /**
     * The wait time of {@code caller}'s call that started at {@code callStartTick}: the pending
     * wait of this caller if it started during the call, else 0. A pending wait of this caller
     * is cleared either way (it belonged to this call or to none that will take it); another
     * caller's is left alone (a virtual thread whose call ended on another carrier).
     */
    public long takePendingWait(long callStartTick, Object caller) {
        if (pendingWaitStart == NO_PENDING_WAIT || pendingWaitCaller != caller) return 0;
        // A plain comparison: start ticks never wrap (TSC or CLOCK_MONOTONIC since boot), and the
        // agent's starts read from nanoTime before its clock was bound are negative, so they order first.
        long wait = pendingWaitStart >= callStartTick ? pendingWaitNanos : 0;
        pendingWaitStart = NO_PENDING_WAIT;
        pendingWaitCaller = null;
        return wait;
    }

    /** True once every {@code sample} calls of this thread (agent option {@code sample=N}); never when 0. */
    public boolean sampleDue() {
        if (--sampleCountdown != 0) return false;
        sampleCountdown = sampleEvery;
        return true;
    }

    /** The calls counted so far (the work buckets' sum), read as {@link #addTo} reads them. */
    long calls() {
        long n = 0;
        for (int p = 0; p < PAIRS; p++) {
            long[] a = (long[]) ARRAY.getAcquire(sums, p);
            if (a != null) n += callsIn(a);
        }
        return n;
    }

    /** The calls one pair's sums hold: its work buckets' sum, opaque loads (the owner may be writing them). */
    static long callsIn(long[] pairSums) {
        long n = 0;
        for (int i = WORK_BUCKETS; i < SUMS_LENGTH; i++) n += (long) COUNTER.getOpaque(pairSums, i);
        return n;
    }

    /** Adds these counts into {@code sumsInto} and {@code waitsInto}: opaque loads, from any thread. */
    void addTo(long[][] sumsInto, long[][] waitsInto) {
        for (int p = 0; p < PAIRS; p++) {
            long[] a = (long[]) ARRAY.getAcquire(sums, p);
            if (a != null) {
                long[] into = sumsInto[p];
                if (into == null) into = sumsInto[p] = new long[SUMS_LENGTH];
                for (int i = 0; i < SUMS_LENGTH; i++) into[i] += (long) COUNTER.getOpaque(a, i);
            }
            long[] w = (long[]) ARRAY.getAcquire(waitBuckets, p);
            if (w != null) {
                long[] into = waitsInto[p];
                if (into == null) into = waitsInto[p] = new long[IoHistogramScheme.BUCKETS];
                for (int i = 0; i < IoHistogramScheme.BUCKETS; i++) into[i] += (long) COUNTER.getOpaque(w, i);
            }
        }
    }
}
