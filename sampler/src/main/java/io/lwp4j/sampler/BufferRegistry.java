package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_BUDGET;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_RLIMIT;

import io.lwp4j.sampler.internal.LibLwp4j;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Every live ring buffer of the process, by buffer id, and the native thread-id registry
 * the fault handler reads.
 *
 * <p>A buffer whose owner is done is <em>retired</em>: taken out of the native registry so
 * no producer finds it again; if the drain pipeline gates it, it waits on the retired queue
 * until the drainer has read it to the end ({@link #drainRetired}), otherwise it is freed
 * at once.
 */
public final class BufferRegistry {
    private static final BufferRegistry GLOBAL = new BufferRegistry();
    private static final int REAP_EVERY = 64;

    private final ConcurrentHashMap<Long, RingBuffer> live = new ConcurrentHashMap<>();
    private final Collection<RingBuffer> liveView = Collections.unmodifiableCollection(live.values());
    private final Queue<RingBuffer> retired = new ConcurrentLinkedQueue<>();
    private final AtomicLong creations = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private volatile BufferConfig config = BufferConfig.DEFAULTS;
    private volatile boolean drainerAttached;

    private BufferRegistry() {}

    public static BufferRegistry global() {
        return GLOBAL;
    }

    public BufferConfig config() {
        return config;
    }

    /**
     * Applies to buffers created from now on, Java and native. While a drainer is attached,
     * the drain slot stays in the consumer mask whatever {@code newConfig} says, so no buffer
     * made meanwhile escapes the drain pipeline.
     */
    public synchronized void configure(BufferConfig newConfig) {
        if (drainerAttached) {
            newConfig = newConfig.withConsumerMask(newConfig.consumerMask() | 1 << CONSUMER_DRAIN);
        }
        try {
            LibLwp4j.SET_LOCK_BUDGET.invokeExact(newConfig.lockBudget());
            LibLwp4j.SET_NATIVE_BUFFER_DEFAULTS.invokeExact(newConfig.capacity(), newConfig.watermark(),
                    newConfig.consumerMask());
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
        config = newConfig;
    }

    /**
     * Declares that a drainer reads slot {@link
     * io.lwp4j.sampler.layout.RingBufferLayout#CONSUMER_DRAIN}: new buffers gate on it and
     * retired ones wait for it.
     */
    public synchronized void attachDrainer() {
        configure(config.withConsumerMask(config.consumerMask() | 1 << CONSUMER_DRAIN));
        drainerAttached = true;
    }

    public synchronized void detachDrainer() {
        drainerAttached = false;
        configure(config.withConsumerMask(config.consumerMask() & ~(1 << CONSUMER_DRAIN)));
        drainRetired(b -> {});
    }

    RingBuffer createForCurrentThread() {
        if (creations.incrementAndGet() % REAP_EVERY == 0) {
            reapExited();
        }
        BufferConfig c = config;
        RingBuffer b = RingBuffer.createForCurrentThread(c.capacity(), c.watermark(), c.consumerMask());
        warnIfUnlocked(b.flags(), c);
        register(b);
        return b;
    }

    /** Adds a buffer; one with an owner thread id also goes into the native registry. */
    public void register(RingBuffer b) {
        live.put(b.bufferId(), b);
        changes.incrementAndGet();
        if (b.ownerTid() > 0 && b.owner() != null) {
            int rc;
            try {
                rc = (int) LibLwp4j.REGISTRY_PUT.invokeExact(b.ownerTid(), MemorySegment.ofAddress(b.address()));
            } catch (Throwable t) {
                throw LibLwp4j.rethrow(t);
            }
            if (rc != 0) {
                Warnings.warnOnce("registry-full", "the thread registry is full: faults of thread " + b.ownerTid()
                        + " and later threads go to the orphan buffer");
            }
        }
    }

    /** The owner is done: see the class comment. */
    public void retire(RingBuffer b) {
        if (live.remove(b.bufferId()) == null) return;
        changes.incrementAndGet();
        if (b.ownerTid() > 0 && b.owner() != null) {
            try {
                LibLwp4j.REGISTRY_REMOVE.invokeExact(b.ownerTid(), MemorySegment.ofAddress(b.address()));
            } catch (Throwable t) {
                throw LibLwp4j.rethrow(t);
            }
        }
        if (drainerAttached && gatedByDrain(b)) {
            retired.add(b);
        } else {
            b.close();
        }
    }

    /**
     * Retires a buffer whose mapping its owner frees itself (a native sampler thread's) and
     * waits until the drainer has read it to its end, so the owner may free it after; returns
     * at once when no drainer gates it. Records the owner appends after this are not drained.
     *
     * @return false when the drainer did not finish within {@code timeout}
     */
    public boolean retireAndAwaitDrain(RingBuffer b, Duration timeout) {
        if (live.get(b.bufferId()) != b) return true; // not registered: no drainer reads it
        retire(b);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20_000;
        while (!b.isClosed()) { // the drainer closes a retired buffer once it has read it
            if (System.nanoTime() - deadline >= 0) return false;
            Doorbell.ring();
            LockSupport.parkNanos(pause);
            pause = Math.min(2 * pause, 5_000_000);
        }
        return true;
    }

    private static boolean gatedByDrain(RingBuffer b) {
        return (b.consumerMaskActive() & 1 << CONSUMER_DRAIN) != 0;
    }

    /** For the drainer: hands each retired buffer to {@code finalDrain}, then frees it. */
    public void drainRetired(Consumer<RingBuffer> finalDrain) {
        RingBuffer b;
        while ((b = retired.poll()) != null) {
            try {
                finalDrain.accept(b);
            } finally {
                b.close();
            }
        }
    }

    /** Retires the buffers of Java threads that have ended. Returns how many. */
    public int reapExited() {
        int n = 0;
        for (RingBuffer b : live.values()) {
            Thread owner = b.owner();
            if (owner != null && !owner.isAlive()) {
                retire(b);
                n++;
            }
        }
        return n;
    }

    /**
     * Grows whenever a buffer is registered or retired, after the live set changed: a reader
     * that saw a value and then iterated {@link #liveBuffers()} saw every buffer registered
     * before that value, so it need not iterate again until the count moves.
     */
    public long changeCount() {
        return changes.get();
    }

    /** Live buffers (a weakly consistent view: safe to iterate while threads come and go). */
    public Collection<RingBuffer> liveBuffers() {
        return liveView;
    }

    public int retiredPending() {
        return retired.size();
    }

    /** Entries in the native thread-id registry. */
    public int nativeRegistrySize() {
        try {
            return (int) LibLwp4j.REGISTRY_SIZE.invokeExact();
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }

    private static void warnIfUnlocked(int flags, BufferConfig c) {
        if ((flags & FLAG_UNLOCKED_RLIMIT) != 0) {
            BufferStatistics s = BufferStatistics.read();
            Warnings.warnOnce("mlock-rlimit", "ring buffers are not locked in memory: mlock failed with errno "
                    + s.lastMlockErrno() + " (RLIMIT_MEMLOCK too small); raise `ulimit -l` (systemd LimitMEMLOCK=, "
                    + "docker --ulimit memlock=) or grant CAP_IPC_LOCK; until then a swapped-out buffer page can stall a producer");
        } else if ((flags & FLAG_UNLOCKED_BUDGET) != 0) {
            Warnings.warnOnce("mlock-budget", "ring buffers past lwp4j's locked-memory budget of "
                    + (c.lockBudget() >> 10) + " KiB are not locked in memory; raise the budget (lockBudget) "
                    + "or use smaller buffers");
        }
    }
}
