package io.lwp4j.sampler.iocount;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The I/O counts of a process (held by its sampling session): the {@link ThreadIoCounts} of
 * every live thread that made a call, and the folded counts of the threads that ended. {@link #collect()} sums both into {@link
 * IoTotals}: cumulative since the process started counting, so a consumer takes interval
 * deltas from two collects ({@link IoTotals#minus}).
 *
 * <p>Threads register themselves at their first call ({@link #register}: lock-free, so a
 * virtual thread registering its carrier's counts never blocks, and so never moves to another
 * carrier half way) and fold their counts in as their last act ({@link #threadEnded}); a
 * thread that ends without folding is folded by the next collect that finds it terminated.
 * Folds and collects run under this object's lock, which orders a thread's writes before its
 * fold, and collects among themselves (see {@link ThreadIoCounts} for the reads of live
 * threads).
 */
public final class IoCounts {
    /** Registered since the last collect or fold: moved into {@link #live} under the lock. */
    private final ConcurrentLinkedQueue<ThreadIoCounts> registered = new ConcurrentLinkedQueue<>();
    private ThreadIoCounts[] live = new ThreadIoCounts[16];
    private int liveCount;
    private final long[][] endedSums = new long[ThreadIoCounts.PAIRS][];
    private final long[][] endedWaits = new long[ThreadIoCounts.PAIRS][];
    /** Reused by every collect: ended + live, before {@link IoTotals} copies what it keeps. */
    private final long[][] collectSums = new long[ThreadIoCounts.PAIRS][];
    private final long[][] collectWaits = new long[ThreadIoCounts.PAIRS][];
    private volatile long sampleEvery;

    /** An empty registry: a sampling session's, or a test's own. */
    public IoCounts() {}

    /** Every {@code calls}-th call of each thread registered from now on is due for a sample (0: none). */
    public void sampleEvery(long calls) {
        if (calls < 0) throw new IllegalArgumentException("sample interval " + calls + " < 0");
        sampleEvery = calls;
    }

    /**
     * New counts written by {@code owner}, the OS thread that will make the calls (a carrier
     * for virtual threads), registered until it ends.
     */
    public ThreadIoCounts register(Thread owner) {
        ThreadIoCounts c = new ThreadIoCounts(owner, sampleEvery);
        registered.add(c);
        return c;
    }

    /**
     * {@code counts}' thread makes no more calls (or any it makes go elsewhere): its counts
     * join the ended threads'. Called by the owner itself, as its last act; idempotent.
     */
    public synchronized void threadEnded(ThreadIoCounts counts) {
        takeRegistered();
        if (counts.liveIndex < 0 || live[counts.liveIndex] != counts) return;
        fold(counts);
    }

    /** Threads registered and not ended. */
    public synchronized int liveThreads() {
        takeRegistered();
        return liveCount;
    }

    /** Every count so far: the ended threads' exactly, the live threads' as far as visible now. */
    public synchronized IoTotals collect() {
        takeRegistered();
        foldTerminated();
        copy(endedSums, collectSums);
        copy(endedWaits, collectWaits);
        for (int i = 0; i < liveCount; i++) live[i].addTo(collectSums, collectWaits);
        return IoTotals.of(collectSums, collectWaits);
    }

    /**
     * The calls of every operation and kind, as {@link #collect()} counts them, without making
     * totals: for a caller that asks often and wants only this (the agent's idle start thread,
     * once a second, which must not leave garbage behind in a JVM that makes none).
     */
    public synchronized long calls() {
        takeRegistered();
        foldTerminated();
        long n = 0;
        for (long[] a : endedSums) {
            if (a != null) n += ThreadIoCounts.callsIn(a);
        }
        for (int i = 0; i < liveCount; i++) n += live[i].calls();
        return n;
    }

    private static void copy(long[][] from, long[][] to) {
        for (int p = 0; p < from.length; p++) {
            if (from[p] != null) {
                if (to[p] == null) to[p] = from[p].clone();
                else System.arraycopy(from[p], 0, to[p], 0, from[p].length);
            } else if (to[p] != null) {
                Arrays.fill(to[p], 0);
            }
        }
    }

    private void takeRegistered() {
        for (ThreadIoCounts c; (c = registered.poll()) != null; ) {
            if (liveCount == live.length) live = Arrays.copyOf(live, liveCount * 2);
            c.liveIndex = liveCount;
            live[liveCount++] = c;
        }
    }

    private void foldTerminated() {
        for (int i = liveCount - 1; i >= 0; i--) {
            Thread owner = live[i].owner;
            if (!owner.isAlive()) fold(live[i]);
        }
    }

    private void fold(ThreadIoCounts counts) {
        counts.addTo(endedSums, endedWaits);
        int i = counts.liveIndex;
        ThreadIoCounts last = live[--liveCount];
        live[i] = last;
        last.liveIndex = i;
        live[liveCount] = null;
        counts.liveIndex = -1;
    }
}
