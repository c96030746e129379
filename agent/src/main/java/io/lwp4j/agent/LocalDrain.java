package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;

import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.internal.LibLwp4j;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's drainer: one thread that waits on the buffers' doorbell (with a timeout, so
 * an idle process costs one wake-up per period), reads every registered buffer on the drain
 * consumer slot and hands each record to the sinks. Buffers of ended threads are read to the
 * end, then freed ({@link BufferRegistry#drainRetired}). At JVM exit {@link #stopAndDrain}
 * makes the last pass.
 */
final class LocalDrain {
    private static final int BATCH = 1024;

    private final BufferRegistry registry;
    private final List<RecordSink> sinks;
    private final int periodMillis;
    private final Map<Long, RawPoller> pollers = new HashMap<>();
    private final Set<Long> undrainable = new HashSet<>();
    private final AgentThread thread;
    private volatile boolean running = true;
    private long drained;
    private long lostByRetired;
    private final RawPoller.RecordHandler deliver = this::deliver;
    private RingBuffer current;

    LocalDrain(BufferRegistry registry, List<RecordSink> sinks, long periodMillis) {
        this.registry = registry;
        this.sinks = sinks;
        this.periodMillis = (int) periodMillis;
        this.thread = new AgentThread("lwp4j-drain", this::run);
    }

    /** Buffers made from now on gate on the drain slot; call before any buffer exists. */
    void start() {
        registry.attachDrainer();
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                int rung = (int) LibLwp4j.DOORBELL_WAIT.invokeExact(periodMillis);
                if (rung < 0) Thread.sleep(periodMillis);
                pass();
            } catch (Throwable t) {
                Warnings.warnOnce("drain", "the drainer failed (" + t + ") and stopped; records are no longer read");
                return;
            }
        }
    }

    private void pass() {
        for (RingBuffer b : registry.liveBuffers()) {
            drain(b);
        }
        registry.drainRetired(this::finalDrain);
    }

    private void drain(RingBuffer b) {
        long id = b.bufferId();
        if (undrainable.contains(id)) return;
        RawPoller p = pollers.get(id);
        try {
            if (p == null) {
                p = b.openPoller(CONSUMER_DRAIN);
                pollers.put(id, p);
            }
            current = b;
            int n;
            while ((n = p.poll(deliver, BATCH)) > 0) {
                drained += n;
            }
        } catch (IllegalStateException e) {
            // Not gated by the drain slot (made before the drainer), or closed under us.
            undrainable.add(id);
        }
    }

    private void deliver(RecordView r) {
        for (RecordSink s : sinks) s.accept(current, r);
    }

    private void finalDrain(RingBuffer b) {
        drain(b);
        lostByRetired += b.lost();
        RawPoller p = pollers.remove(b.bufferId());
        if (p != null) p.close();
        undrainable.remove(b.bufferId());
    }

    /** JVM exit: stops the thread, reads what is left, finishes the sinks. */
    void stopAndDrain(long unrecorded, long adviceFailures) {
        running = false;
        try {
            thread.join(periodMillis * 2L + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            Warnings.warnOnce("drain-exit", "the drainer did not stop at exit; the last records are not reported");
            return;
        }
        pass();
        long lost = lostByRetired;
        for (RingBuffer b : registry.liveBuffers()) {
            try {
                lost += b.lost();
            } catch (IllegalStateException closed) {
                // freed meanwhile: its count went with it
            }
        }
        DrainTotals totals = new DrainTotals(drained, lost, unrecorded, adviceFailures);
        for (RecordSink s : sinks) s.finish(totals);
    }
}
