package io.lwp4j.sampler.drain;

import com.lmax.disruptor.EventHandler;
import io.lwp4j.sampler.Warnings;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link DrainHandler} as a Disruptor event handler, isolating it: whatever it
 * throws is counted and reported once, and the handler's sequence moves on, so one failing
 * handler never stalls the ring for the others.
 */
final class HandlerStage implements EventHandler<DrainedRecord> {
    private final String name;
    private final DrainHandler handler;
    private final AtomicLong failures = new AtomicLong();
    private volatile Thread thread;
    /** {@link DrainHandler#isActive()} at the start of the current batch. */
    private boolean active = true;

    HandlerStage(String name, DrainHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    @Override
    public void onStart() {
        Thread t = Thread.currentThread();
        t.setName("lwp4j-drain-" + name);
        thread = t;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        try {
            active = handler.isActive();
            if (active) handler.onBatchStart(batchSize);
        } catch (Throwable t) {
            failed(t);
        }
    }

    @Override
    public void onEvent(DrainedRecord slot, long sequence, boolean endOfBatch) {
        if (!active) return; // skips the batch without touching its slots
        try {
            if (slot.isLostNotice) {
                handler.onRecordsLost(slot.lostNotice);
            } else {
                handler.onRecord(slot);
            }
        } catch (Throwable t) {
            failed(t);
        }
        if (endOfBatch) {
            try {
                handler.onBatchEnd();
            } catch (Throwable t) {
                failed(t);
            }
        }
    }

    private void failed(Throwable t) {
        if (failures.getAndIncrement() == 0) {
            Warnings.warnOnce("drain-handler-" + name, "drain handler " + name + " threw " + t
                    + "; it keeps receiving records, failures are counted in the drain statistics");
        }
        if (t instanceof VirtualMachineError e) throw e;
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
