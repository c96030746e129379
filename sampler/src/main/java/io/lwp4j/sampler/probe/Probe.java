package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;
import static io.lwp4j.sampler.layout.RingBufferLayout.RECORD_SIZE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.RingBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A syscall-path probe: one native thread of liblwp4j with its own ring buffer, running
 * periodically or on demand. Each probe is a process-wide singleton; every method is
 * thread-safe.
 *
 * <p>A run appends one record per item (canary call, code-loading strategy) to the probe's
 * buffer, for raw pollers and the drain pipeline, and keeps a copy that {@code latest()}
 * reads without any consumer. The buffer lives from {@link #start} to {@link #stop}; it is in
 * the {@link BufferRegistry} meanwhile, so the drain pipeline reads it, to its end on stop.
 */
public abstract sealed class Probe permits SyscallProbe, CodeLoadProbe {
    /** The longest period any probe accepts. */
    public static final Duration MAX_PERIOD = Duration.ofNanos(MAX_PERIOD_NS);
    /** Longest {@link #stop()} waits for the drain pipeline to read the buffer to its end. */
    private static final Duration STOP_DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final int id;
    private final String name;
    private final Duration minPeriod;
    private final Duration defaultPeriod;
    private final int items;
    private RingBuffer buffer; // guarded by this: the wrapper handed out by buffer()

    Probe(int id, String name, long minPeriodNs, long defaultPeriodNs, int items) {
        this.id = id;
        this.name = name;
        this.minPeriod = Duration.ofNanos(minPeriodNs);
        this.defaultPeriod = Duration.ofNanos(defaultPeriodNs);
        this.items = items;
    }

    public final Duration minPeriod() {
        return minPeriod;
    }

    public final Duration defaultPeriod() {
        return defaultPeriod;
    }

    /** Starts the probe thread with the {@linkplain #defaultPeriod() default period}. */
    public final void start() {
        start(defaultPeriod);
    }

    /**
     * Starts the probe thread; its first run begins at once, the next one {@code period}
     * after it.
     *
     * @throws IllegalArgumentException when the period is outside [{@link #minPeriod()},
     *     {@link #MAX_PERIOD}]
     * @throws IllegalStateException when the probe is already running
     */
    public final synchronized void start(Duration period) {
        long ns = periodNanos(period);
        int rc = ProbeNatives.start(id, ns);
        if (rc == -ProbeNatives.EALREADY) {
            throw new IllegalStateException(name + " probe is already running: setPeriod() changes its period");
        }
        check(rc, "start");
        buffer(); // registered: the drain pipeline reads it
    }

    /**
     * Stops and joins the probe thread and frees its buffer; the {@link #buffer()} handed out
     * is closed first, so its pollers fail cleanly instead of reading freed memory. The latest
     * results stay readable. Does nothing when stopped.
     */
    public final synchronized void stop() {
        if (buffer != null) {
            // let the drain pipeline read it to its end before liblwp4j frees it
            BufferRegistry.global().retireAndAwaitDrain(buffer, STOP_DRAIN_TIMEOUT);
            buffer.close();
            buffer = null;
        }
        check(ProbeNatives.stop(id), "stop");
    }

    public final boolean isRunning() {
        return stats().running();
    }

    /**
     * Changes the period of the running probe, at once: a probe that has waited longer than
     * the new period runs now. A stopped probe gets its period from {@link #start(Duration)}.
     *
     * @throws IllegalArgumentException when the period is outside [{@link #minPeriod()},
     *     {@link #MAX_PERIOD}]
     */
    public final void setPeriod(Duration period) {
        long ns = periodNanos(period);
        check(ProbeNatives.setPeriod(id, ns), "setPeriod");
    }

    /** Chooses the clock of the runs from the next one on. */
    public final void setClock(ProbeClock clock) {
        Objects.requireNonNull(clock, "clock");
        check(ProbeNatives.setClock(id, clock.code), "setClock");
    }

    /** The probe's runs and own CPU cost since its last start. */
    public final ProbeStats stats() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(STATS_SIZE, Long.BYTES);
            check(ProbeNatives.statsRead(id, s), "stats");
            return new ProbeStats(
                    s.get(JAVA_LONG, STATS_RUNS),
                    Duration.ofNanos(s.get(JAVA_LONG, STATS_CPU_NS)),
                    Duration.ofNanos(s.get(JAVA_LONG, STATS_WALL_NS)),
                    Duration.ofNanos(s.get(JAVA_LONG, STATS_PERIOD_NS)),
                    s.get(JAVA_INT, STATS_TID),
                    s.get(JAVA_INT, STATS_RUNNING) != 0);
        }
    }

    /**
     * The running probe's ring buffer, for raw pollers ({@link RingBuffer#openPoller()}).
     * Valid until {@link #stop()}, which closes it.
     *
     * @throws IllegalStateException when the probe is not running
     */
    public final synchronized RingBuffer buffer() {
        MemorySegment address = ProbeNatives.buffer(id);
        if (address.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(name + " probe is not running");
        }
        if (buffer == null || buffer.address() != address.address()) {
            if (buffer != null) { // a wrapper of an earlier start's buffer
                BufferRegistry.global().retire(buffer);
                buffer.close();
            }
            buffer = RingBuffer.wrapAddress(address);
            BufferRegistry.global().register(buffer);
        }
        return buffer;
    }

    /**
     * Runs the probe now on its thread and waits for the run; starts the thread first, without
     * a period (runs on demand only), when the probe is stopped.
     */
    final void runOnceAndWait(Duration timeout) throws TimeoutException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " probe run-once timeout must be positive and at most "
                    + Integer.MAX_VALUE + " ms, got " + timeout);
        }
        int ms = (int) Math.max(1, timeout.toMillis());
        int rc = ProbeNatives.runOnce(id, ms);
        if (rc == -ProbeNatives.ETIMEDOUT) {
            throw new TimeoutException(name + " probe run did not finish within " + timeout);
        }
        if (rc == -ProbeNatives.ESRCH) {
            throw new IllegalStateException(name + " probe was stopped before the requested run");
        }
        check(rc, "runOnce");
        buffer(); // a probe started on demand: registered for the drain pipeline too
    }

    /**
     * The newest run's records, one per item (the record of item {@code k} in slot {@code
     * slot(k)}), each decoded by {@code decode} into a copy; empty before the first run.
     */
    final <K extends Enum<K>, R> Optional<Map<K, R>> latestRun(Class<K> itemType, ToIntFunction<K> slot,
            Function<RecordWords, R> decode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate((long) RECORD_SIZE * items, Long.BYTES);
            int rc = ProbeNatives.latest(id, out, items);
            if (rc == -ProbeNatives.ENODATA) return Optional.empty();
            check(rc, "latest");
            Map<K, R> byItem = new EnumMap<>(itemType);
            for (K k : itemType.getEnumConstants()) {
                byItem.put(k, decode.apply(RecordView.over(out, (long) slot.applyAsInt(k) * RECORD_SIZE, 0)));
            }
            return Optional.of(byItem);
        }
    }

    final String name() {
        return name;
    }

    private long periodNanos(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.compareTo(minPeriod) < 0 || period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException(name + " probe period must be between " + minPeriod + " and "
                    + MAX_PERIOD + ", got " + period + (period.isZero() ? " (runOnce() runs it on demand)" : ""));
        }
        return period.toNanos();
    }

    static void check(int rc, String what) {
        if (rc == 0) return;
        if (rc == -ProbeNatives.EINVAL) {
            throw new IllegalArgumentException(what + ": liblwp4j rejected the arguments (EINVAL)");
        }
        throw new IllegalStateException(what + " failed: errno " + -rc);
    }

    @Override
    public String toString() {
        return name + " probe " + stats();
    }
}
