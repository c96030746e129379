package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_BUDGET;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_RLIMIT;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeRegistry;
import io.lwp4j.sampler.layout.RingBufferLayout;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Every live ring buffer of a {@link SamplingSession}, by buffer id, and the native thread-id
 * registry the fault handler reads.
 *
 * <p>A buffer whose owner is done is <em>retired</em>: taken out of the native registry so
 * no producer finds it again; while a drainer is attached, it waits on the retired queue
 * until the drainer has read it to the end ({@link #drainRetired}), otherwise it is freed
 * at once.
 *
 * <p>Freeing keeps up to {@value #POOL_MAX} mappings of thread buffers for the next threads
 * ({@link #pooledBuffers()}): under thread churn a new thread then gets a ready, still
 * locked buffer, and a dead thread's buffer costs no munmap and, above all, no close of its
 * shared arena, which is a handshake with every running Java thread (0.2 s each with 16 busy
 * threads on 2 vCPUs: closing one per ended thread, the drainer fell behind and the buffers of
 * ended threads used up the lock budget). Mappings nobody took for {@link #POOL_IDLE} are
 * freed by {@link #reapExited()}; {@link #releasePooled()} frees them all at once.
 */
public final class BufferRegistry {
    private static final int REAP_EVERY = 64;
    static final int POOL_MAX = 64;
    static final Duration POOL_IDLE = Duration.ofSeconds(1);
    private static final int TRIM_PER_REAP = 8;

    /** A mapping kept for reuse, since when. */
    private record Pooled(RingBuffer.ReusableMapping mapping, long sinceNanos) {}

    private final ConcurrentHashMap<Long, RingBuffer> live = new ConcurrentHashMap<>();
    private final Collection<RingBuffer> liveView = Collections.unmodifiableCollection(live.values());
    private final Queue<RingBuffer> retired = new ConcurrentLinkedQueue<>();
    private final AtomicLong creations = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    /** Newest first: a new thread takes the most recently used (warm) mapping. */
    private final ConcurrentLinkedDeque<Pooled> pool = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private volatile BufferConfig config;
    /** Whether liblwp4j was given {@link #config}: not before the registry first needs the library. */
    private volatile boolean nativeConfigured;
    private volatile boolean drainerAttached;
    /** Set by {@link #retireAll()}: its session is closed. */
    private volatile boolean closed;

    /** Made by its {@link SamplingSession}; liblwp4j is not loaded before it is needed. */
    BufferRegistry(BufferConfig config) {
        this.config = config;
    }

    public BufferConfig config() {
        return config;
    }

    /**
     * Applies to buffers created from now on, Java and native, and gives it to liblwp4j at once
     * (loading it: a refused library throws here). While a drainer is attached, the drain slot
     * stays in the consumer mask whatever {@code newConfig} says, so no buffer made meanwhile
     * escapes the drain pipeline.
     */
    public synchronized void configure(BufferConfig newConfig) {
        if (drainerAttached) {
            newConfig = newConfig.withConsumerMask(newConfig.consumerMask() | 1 << CONSUMER_DRAIN);
        }
        NativeBuffers.setLockBudget(newConfig.lockBudget());
        NativeBuffers.setMemoryBudget(newConfig.memoryBudget());
        NativeBuffers.setNativeBufferDefaults(newConfig.capacity(), newConfig.watermark(),
                newConfig.consumerMask());
        config = newConfig;
        nativeConfigured = true;
    }

    /** The session's configuration to liblwp4j before the first buffer or registration needs it. */
    private void configureNativeOnFirstUse() {
        if (!nativeConfigured) {
            synchronized (this) {
                if (!nativeConfigured) configure(config);
            }
        }
    }

    /** For {@link SamplingSession#close()}: liblwp4j's budgets and defaults as before, if this registry set them. */
    synchronized void restoreNativeDefaults() {
        if (nativeConfigured) configure(BufferConfig.DEFAULTS);
    }

    /**
     * Declares that a drainer reads slot {@link
     * io.lwp4j.sampler.layout.RingBufferLayout#CONSUMER_DRAIN}: new buffers gate on it and
     * retired ones wait for it.
     *
     * @throws IllegalStateException when a drainer is attached already
     */
    public synchronized void attachDrainer() {
        if (drainerAttached) {
            throw new IllegalStateException("an lwp4j drain pipeline is already running: each buffer has one drain slot");
        }
        configure(config.withConsumerMask(config.consumerMask() | 1 << CONSUMER_DRAIN));
        drainerAttached = true;
    }

    public synchronized void detachDrainer() {
        drainerAttached = false;
        configure(config.withConsumerMask(config.consumerMask() & ~(1 << CONSUMER_DRAIN)));
        drainRetired(b -> {});
    }

    RingBuffer createForCurrentThread() {
        if (closed) throw new BufferClosedException("this lwp4j sampling session is closed: it makes no more buffers");
        configureNativeOnFirstUse();
        if (creations.incrementAndGet() % REAP_EVERY == 0) {
            reapExited();
        }
        BufferConfig c = config;
        RingBuffer b = null;
        Pooled p;
        while (b == null && (p = pool.pollFirst()) != null) {
            pooled.decrementAndGet();
            if (p.mapping().capacity() == c.capacity()) {
                b = RingBuffer.reuseForCurrentThread(p.mapping(), c.watermark(), c.consumerMask());
            } else {
                p.mapping().free(); // made before the capacity changed, or smaller for the memory budget
            }
        }
        while (b == null) {
            int capacity = capacityWithinMemoryBudget(c);
            try {
                b = RingBuffer.createForCurrentThread(capacity, Math.min(c.watermark(), capacity), c.consumerMask());
            } catch (BufferMappingException refused) {
                if (fits(capacity)) throw refused;  // else another thread took the room meanwhile: smaller
            }
        }
        warnIfUnlocked(b.flags(), c);
        register(b);
        return b;
    }

    /**
     * Adds a buffer (not once the session is closed); one with an owner thread id also goes into
     * the native registry. A buffer is known by its id: registering another wrapper of a buffer
     * already registered changes nothing (the drainer keeps reading through the first), so two
     * parties may both register a process-wide buffer.
     */
    public void register(RingBuffer b) {
        if (closed) return; // nothing drains it any more (a probe still pointing here, say)
        configureNativeOnFirstUse();
        if (live.putIfAbsent(b.bufferId(), b) != null) return;
        changes.incrementAndGet();
        if (b.ownerTid() > 0 && b.owner() != null) {
            int rc = NativeRegistry.put(b.ownerTid(), MemorySegment.ofAddress(b.address()));
            if (rc != 0) {
                Warnings.warnOnce("registry-full", "the thread registry is full: faults of thread " + b.ownerTid()
                        + " and later threads go to the orphan buffer");
            }
        }
    }

    /**
     * The owner is done with the buffer {@code b} wraps (any wrapper of it): see the class
     * comment. What is retired is the registered wrapper.
     */
    public void retire(RingBuffer b) {
        RingBuffer registered = live.remove(b.bufferId());
        if (registered == null) return;
        changes.incrementAndGet();
        if (registered.ownerTid() > 0 && registered.owner() != null) {
            NativeRegistry.remove(registered.ownerTid(), MemorySegment.ofAddress(registered.address()));
        }
        if (drainerAttached) {
            retired.add(registered); // the drainer reads it to its end, then closes it
        } else {
            free(registered);
        }
    }

    /** Keeps a thread buffer's mapping for the next thread when it can, else frees it. */
    private void free(RingBuffer b) {
        if (b.capacity() == config.capacity()) {
            if (pooled.incrementAndGet() <= POOL_MAX) {
                RingBuffer.ReusableMapping m = b.detachForReuse();
                if (m != null) {
                    pool.addFirst(new Pooled(m, System.nanoTime()));
                    return;
                }
            }
            pooled.decrementAndGet();
        }
        b.close();
    }

    /**
     * Retires a buffer whose mapping its owner frees itself (a native sampler thread's) and
     * waits until the drainer has read it to its end and let go of it, so the owner may free
     * it after; returns at once when it is not registered. Records the owner appends after
     * this are not drained.
     *
     * @return false when the drainer did not finish within {@code timeout}
     */
    public boolean retireAndAwaitDrain(RingBuffer b, Duration timeout) {
        RingBuffer registered = live.get(b.bufferId());
        if (registered == null) return true;
        retire(b);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20_000;
        while (!registered.isClosed()) { // the drainer closes a retired buffer once it has read it
            if (System.nanoTime() - deadline >= 0) return false;
            Doorbell.ring();
            LockSupport.parkNanos(pause);
            pause = Math.min(2 * pause, 5_000_000);
        }
        return true;
    }

    /** For the drainer: hands each retired buffer to {@code finalDrain}, then frees it. */
    public void drainRetired(Consumer<RingBuffer> finalDrain) {
        RingBuffer b;
        while ((b = retired.poll()) != null) {
            try {
                finalDrain.accept(b);
            } finally {
                free(b);
            }
        }
    }

    /**
     * For {@link SamplingSession#close()}, once its drainer detached: retires (and so frees)
     * every buffer the registry made, whatever its owner does, and frees the pooled mappings.
     * A wrapped buffer (a probe's, a process-wide one) is only taken out: its wrapper is its
     * maker's, who may register it elsewhere.
     */
    void retireAll() {
        closed = true;
        for (RingBuffer b : live.values()) {
            if (b.ownsMapping()) {
                retire(b);
            } else if (live.remove(b.bufferId(), b)) { // no owner thread: never in the native registry
                changes.incrementAndGet();
            }
        }
        drainRetired(b -> {});
        releasePooled();
    }

    /**
     * Retires the buffers of Java threads that have ended, and frees a few pooled mappings
     * nobody took for {@link #POOL_IDLE}. Returns how many buffers it retired.
     */
    public int reapExited() {
        int n = 0;
        for (RingBuffer b : live.values()) {
            Thread owner = b.owner();
            if (owner != null && !owner.isAlive()) {
                retire(b);
                n++;
            }
        }
        trimPool();
        return n;
    }

    /** Oldest first, at most a few per call: each free closes a shared arena (a handshake). */
    private void trimPool() {
        long now = System.nanoTime();
        for (int i = 0; i < TRIM_PER_REAP; i++) {
            Pooled p = pool.pollLast();
            if (p == null) return;
            if (now - p.sinceNanos() < POOL_IDLE.toNanos()) {
                pool.addLast(p);
                return;
            }
            pooled.decrementAndGet();
            p.mapping().free();
        }
    }

    /** Mappings of ended threads' buffers kept for new threads (see the class comment). */
    public int pooledBuffers() {
        return Math.max(0, pooled.get());
    }

    /** Frees every pooled mapping now (munmap: their locked memory too). Returns how many. */
    public int releasePooled() {
        int n = 0;
        Pooled p;
        while ((p = pool.pollFirst()) != null) {
            pooled.decrementAndGet();
            p.mapping().free();
            n++;
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
        return NativeRegistry.size();
    }

    /**
     * The configured capacity, or the largest power of two below it whose mapping still fits
     * lwp4j's memory budget (one warning); none fits: {@link BufferBudgetException}.
     */
    private static int capacityWithinMemoryBudget(BufferConfig c) {
        int capacity = c.capacity();
        while (!fits(capacity)) {
            if (capacity == RingBufferLayout.MIN_CAPACITY) {
                Warnings.warnOnce("memory-budget-none", "lwp4j's memory budget of " + (c.memoryBudget() >> 10)
                        + " KiB for ring buffers is spent: threads that start now get no buffer and their records "
                        + "are not made (counted as unrecorded); raise memorybudget or use a smaller buffer");
                throw new BufferBudgetException(c.memoryBudget());
            }
            capacity >>= 1;
        }
        if (capacity < c.capacity()) {
            Warnings.warnOnce("memory-budget-smaller", "lwp4j's memory budget of " + (c.memoryBudget() >> 10)
                    + " KiB for ring buffers is nearly spent: threads that start now get smaller buffers (down to "
                    + RingBufferLayout.MIN_CAPACITY * RingBufferLayout.RECORD_SIZE + " bytes), then none; raise "
                    + "memorybudget or use a smaller buffer");
        }
        return capacity;
    }

    private static boolean fits(int capacity) {
        return NativeBuffers.fits(capacity);
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
