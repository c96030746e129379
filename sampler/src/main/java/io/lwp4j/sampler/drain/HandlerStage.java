package io.lwp4j.sampler.drain;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.EventProcessor;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.Sequencer;
import com.lmax.disruptor.TimeoutException;
import io.lwp4j.sampler.Warnings;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link DrainHandler} on its own thread as a Disruptor event processor: waits on the
 * ring's barrier, hands it each published slot, then moves its sequence on (a release store
 * that lets the drainer reuse those slots).
 *
 * <p>Like the Disruptor's {@code BatchEventProcessor}, with the differences the pipeline
 * needs: a handler that throws is isolated (counted, reported once, and the sequence moves
 * on, so it never stalls the ring for the others); a handler that is not
 * {@linkplain DrainHandler#isActive() active} skips a whole batch without touching a slot;
 * and a stage made {@code detachWhenIdle} (the subscriber dispatch) takes its sequence out of
 * the ring's gating set while its handler is idle and sleeps, so with no subscriber it costs
 * neither a wake-up per batch nor a place in the ring. Reattached, it starts from the ring's
 * cursor: it sees what is published from then on.
 */
final class HandlerStage implements EventProcessor {
    /** Most slots handled before the sequence moves on, so the drainer gets space back early. */
    private static final int MAX_BATCH = 1024;

    private final String name;
    private final DrainHandler handler;
    private final RingBuffer<DrainedRecord> ring;
    private final SequenceBarrier barrier;
    private final Sequence sequence = new Sequence(Sequencer.INITIAL_CURSOR_VALUE);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();
    /** The view handed to {@link DrainHandler#onRecordsLost}, re-pointed at each notice. */
    private final RecordsLost notice = new RecordsLost();
    private final boolean detachWhenIdle;
    private final String failedLine;
    private final Object idle = new Object();
    /** In the ring's gating set (always, unless {@code detachWhenIdle}); guarded by {@code idle}. */
    private boolean attached = true;
    private volatile Thread thread;

    HandlerStage(String name, DrainHandler handler, RingBuffer<DrainedRecord> ring, boolean detachWhenIdle) {
        this.name = name;
        this.handler = handler;
        this.ring = ring;
        this.barrier = ring.newBarrier();
        this.detachWhenIdle = detachWhenIdle;
        this.failedLine = "lwp4j: warning: drain handler " + name + " threw (out of heap?); it keeps receiving records, "
                + "failures are counted in the drain statistics";
    }

    @Override
    public void run() {
        if (!running.compareAndSet(false, true)) throw new IllegalStateException(name + " is already running");
        Thread t = Thread.currentThread();
        t.setName("lwp4j-drain-" + name);
        thread = t;
        barrier.clearAlert();
        long next = sequence.get() + 1;
        try {
            while (true) {
                if (detachWhenIdle && !handler.isActive()) {
                    if (!sleepDetached()) return;
                    next = sequence.get() + 1;
                }
                long available;
                try {
                    available = barrier.waitFor(next);
                } catch (AlertException halted) {
                    if (!running.get()) return;
                    continue;
                } catch (TimeoutException notUsed) {
                    continue;
                }
                while (next <= available) {
                    long last = Math.min(available, next + MAX_BATCH - 1);
                    handle(next, last);
                    sequence.set(last); // release: the slots up to last are free again
                    next = last + 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.set(false);
        }
    }

    /**
     * Leaves the gating set and sleeps until {@link #attach()} puts it back; both under {@code
     * idle}, so a subscriber added before this looks keeps the stage in the ring, and one
     * added after finds it out and puts it back itself.
     *
     * @return false when halted meanwhile
     */
    private boolean sleepDetached() throws InterruptedException {
        synchronized (idle) {
            if (handler.isActive()) return true;
            ring.removeGatingSequence(sequence);
            attached = false;
            while (running.get() && !attached) idle.wait();
        }
        return running.get();
    }

    /**
     * The handler has become active: a detached stage rejoins the ring now, on the caller's
     * thread (the ring sets the sequence to its cursor on adding it), so whatever is published
     * after this returns reaches the handler and a flush waits for it. Waiting for the stage's
     * thread instead once lost records when that thread was slow to wake on a loaded machine.
     */
    void attach() {
        synchronized (idle) {
            if (attached) return;
            ring.addGatingSequences(sequence);
            attached = true;
            idle.notifyAll();
        }
    }

    private void handle(long first, long last) {
        try {
            if (!handler.isActive()) return; // skips the batch without touching its slots
            handler.onBatchStart(last - first + 1);
        } catch (Throwable t) {
            failed(t);
        }
        for (long s = first; s <= last; s++) {
            DrainedRecord slot = ring.get(s);
            try {
                switch (slot.kind) {
                    case DrainedRecord.RECORD -> handler.onRecord(slot);
                    case DrainedRecord.LOST_NOTICE -> handler.onRecordsLost(notice.wrap(slot));
                    default -> {} // VOID: claimed, never filled
                }
            } catch (Throwable t) {
                failed(t);
            }
        }
        try {
            handler.onBatchEnd();
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** Counts; says it the first time, if the heap lets it (t may be an OutOfMemoryError). Never throws. */
    private void failed(Throwable t) {
        if (failures.getAndIncrement() == 0) {
            try {
                Warnings.warnOnce("drain-handler-" + name, "drain handler " + name + " threw " + t
                        + "; it keeps receiving records, failures are counted in the drain statistics");
            } catch (Throwable noHeap) {
                Warnings.sayPreallocated(failedLine);
            }
        }
    }

    @Override
    public Sequence getSequence() {
        return sequence;
    }

    @Override
    public void halt() {
        running.set(false);
        barrier.alert();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** The thread running this stage, once started. */
    Thread thread() {
        return thread;
    }

    String name() {
        return name;
    }

    long failures() {
        return failures.get();
    }
}
