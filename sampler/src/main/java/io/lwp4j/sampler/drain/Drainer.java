package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.BufferClosedException;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.CorruptedBufferException;
import io.lwp4j.sampler.Doorbell;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.RecordsLost.BufferKind;
import io.lwp4j.sampler.layout.RecordType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The drain thread's work: sleep on the doorbell (with a timeout, never spinning), then make a
 * pass over every live buffer, copying what each holds on the drainer's own consumer slot into
 * the Disruptor ring in batches, and read retired buffers to their end before they are freed.
 *
 * <p>It advances only its own slot, so a raw poller on another slot still sees every record.
 * It never waits for ring space in an ordinary pass: what does not fit stays in its buffer for
 * the next pass (if the buffer then fills, its producer drops and counts, as with any slow
 * consumer). Only flushes and retired buffers, which must be read to the end, wait for space.
 *
 * <p>Counters are written by this thread only and published once per pass with release
 * stores ({@link #published}); other threads read them with acquire loads.
 */
final class Drainer implements Runnable {
    private static final long REAP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RING_FULL_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    // published counter indices
    static final int PRODUCED = 0;
    static final int DRAINED = 1;
    static final int LOST = 2;
    static final int PENDING = 3;
    static final int PASSES = 4;
    static final int BUFFERS = 5;
    static final int DRAINED_BY_TYPE = 6; // + type code, 0 = unknown code
    static final int LOST_BY_KIND = DRAINED_BY_TYPE + RecordType.MAX_CODE + 1; // + BufferKind ordinal
    static final int COUNTERS = LOST_BY_KIND + BufferKind.values().length;

    private final BufferRegistry registry;
    private final com.lmax.disruptor.RingBuffer<DrainedRecord> ring;
    private final int ringSize;
    private final int maxBatch;
    private final int idleWaitMillis;
    private final IdentityHashMap<RingBuffer, BufferCursor> cursors = new IdentityHashMap<>();
    /** Live buffers whose header was found overwritten: never read again (their counts cannot be trusted). */
    private final Set<RingBuffer> abandoned = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The cursors of the live buffers as of {@link #seenChanges}: a pass iterates this. */
    private BufferCursor[] live = new BufferCursor[0];
    private long seenChanges = -1;
    private final ClockAnchor clock = new ClockAnchor();
    private final Copier copier = new Copier();
    private final Consumer<RingBuffer> readRetired = this::drainRetired;

    private final long[] counters = new long[COUNTERS];
    final AtomicLongArray published = new AtomicLongArray(COUNTERS);

    /** Flush tickets: requested by any thread, completed by this one after a full pass. */
    final AtomicLong flushRequested = new AtomicLong();
    private final AtomicLong flushCompleted = new AtomicLong();
    /** Ring cursor after the pass that completed {@link #flushCompleted}; written before it. */
    private volatile long flushCursor = -1;

    private volatile boolean running = true;
    /** Test hook: thrown by the next pass, as by a drainer thread that dies. */
    private volatile Error failNextPass;
    private long lastReap;
    private long lastSweep;
    private long pending;
    /** Set by a pass that left records behind because the ring had no space. */
    private boolean ringFull;
    /** Highest ring sequence claimed and filled, and highest published (handlers see up to it). */
    private long claimed = -1;
    private long publishedSequence = -1;

    Drainer(BufferRegistry registry, com.lmax.disruptor.RingBuffer<DrainedRecord> ring, DrainConfig config) {
        this.registry = registry;
        this.ring = ring;
        this.ringSize = ring.getBufferSize();
        this.maxBatch = config.maxBatch();
        this.idleWaitMillis = (int) config.idleWait().toMillis();
    }

    /**
     * The drain loop. When stopped, it makes a last pass to the end and gives every slot back.
     * What escapes a pass (an Error; a pass's RuntimeException is caught and reported) ends the
     * thread with the cursors still open: the pipeline runs this again on a new thread, which
     * goes on where this one stopped, or gives up ({@link #closeCursors}).
     */
    @Override
    public void run() {
        while (running) {
            long ticket = flushRequested.get();
            boolean flush = ticket > flushCompleted.get();
            boolean more;
            try {
                more = pass(flush);
                if (flush) completeFlush(ticket);
            } catch (RuntimeException e) {
                Warnings.warnOnce("drainer-pass-failed", "an lwp4j drain pass failed: " + e
                        + "; the drainer goes on with the next pass");
                publishClaimed(); // what was copied is whole (a half-copied batch is VOID)
                more = false;
            }
            if (!running) break;
            if (!more) {
                Doorbell.await(idleWaitMillis);
            } else if (ringFull) {
                LockSupport.parkNanos(RING_FULL_PAUSE_NANOS); // the handlers are behind: let them run
            }
        }
        long ticket = flushRequested.get();
        pass(true);
        completeFlush(ticket);
        closeCursors();
    }

    /** Gives every slot back: a drainer that is gone must not gate any producer. */
    void closeCursors() {
        for (BufferCursor c : cursors.values()) closeQuietly(c);
        cursors.clear();
        live = new BufferCursor[0];
        seenChanges = -1;
    }

    void failNextPass(Error e) {
        failNextPass = e;
        Doorbell.ring();
    }

    void stop() {
        running = false;
        Doorbell.ring();
    }

    private void completeFlush(long ticket) {
        flushCursor = ring.getCursor();
        flushCompleted.set(ticket); // volatile store after flushCursor: a reader seeing the ticket sees the cursor
    }

    /** Flush ticket completed so far; read before {@link #flushCursor()}. */
    long flushCompleted() {
        return flushCompleted.get();
    }

    long flushCursor() {
        return flushCursor;
    }

    /**
     * One look at every buffer. With {@code toEnd} (a flush), each buffer is read up to the
     * head seen at the look, waiting for ring space if needed, and exited threads are reaped
     * first so their buffers are read to the end too.
     *
     * @return true when some buffer still held records this pass did not take
     */
    private boolean pass(boolean toEnd) {
        Error injected = failNextPass;
        if (injected != null) {
            failNextPass = null;
            throw injected;
        }
        clock.update();
        long now = System.nanoTime();
        if (toEnd || now - lastReap >= REAP_INTERVAL_NANOS) {
            lastReap = now;
            registry.reapExited();
        }
        long changes = registry.changeCount();
        if (changes != seenChanges) {
            seenChanges = changes;
            refreshLive();
        }
        boolean more = false;
        pending = 0;
        ringFull = false;
        for (BufferCursor c : live) {
            if (c.isClosed()) continue;
            try {
                more |= drain(c, toEnd);
            } catch (CorruptedBufferException corrupted) {
                forget(c.buffer(), c, corrupted);
            } catch (IllegalStateException closed) {
                // ours (BufferClosedException) or the JDK's for a view whose arena was closed
                forget(c.buffer(), c, null);
            }
        }
        registry.drainRetired(readRetired);
        publishClaimed();
        if (now - lastSweep >= SWEEP_INTERVAL_NANOS) {
            lastSweep = now;
            sweepClosed();
        }
        counters[PASSES]++;
        counters[PENDING] = pending;
        counters[BUFFERS] = cursors.size();
        for (int i = 0; i < COUNTERS; i++) {
            published.setRelease(i, counters[i]);
        }
        return more;
    }

    /** Re-reads the live set: opens cursors for new buffers (allocates only when it changed). */
    private void refreshLive() {
        List<BufferCursor> now = new ArrayList<>();
        for (RingBuffer b : registry.liveBuffers()) {
            if (abandoned.contains(b)) continue;
            BufferCursor c = cursors.get(b);
            if (c == null) c = open(b);
            if (c != null) now.add(c);
        }
        live = now.toArray(BufferCursor[]::new);
    }

    private BufferCursor open(RingBuffer b) {
        try {
            BufferCursor c = BufferCursor.open(b);
            cursors.put(b, c);
            return c;
        } catch (BufferClosedException closed) {
            return null;
        } catch (IllegalStateException e) {
            if (!b.isClosed()) { // else the JDK's exception for a buffer closed during the open
                Warnings.warnOnce("drain-no-slot-" + b.bufferId(), "lwp4j cannot drain buffer " + b.bufferId()
                        + " (thread " + b.ownerTid() + "): " + e.getMessage());
            }
            return null;
        }
    }

    /** A buffer retired by its owner: read it to its end; the registry frees it after. */
    private void drainRetired(RingBuffer b) {
        if (abandoned.remove(b)) return;
        BufferCursor c = cursors.remove(b);
        if (c == null) {
            try {
                c = BufferCursor.open(b);
            } catch (IllegalStateException closed) {
                return;
            }
        }
        try {
            drain(c, true);
        } catch (IllegalStateException closed) {
            // freed by someone else meanwhile: what it held is gone
        } finally {
            closeQuietly(c);
        }
    }

    /**
     * Copies what the buffer holds into the ring and reports growth of its lost count.
     * Order of reads: lost (acquire), then head (acquire inside the poller), so every record
     * counted as produced was either published before the head read or dropped before the
     * lost read.
     *
     * @return true when records were left for a later pass
     */
    private boolean drain(BufferCursor c, boolean toEnd) {
        RingBuffer b = c.buffer();
        long lostNow = b.lost();
        if (lostNow != c.lostSeen() && (toEnd || ring.remainingCapacity() > 0)) {
            publishLost(c, lostNow, toEnd);
        }
        RawPoller poller = c.poller();
        long available = poller.available();
        long head = poller.position() + available;
        counters[PRODUCED] += c.noteProduced(head);
        long want = toEnd ? available : Math.min(available, maxBatch);
        while (want > 0) {
            int n = (int) Math.min(want, ringSize);
            long hi;
            if (toEnd) {
                hi = claimWaiting(n);
            } else {
                n = (int) Math.min(n, ring.remainingCapacity());
                if (n == 0) {
                    ringFull = true;
                    break;
                }
                hi = ring.next(n); // single producer: the capacity just read cannot shrink
            }
            claimed = hi;
            copier.start(hi - n + 1, c);
            int copied;
            try {
                copied = poller.poll(copier, n);
            } catch (RuntimeException freed) { // the buffer was freed under us
                copier.voidRest(hi); // never hand a half-filled batch to the handlers
                throw freed;
            }
            assert copied == n : "the head only grows: " + copied + " < " + n;
            c.addDrained(n);
            counters[DRAINED] += n;
            want -= n;
        }
        long left = head - poller.position();
        pending += left;
        return left > 0;
    }

    private void publishLost(BufferCursor c, long lostNow, boolean mayWait) {
        long grown = c.noteLost(lostNow);
        counters[LOST] += grown;
        counters[LOST_BY_KIND + BufferKind.of(c.source().bufferFlags()).ordinal()] += grown;
        long seq = mayWait ? claimWaiting(1) : ring.next();
        claimed = seq;
        ring.get(seq).setLostNotice(c.source(), grown, c.lostSinceStart());
    }

    /**
     * Claims {@code n} slots, waiting for the handlers to free space if needed; what this pass
     * claimed so far is published first, or the handlers could never free it.
     */
    private long claimWaiting(int n) {
        publishClaimed();
        return ring.next(n);
    }

    /**
     * Publishes every slot claimed since the last publish, in one go: one release of the
     * ring's cursor and one wake-up of the handlers per pass instead of one per buffer.
     */
    private void publishClaimed() {
        if (claimed > publishedSequence) {
            ring.publish(publishedSequence + 1, claimed);
            publishedSequence = claimed;
        }
    }

    private void sweepClosed() {
        List<RingBuffer> closed = new ArrayList<>();
        for (RingBuffer b : cursors.keySet()) {
            if (b.isClosed()) closed.add(b);
        }
        for (RingBuffer b : closed) forget(b, cursors.get(b), null);
        abandoned.removeIf(RingBuffer::isClosed);
    }

    /**
     * Stops reading a buffer that was freed under the drainer ({@code corrupted} null), or whose
     * shared header was overwritten (the poller refused it), and says which.
     */
    private void forget(RingBuffer b, BufferCursor c, CorruptedBufferException corrupted) {
        cursors.remove(b);
        closeQuietly(c);
        if (corrupted == null) {
            Warnings.warnOnce("drain-closed-" + b.bufferId(), "lwp4j ring buffer " + b.bufferId()
                    + " was freed without being retired; records it still held were not drained");
        } else {
            abandoned.add(b);
            Warnings.warnOnce("drain-failed-" + b.bufferId(), "lwp4j ring buffer " + b.bufferId() + " (thread "
                    + b.ownerTid() + ") is no longer drained: " + corrupted.getMessage());
        }
    }

    private static void closeQuietly(BufferCursor c) {
        try {
            c.close();
        } catch (IllegalStateException alreadyClosed) {
            // the buffer is gone; so is the slot
        }
    }

    /** Fills ring slots from a poller's records; reused for every batch (no allocation). */
    private final class Copier implements RawPoller.RecordHandler {
        private long next;
        private BufferSource source;

        void start(long firstSequence, BufferCursor c) {
            next = firstSequence;
            source = c.source();
        }

        /** Marks the claimed slots not filled, up to {@code last}, as {@link DrainedRecord#VOID}. */
        void voidRest(long last) {
            while (next <= last) ring.get(next++).kind = DrainedRecord.VOID;
        }

        @Override
        public void onRecord(RecordView view) {
            DrainedRecord slot = ring.get(next++);
            slot.copyFrom(view, source, clock);
            int code = slot.typeCode();
            counters[DRAINED_BY_TYPE + (code > 0 && code <= RecordType.MAX_CODE ? code : 0)]++;
        }
    }
}
