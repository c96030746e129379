package io.lwp4j.sampler;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.iocount.IoCounts;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * lwp4j's sampling in this process: the buffer registry ({@link #buffers()}), each thread's
 * buffer ({@link #threadBuffers()}), the I/O counts ({@link #ioCounts()}) and, once started,
 * the drain pipeline ({@link #drainPipeline()}). Whoever opens it passes it down to whatever
 * needs one of these: the lwp4j agent opens one at its start and keeps it for the life of the
 * JVM; a library user (a JIT-like runtime polling its own buffer) or a test opens one, uses it
 * and closes it.
 *
 * <p>At most one session is open in a process at a time: liblwp4j's thread registry, its
 * defaults for native buffers and budgets, and each buffer's drain slot are the process's,
 * so a second session would share them with the first. {@link #open} refuses then.
 *
 * <p>Opening loads nothing: liblwp4j is loaded, and given the session's {@link BufferConfig},
 * by the first buffer, registration or drain pipeline, or at once by {@code
 * buffers().configure(config)}.
 *
 * <p>{@link #close()} undoes what the session started: it closes the drain pipeline, retires
 * and frees every buffer it registered (a thread that goes on appending to its buffer then gets
 * a {@link BufferClosedException}) and the mappings it kept for reuse, and puts liblwp4j's
 * budgets and defaults for native buffers back to {@link BufferConfig#DEFAULTS}. A closed
 * session makes no more buffers ({@link BufferClosedException}). Close it once its threads have
 * stopped making buffers: one made while it closes may be missed and stay mapped.
 */
public final class SamplingSession implements AutoCloseable {
    /** The open session: guards liblwp4j's process-wide state (see the class comment); read by nobody else. */
    private static final AtomicReference<SamplingSession> OPEN = new AtomicReference<>();

    private final BufferRegistry buffers;
    private final ThreadBuffers threadBuffers;
    private final IoCounts ioCounts = new IoCounts();
    private DrainPipeline drainPipeline; // guarded by this
    private boolean closed; // guarded by this

    private SamplingSession(BufferConfig config, ThreadLocal<RingBuffer> perThread, boolean carrierBound) {
        this.buffers = new BufferRegistry(config);
        this.threadBuffers = new ThreadBuffers(buffers, perThread, carrierBound);
    }

    /**
     * A session whose buffers belong to platform threads (a virtual thread has none).
     *
     * @throws IllegalStateException when another session is open in this process
     */
    public static SamplingSession open(BufferConfig config) {
        return open(config, new ThreadLocal<>(), false);
    }

    /**
     * A session whose buffers belong to OS threads, held in {@code perCarrier}: a thread-local
     * whose value is the carrier's when a virtual thread reads it ({@code
     * jdk.internal.misc.CarrierThreadLocal}), so a virtual thread records into the buffer of
     * the carrier it is mounted on.
     *
     * @throws IllegalStateException when another session is open in this process, or when
     *     {@link CarrierThreads} cannot name a virtual thread's carrier
     */
    public static SamplingSession openCarrierBound(BufferConfig config, ThreadLocal<RingBuffer> perCarrier) {
        if (!CarrierThreads.isCarrierAware()) {
            throw new IllegalStateException("buffers bound to carrier threads need java.base to export "
                    + "jdk.internal.access to lwp4j's module before lwp4j's classes are first used "
                    + "(--add-exports java.base/jdk.internal.access=ALL-UNNAMED)");
        }
        return open(config, perCarrier, true);
    }

    private static SamplingSession open(BufferConfig config, ThreadLocal<RingBuffer> perThread, boolean carrierBound) {
        synchronized (OPEN) {
            if (OPEN.get() != null) {
                throw new IllegalStateException("an lwp4j sampling session is already open in this process (its "
                        + "thread registry and drain slots are the process's): close it first");
            }
            SamplingSession s = new SamplingSession(config, perThread, carrierBound);
            OPEN.set(s);
            return s;
        }
    }

    /** Every live buffer of the session, and its configuration for new ones. */
    public BufferRegistry buffers() {
        return buffers;
    }

    /** The calling thread's buffer. */
    public ThreadBuffers threadBuffers() {
        return threadBuffers;
    }

    /** The I/O counts of every thread that registers with it. */
    public IoCounts ioCounts() {
        return ioCounts;
    }

    /**
     * Starts the session's drain pipeline over {@link #buffers()}.
     *
     * @param handlers by name (used in statistics and warnings), each run on its own thread
     * @throws IllegalStateException when the session's pipeline runs already (each buffer has
     *     one drain slot), or the session is closed
     */
    public synchronized DrainPipeline startDrain(DrainConfig config, Map<String, DrainHandler> handlers) {
        if (closed) throw new BufferClosedException("this lwp4j sampling session is closed");
        drainPipeline = DrainPipeline.start(buffers, config, handlers);
        return drainPipeline;
    }

    /** The session's running drain pipeline, or null (none started, or closed). */
    public synchronized DrainPipeline drainPipeline() {
        return drainPipeline == null || drainPipeline.isClosed() ? null : drainPipeline;
    }

    /** See the class comment. Another session may be opened after. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            if (drainPipeline != null) drainPipeline.close();
        }
        buffers.retireAll();
        buffers.restoreNativeDefaults();
        OPEN.compareAndSet(this, null);
    }
}
