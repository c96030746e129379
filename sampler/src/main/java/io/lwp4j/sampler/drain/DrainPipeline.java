package io.lwp4j.sampler.drain;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.Doorbell;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.RecordsLost.BufferKind;
import io.lwp4j.sampler.layout.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The drain pipeline: one drainer thread copying records out of every ring buffer into an
 * LMAX Disruptor ring of preallocated events, and one thread per {@link DrainHandler} reading
 * that ring (the JFR handler of {@code lwp4j-jfr-events}, the in-process subscribers, ...).
 *
 * <pre>
 *  ring buffers --(drain slot, batches)--> drainer --> Disruptor ring --> handler 1 (thread)
 *                                                                  \--> handler 2 (thread)
 *                                                                  \--> subscribers (thread)
 * </pre>
 *
 * <p>The subscriber thread takes no part (no wake-ups, no place in the ring) while nobody
 * subscribes.
 *
 * <p>The drain slot ({@code LWP4J_CONSUMER_DRAIN}) is one per buffer, so at most one pipeline
 * runs over a registry ({@link io.lwp4j.sampler.SamplingSession#startDrain}). Starting it
 * attaches the drainer to the registry, so every buffer created from then on gates on the drain
 * slot and no record of it is missed.
 *
 * <p>At JVM exit a shutdown hook {@linkplain #flush flushes} the pipeline: whatever the
 * buffers hold is drained and handled. JFR's own shutdown hook runs concurrently with it; the
 * JFR handler therefore also flushes from JFR's end-of-chunk hook, before the recording is
 * written (see {@code io.lwp4j.jfr}).
 *
 * <p>If the drainer dies (an Error escaped a pass), its loop is restarted with a warning, up to
 * {@value #MAX_DRAINER_RESTARTS} times; it goes on with the same cursors, so what the buffers
 * dropped meanwhile is noticed and counted. An {@link OutOfMemoryError} does not count: the
 * heap is the application's and may come back, and a pass itself allocates nothing, so the
 * drainer pauses for one idle wait and goes on, as often as it takes. The restart path
 * allocates nothing (its warnings are made in advance), so it works on an exhausted heap, and
 * every pipeline thread is an {@link AgentThread}: nothing of lwp4j reaches the application's
 * uncaught-exception handler. Past the restarts the pipeline gives up with a warning:
 * the drain slot of every buffer is freed and new buffers are made without it, so producers are
 * gated by nobody, raw pollers go on, and what nobody reads is counted lost in each buffer
 * ({@link #isDraining()} is false), but for up to one lap per buffer written before its
 * producer sees the slot gone (see {@code lwp4j_consumer_attach}).
 */
public final class DrainPipeline implements AutoCloseable {
    private static final String SUBSCRIBERS = "subscribers";
    static final int MAX_DRAINER_RESTARTS = 3;

    private final DrainConfig config;
    private final BufferRegistry registry;
    private final Disruptor<DrainedRecord> disruptor;
    private final com.lmax.disruptor.RingBuffer<DrainedRecord> ring;
    private final List<HandlerStage> stages;
    private final SubscriberDispatch subscribers = new SubscriberDispatch();
    private final Drainer drainer;
    private final Thread drainerThread;
    private volatile int drainerRestarts; // written by the drainer thread only
    private volatile int drainerOutOfMemory; // written by the drainer thread only
    /** The restart and give-up lines, whole, for an exhausted heap (see {@link #warnDeath}). */
    private final String[] restartKeys = new String[MAX_DRAINER_RESTARTS + 1];
    private final String[] restartLines = new String[MAX_DRAINER_RESTARTS + 1];
    private final String outOfMemoryKey;
    private final String outOfMemoryLine;
    private volatile boolean drainerGaveUp;
    private final Thread exitHook;
    private volatile boolean closed;

    private DrainPipeline(DrainConfig config, BufferRegistry registry, Map<String, DrainHandler> handlers) {
        this.config = config;
        this.registry = registry;
        this.disruptor = new Disruptor<>(DrainedRecord::new, config.ringSize(),
                r -> new AgentThread("lwp4j-drain-handler", r), ProducerType.SINGLE, new BlockingWaitStrategy());
        this.ring = disruptor.getRingBuffer();
        List<HandlerStage> s = new ArrayList<>();
        handlers.forEach((name, h) -> s.add(new HandlerStage(name, h, ring, false)));
        HandlerStage subscriberStage = new HandlerStage(SUBSCRIBERS, subscribers, ring, true);
        subscribers.runOn(subscriberStage);
        s.add(subscriberStage);
        this.stages = List.copyOf(s);
        disruptor.handleEventsWith(stages.toArray(HandlerStage[]::new)); // parallel: each sees every slot
        disruptor.start();
        this.drainer = new Drainer(registry, ring, config);
        this.drainerThread = new AgentThread("lwp4j-drainer", this::runDrainer);
        this.exitHook = new AgentThread("lwp4j-exit-flush", this::flushAtExit);
        String id = Integer.toString(System.identityHashCode(this));
        for (int n = 1; n <= MAX_DRAINER_RESTARTS; n++) {
            restartKeys[n - 1] = "drainer-died-" + id + "-" + n;
            restartLines[n - 1] = "lwp4j: warning: the lwp4j drainer died; restarted (" + n + " of "
                    + MAX_DRAINER_RESTARTS + "), it goes on where it stopped";
        }
        restartKeys[MAX_DRAINER_RESTARTS] = "drainer-gave-up-" + id;
        restartLines[MAX_DRAINER_RESTARTS] = "lwp4j: warning: the lwp4j drainer died " + (MAX_DRAINER_RESTARTS + 1)
                + " times; the drain pipeline is off: buffers are no longer gated by it, raw pollers go on, and what "
                + "no consumer reads is counted lost in its buffer";
        outOfMemoryKey = "drainer-out-of-memory-" + id;
        outOfMemoryLine = "lwp4j: warning: the lwp4j drainer ran out of heap; it pauses "
                + "and goes on where it stopped, each time, and what the buffers drop meanwhile is counted lost";
    }

    /**
     * Starts a drain pipeline over {@code registry}: {@link
     * io.lwp4j.sampler.SamplingSession#startDrain}, which closes it with the session.
     *
     * @param handlers by name (used in statistics and warnings), each run on its own thread
     * @throws IllegalStateException when a pipeline is already running over {@code registry}
     */
    public static DrainPipeline start(BufferRegistry registry, DrainConfig config, Map<String, DrainHandler> handlers) {
        if (handlers.containsKey(SUBSCRIBERS)) {
            throw new IllegalArgumentException("handler name \"" + SUBSCRIBERS + "\" is the subscriber dispatch's");
        }
        registry.attachDrainer();
        DrainPipeline p;
        try {
            p = new DrainPipeline(config, registry, new LinkedHashMap<>(handlers));
        } catch (RuntimeException | Error e) {
            registry.detachDrainer();
            throw e;
        }
        ProcessWideBuffers.register(registry);
        p.drainerThread.start();
        try {
            Runtime.getRuntime().addShutdownHook(p.exitHook);
        } catch (IllegalStateException exiting) {
            // started while the JVM exits (by the agent's start thread): its hooks already run, too late for this one
        }
        return p;
    }

    /**
     * The drainer thread's body: the drain loop, run again on the same thread when an Error
     * escapes it (the Disruptor's single-producer sequencer must be published to from one
     * thread), up to {@link #MAX_DRAINER_RESTARTS} times; then the pipeline gives up.
     */
    private void runDrainer() {
        while (true) {
            try {
                drainer.run();
                return;
            } catch (Throwable t) {
                boolean again;
                try {
                    again = restartAfter(t);
                } catch (Throwable whileRestarting) {   // nothing there should throw; if it did, go on
                    again = !closed;
                }
                if (!again) return;
            }
        }
    }

    /**
     * An OutOfMemoryError, or an Error it caused (a lambda or class that could not be linked or
     * initialised for want of heap: BootstrapMethodError, ExceptionInInitializerError, and the
     * NoClassDefFoundError of every later use). Walks the causes without allocating.
     */
    private static boolean outOfHeap(Throwable t) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
        }
        return false;
    }

    /**
     * On the drainer thread, after its loop died: true to run it again (see the class comment).
     * Allocates nothing before its decision is stored: {@code t} may be an OutOfMemoryError.
     */
    private boolean restartAfter(Throwable t) {
        if (closed) {
            drainer.closeCursors();
            return false;
        }
        // Each warning is written before the state that reports it: whoever sees drainerRestarts
        // or isDraining() change finds the line already said.
        if (outOfHeap(t)) {
            if (drainerOutOfMemory == 0) warnDeath(outOfMemoryKey, t, outOfMemoryLine);
            drainerOutOfMemory = drainerOutOfMemory + 1;
            LockSupport.parkNanos(config.idleWait().toNanos()); // the heap may come back meanwhile
            return true;
        }
        int n = drainerRestarts + 1;
        if (n <= MAX_DRAINER_RESTARTS) {
            warnDeath(restartKeys[n - 1], t, restartLines[n - 1]);
            drainerRestarts = n;
            return true;
        }
        warnDeath(restartKeys[MAX_DRAINER_RESTARTS], t, restartLines[MAX_DRAINER_RESTARTS]);
        drainerGaveUp = true;
        drainer.closeCursors();
        registry.detachDrainer();
        return false;
    }

    /**
     * {@code line} with the cause named after its first clause; where that cannot be built (no
     * heap), {@code line} as made in advance. Never throws.
     */
    private static void warnDeath(String key, Throwable t, String line) {
        try {
            int clause = line.indexOf(';');
            String message = line.substring("lwp4j: warning: ".length(), clause) + " (" + t + ")" + line.substring(clause);
            Warnings.warnOnce(key, message);
        } catch (Throwable noHeap) {
            Warnings.sayPreallocated(line);
        }
    }

    /** Times the drainer thread died and was restarted, OutOfMemoryErrors apart. */
    public int drainerRestarts() {
        return drainerRestarts;
    }

    /** Times the drainer thread ran out of heap and went on after a pause. */
    public int drainerOutOfMemory() {
        return drainerOutOfMemory;
    }

    /** True once {@link #close()} began. */
    public boolean isClosed() {
        return closed;
    }

    /** False once closed, or once the drainer died more often than it is restarted. */
    public boolean isDraining() {
        return !closed && !drainerGaveUp;
    }

    /** Test hook: the drainer's next pass throws {@code e}, as a dying drainer thread would. */
    void failDrainerPass(Error e) {
        drainer.failNextPass(e);
    }

    public DrainConfig config() {
        return config;
    }

    /**
     * Delivers decoded records to {@code subscriber}, every record published to the ring after
     * this returns, until the subscription closes.
     */
    public Subscription subscribe(RecordSubscriber subscriber) {
        return subscribers.add(subscriber);
    }

    /**
     * Drains everything the buffers hold now (reaping exited threads first, reading retired
     * buffers to their end) and waits until every handler has handled it.
     *
     * <p>Must not be called from a handler or subscriber (it would wait for itself).
     *
     * @return true when done within the timeout
     */
    public boolean flush(Duration timeout) {
        if (!isDraining() || isPipelineThread(Thread.currentThread())) return false;
        long deadline = System.nanoTime() + timeout.toNanos();
        long ticket = drainer.flushRequested.incrementAndGet();
        Doorbell.ring();
        long pause = 10_000;
        while (drainer.flushCompleted() < ticket) {
            if (System.nanoTime() - deadline >= 0 || !isDraining() || !drainerThread.isAlive()) return false;
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
        }
        return awaitHandlers(drainer.flushCursor(), deadline);
    }

    /** Waits until every handler attached to the ring has handled up to {@code target}. */
    private boolean awaitHandlers(long target, long deadline) {
        long pause = 10_000;
        while (ring.getMinimumGatingSequence() < target) {
            if (System.nanoTime() - deadline >= 0) return false;
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 1_000_000);
        }
        return true;
    }

    private boolean isPipelineThread(Thread t) {
        if (t == drainerThread) return true;
        for (HandlerStage s : stages) {
            if (s.thread() == t) return true;
        }
        return false;
    }

    private void flushAtExit() {
        if (!flush(config.flushTimeout())) {
            Warnings.warnOnce("drain-exit-flush", "lwp4j could not drain every buffer within "
                    + config.flushTimeout().toMillis() + " ms at exit; " + statistics());
        }
    }

    /** Counts as of the drainer's last pass (see {@link DrainStatistics}). */
    public DrainStatistics statistics() {
        var c = drainer.published;
        Map<RecordType, Long> byType = new EnumMap<>(RecordType.class);
        for (RecordType t : RecordType.values()) {
            long n = c.getAcquire(Drainer.DRAINED_BY_TYPE + t.code());
            if (n != 0) byType.put(t, n);
        }
        Map<BufferKind, Long> lostByKind = new EnumMap<>(BufferKind.class);
        for (BufferKind k : BufferKind.values()) {
            long n = c.getAcquire(Drainer.LOST_BY_KIND + k.ordinal());
            if (n != 0) lostByKind.put(k, n);
        }
        Map<String, Long> failures = new LinkedHashMap<>();
        for (HandlerStage s : stages) failures.put(s.name(), s.failures());
        long inFlight = ring.getCursor() - ring.getMinimumGatingSequence();
        return new DrainStatistics(c.getAcquire(Drainer.PRODUCED), c.getAcquire(Drainer.DRAINED),
                c.getAcquire(Drainer.LOST), c.getAcquire(Drainer.PENDING), inFlight, Map.copyOf(byType),
                c.getAcquire(Drainer.DRAINED_BY_TYPE), Map.copyOf(lostByKind), failures,
                c.getAcquire(Drainer.PASSES), c.getAcquire(Drainer.BUFFERS));
    }

    /**
     * Drains what is left, lets the handlers finish, stops every pipeline thread and frees the
     * drain slot of every buffer (so it no longer gates their producers). Another pipeline may
     * start after.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            drainer.stop(); // its last pass drains what is left
            try {
                drainerThread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // every attached handler finishes what was published, then all stop
            if (!awaitHandlers(ring.getCursor(), System.nanoTime() + TimeUnit.SECONDS.toNanos(30))) {
                Warnings.warnOnce("drain-close-timeout", "lwp4j drain handlers did not finish within 30 s; halted");
            }
            disruptor.halt();
            registry.detachDrainer();
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it returns at once on a closed pipeline
            }
        }
    }
}
