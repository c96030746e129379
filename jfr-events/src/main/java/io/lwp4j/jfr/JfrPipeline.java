package io.lwp4j.jfr;

import io.lwp4j.jfr.events.BufferStatisticsEvent;
import io.lwp4j.jfr.events.CodeLoadProbeEvent;
import io.lwp4j.jfr.events.CodeLoadProbeSummaryEvent;
import io.lwp4j.jfr.events.DirtyPagesEvent;
import io.lwp4j.jfr.events.DirtyPagesSummaryEvent;
import io.lwp4j.jfr.events.DrainStatisticsEvent;
import io.lwp4j.jfr.events.RawRecordEvent;
import io.lwp4j.jfr.events.RecordTypeStatisticsEvent;
import io.lwp4j.jfr.events.RecordsLostEvent;
import io.lwp4j.jfr.events.SummaryEvent;
import io.lwp4j.jfr.events.SyscallEvent;
import io.lwp4j.jfr.events.SyscallPathProbeEvent;
import io.lwp4j.jfr.events.SyscallPathProbeSummaryEvent;
import io.lwp4j.jfr.events.SyscallSummaryEvent;
import io.lwp4j.jfr.events.UserRecordEvent;
import io.lwp4j.jfr.events.WriteFaultEvent;
import io.lwp4j.jfr.events.WriteFaultProbeEvent;
import io.lwp4j.jfr.events.WriteFaultProbeSummaryEvent;
import io.lwp4j.jfr.events.WriteFaultSummaryEvent;
import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.drain.IntervalSummaries;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.IoHistogramText;
import io.lwp4j.sampler.iocount.IoTotals;
import io.lwp4j.sampler.layout.RecordType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * The drain pipeline wired to JDK Flight Recorder: the {@code lwp4j.*} events, their periodic
 * summaries, and the end-of-chunk flush that makes a recording complete at JVM exit.
 *
 * <h2>JVM exit</h2>
 * JFR writes a recording from its own shutdown hook, which runs concurrently with every other
 * hook, so a hook of ours could drain too late. Instead lwp4j drains from inside JFR's own
 * sequence: {@code lwp4j.DrainStatistics} is a periodic event with period {@code endChunk}, and
 * JFR runs end-of-chunk hooks synchronously, in the thread ending the chunk, before the chunk
 * is finished (on stop, on dump-on-exit, on rotation). Its hook flushes the pipeline (every
 * record in the buffers is committed by the JFR handler thread, whose thread-local JFR buffer
 * is then written with the chunk), ends the summary intervals, then commits the buffer and
 * drain statistics. The flush waits at most {@link DrainConfig#flushTimeout()}, so a JVM
 * never hangs in exit because of lwp4j.
 *
 * <h2>I/O calls</h2>
 * The application's I/O calls are not records: each thread counts its own ({@link IoCounts}).
 * {@code lwp4j.SyscallSummary} is a periodic event whose hook collects those counts and
 * commits, per operation and kind, what was counted since its last commit; the end-of-chunk
 * hook does the same, so a recording holds every call counted before its end. {@code
 * lwp4j.Syscall} is committed by the calling thread itself (the agent); this pipeline only
 * tells {@link CallThreshold} which event type its threshold is about.
 *
 * <p>When JFR is not available (say {@code -XX:-FlightRecorder}) or no recording runs, the
 * pipeline still drains: raw pollers and in-process subscribers are unaffected, records are
 * counted as filtered.
 *
 * <h2>Registration when JFR starts</h2>
 * The event classes and the periodic hooks are registered with JFR when JFR itself is
 * initialized ({@link FlightRecorderListener#recorderInitialized}: at once if it already is,
 * e.g. under {@code -XX:StartFlightRecording}, else when the first recording is made or
 * {@link FlightRecorder#getFlightRecorder()} is first called). Registering starts JFR's
 * metadata repository, about 0.2 s of CPU and 1,000 classes loaded (BENCHMARKS.md, "Startup
 * and footprint"), which a JVM that never records should not pay. JFR runs the listener inside
 * its initialization, before it returns the recorder, so the events are registered before any
 * recording can start.
 */
public final class JfrPipeline implements AutoCloseable {
    /** Name of the JFR handler in the pipeline's statistics. */
    public static final String HANDLER = "jfr";

    /** Every lwp4j event class of the pipeline (the agent adds {@code lwp4j.AgentOptions}). */
    public static final List<Class<? extends Event>> EVENT_CLASSES = List.of(
            WriteFaultEvent.class, DirtyPagesEvent.class, WriteFaultProbeEvent.class, SyscallPathProbeEvent.class,
            CodeLoadProbeEvent.class, SyscallEvent.class, UserRecordEvent.class, RawRecordEvent.class,
            WriteFaultSummaryEvent.class, DirtyPagesSummaryEvent.class, WriteFaultProbeSummaryEvent.class,
            SyscallPathProbeSummaryEvent.class, CodeLoadProbeSummaryEvent.class, SyscallSummaryEvent.class,
            RecordsLostEvent.class, BufferStatisticsEvent.class, DrainStatisticsEvent.class,
            RecordTypeStatisticsEvent.class);

    private static final Map<RecordType, SummaryKind> SUMMARIES = summaries();

    /** The summary event of one record type. */
    private record SummaryKind(Class<? extends SummaryEvent> eventClass, Supplier<SummaryEvent> factory) {}

    private final DrainPipeline pipeline;
    private final JfrRecordHandler handler;
    private final IntervalSummaries summaries;
    private final IoCounts ioCounts;
    private final List<Runnable> hooks = new ArrayList<>();
    /** Orders the lwp4j.SyscallSummary commits (periodic, chunk end) and guards what they took last. */
    private final Object ioSummaryLock = new Object();
    /** The I/O counts as of the last lwp4j.SyscallSummary commit, and when (ioSummaryLock). */
    private IoTotals summarisedIo = IoTotals.EMPTY;
    private long summarisedIoAtNanos = System.nanoTime();
    /** Records produced as of the last lwp4j.DrainStatistics, -1 before the first. */
    private volatile long producedAtLastChunkEnd = -1;
    private final FlightRecorderListener registration = new FlightRecorderListener() {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            registerWithJfr();
        }
    };
    private boolean registered; // guarded by this
    private boolean closed; // guarded by this

    private JfrPipeline(DrainPipeline pipeline, JfrRecordHandler handler, IntervalSummaries summaries,
            IoCounts ioCounts) {
        this.pipeline = pipeline;
        this.handler = handler;
        this.summaries = summaries;
        this.ioCounts = ioCounts;
    }

    private static Map<RecordType, SummaryKind> summaries() {
        Map<RecordType, SummaryKind> m = new EnumMap<>(RecordType.class);
        m.put(RecordType.WRITE_FAULT, new SummaryKind(WriteFaultSummaryEvent.class, WriteFaultSummaryEvent::new));
        m.put(RecordType.DIRTY_PAGES, new SummaryKind(DirtyPagesSummaryEvent.class, DirtyPagesSummaryEvent::new));
        m.put(RecordType.WRITE_FAULT_PROBE,
                new SummaryKind(WriteFaultProbeSummaryEvent.class, WriteFaultProbeSummaryEvent::new));
        m.put(RecordType.SYSCALL_PROBE,
                new SummaryKind(SyscallPathProbeSummaryEvent.class, SyscallPathProbeSummaryEvent::new));
        m.put(RecordType.CODE_LOAD_PROBE,
                new SummaryKind(CodeLoadProbeSummaryEvent.class, CodeLoadProbeSummaryEvent::new));
        return m;
    }

    /** Starts {@code session}'s drain pipeline with the JFR handler alone. */
    public static JfrPipeline start(SamplingSession session, DrainConfig config) {
        return start(session, config, Map.of());
    }

    /**
     * Starts {@code session}'s drain pipeline with the JFR handler and {@code otherHandlers},
     * summarising the session's I/O counts; the lwp4j events and their periodic hooks are
     * registered with JFR once JFR is initialized (see the class comment).
     *
     * @throws IllegalStateException when the session's drain pipeline already runs
     */
    public static JfrPipeline start(SamplingSession session, DrainConfig config, Map<String, DrainHandler> otherHandlers) {
        IntervalSummaries summaries = new IntervalSummaries();
        JfrRecordHandler handler = new JfrRecordHandler(summaries);
        Map<String, DrainHandler> handlers = new LinkedHashMap<>();
        handlers.put(HANDLER, handler);
        handlers.putAll(otherHandlers);
        JfrPipeline p = new JfrPipeline(session.startDrain(config, handlers), handler, summaries, session.ioCounts());
        if (FlightRecorder.isAvailable()) {
            FlightRecorder.addListener(p.registration);
        } else {
            Warnings.warnOnce("jfr-unavailable", "JFR is not available in this JVM: lwp4j drains for raw pollers "
                    + "and in-process subscribers only");
        }
        return p;
    }

    /**
     * Registers the event classes and adds the periodic hooks, once; JFR's listener calls it,
     * inside JFR's initialization (holding JFR's lock: see {@link #close()}).
     */
    private synchronized void registerWithJfr() {
        if (registered || closed) return;
        for (Class<? extends Event> c : EVENT_CLASSES) {
            FlightRecorder.register(c);
        }
        CallThreshold.watch(EventType.getEventType(SyscallEvent.class));
        addHooks();
        handler.jfrRegistered();
        registered = true;
    }

    private void addHooks() {
        SUMMARIES.forEach((type, kind) -> {
            Runnable hook = () -> commitSummaries(type, kind);
            FlightRecorder.addPeriodicEvent(kind.eventClass(), hook);
            hooks.add(hook);
        });
        Runnable syscallSummaries = this::commitSyscallSummaries;
        FlightRecorder.addPeriodicEvent(SyscallSummaryEvent.class, syscallSummaries);
        hooks.add(syscallSummaries);
        Runnable bufferStatistics = JfrPipeline::commitBufferStatistics;
        FlightRecorder.addPeriodicEvent(BufferStatisticsEvent.class, bufferStatistics);
        hooks.add(bufferStatistics);
        Runnable chunkEnd = this::atChunkEnd;
        FlightRecorder.addPeriodicEvent(DrainStatisticsEvent.class, chunkEnd);
        hooks.add(chunkEnd);
    }

    /** The end-of-chunk hook: see the class comment. Runs in the thread ending the chunk. */
    private void atChunkEnd() {
        boolean flushed = pipeline.flush(pipeline.config().flushTimeout());
        if (!flushed) {
            Warnings.warnOnce("jfr-chunk-flush", "lwp4j could not drain every buffer into the JFR chunk within "
                    + pipeline.config().flushTimeout().toMillis() + " ms: " + pipeline.statistics());
        }
        SUMMARIES.forEach(this::commitSummaries);
        commitSyscallSummaries();
        commitBufferStatistics();
        JfrStatistics s = statistics();
        DrainStatisticsEvent e = new DrainStatisticsEvent();
        e.produced = s.drain().produced();
        e.drained = s.drain().drained();
        e.emitted = s.emitted();
        e.filtered = s.filtered();
        e.lost = s.drain().lost();
        e.pending = s.drain().pending();
        e.inFlight = s.drain().inFlight();
        e.handlerFailures = s.drain().handlerFailures().values().stream().mapToLong(Long::longValue).sum();
        e.flushed = flushed;
        e.commit();
        producedAtLastChunkEnd = e.produced;
        for (RecordType t : RecordType.values()) {
            long drained = s.drain().drained(t);
            if (drained == 0) continue;
            RecordTypeStatisticsEvent te = new RecordTypeStatisticsEvent();
            te.recordType = JfrRecordHandler.recordTypeName(t.code());
            te.drained = drained;
            te.emitted = s.emittedByType().getOrDefault(t, 0L);
            te.filtered = s.filteredByType().getOrDefault(t, 0L);
            te.commit();
        }
    }

    private void commitSummaries(RecordType type, SummaryKind kind) {
        for (IntervalSummaries.Summary s : summaries.takeIntervals(type)) {
            SummaryEvent e = kind.factory().get();
            e.count = s.count();
            e.rate = s.intervalNanos() > 0 ? s.count() * 1e9 / s.intervalNanos() : 0;
            e.p50 = s.p50();
            e.p90 = s.p90();
            e.p99 = s.p99();
            e.p999 = s.p999();
            e.max = s.max();
            e.interval = s.intervalNanos();
            e.setKey(s.key());
            e.commit();
        }
    }

    /**
     * One lwp4j.SyscallSummary per operation and kind with calls since the last commit. While
     * no recording enables the event nothing is taken, so the next recording's first interval
     * starts where the last one ended.
     */
    private void commitSyscallSummaries() {
        if (!new SyscallSummaryEvent().isEnabled()) return;
        synchronized (ioSummaryLock) {
            IoTotals now = ioCounts.collect();
            long nanos = System.nanoTime();
            long interval = nanos - summarisedIoAtNanos;
            for (IoTotals.CallTotals c : now.minus(summarisedIo).pairs()) {
                commitSyscallSummary(c, interval);
            }
            summarisedIo = now;
            summarisedIoAtNanos = nanos;
        }
    }

    private static void commitSyscallSummary(IoTotals.CallTotals c, long interval) {
        SyscallSummaryEvent e = new SyscallSummaryEvent();
        e.operation = c.operationName();
        e.kind = c.kindName();
        e.calls = c.calls();
        e.bytes = c.bytes();
        e.errors = c.errors();
        e.callTime = c.workNanos();
        e.waitTime = c.waitNanos();
        e.waits = c.waits();
        e.p50 = Math.round(c.workTimes().percentileNanos(50));
        e.p90 = Math.round(c.workTimes().percentileNanos(90));
        e.p99 = Math.round(c.workTimes().percentileNanos(99));
        e.p999 = Math.round(c.workTimes().percentileNanos(99.9));
        e.max = Math.round(c.workTimes().maxNanos());
        e.waitP50 = Math.round(c.waitTimes().percentileNanos(50));
        e.waitP99 = Math.round(c.waitTimes().percentileNanos(99));
        e.waitMax = Math.round(c.waitTimes().maxNanos());
        e.interval = interval;
        e.histogram = IoHistogramText.encode(c.workTimes(), c.waitTimes());
        e.commit();
    }

    /**
     * The I/O counts as of the last lwp4j.SyscallSummary commit: what the running recordings
     * hold of them (all of it when a recording ran from the start).
     */
    public IoTotals summarisedIo() {
        synchronized (ioSummaryLock) {
            return summarisedIo;
        }
    }

    /** {@code produced} of the last lwp4j.DrainStatistics committed (the last chunk's end), -1 before the first. */
    public long producedAtLastChunkEnd() {
        return producedAtLastChunkEnd;
    }

    private static void commitBufferStatistics() {
        BufferStatistics s = BufferStatistics.read();
        BufferStatisticsEvent e = new BufferStatisticsEvent();
        e.buffersLive = s.buffersLive();
        e.buffersCreated = s.buffersCreated();
        e.lockedMemory = s.lockedBytes();
        e.lockBudget = s.lockBudget();
        e.lockBudgetUsed = s.lockBudget() == 0 ? 0 : (double) s.lockedBytes() / s.lockBudget();
        e.unlockedByRlimit = s.unlockedByRlimit();
        e.unlockedByBudget = s.unlockedByBudget();
        e.commit();
    }

    /** True once the events are registered with JFR (see the class comment). */
    public synchronized boolean isRegisteredWithJfr() {
        return registered;
    }

    public DrainPipeline pipeline() {
        return pipeline;
    }

    /** The drain statistics with what became of the drained records in JFR. */
    public JfrStatistics statistics() {
        DrainStatistics drain = pipeline.statistics();
        Map<RecordType, Long> emitted = new EnumMap<>(RecordType.class);
        Map<RecordType, Long> filtered = new EnumMap<>(RecordType.class);
        long emittedTotal = handler.emitted(0);
        long filteredTotal = handler.filtered(0);
        for (RecordType t : RecordType.values()) {
            long e = handler.emitted(t.code());
            long f = handler.filtered(t.code());
            if (e != 0) emitted.put(t, e);
            if (f != 0) filtered.put(t, f);
            emittedTotal += e;
            filteredTotal += f;
        }
        return new JfrStatistics(drain, emittedTotal, filteredTotal, Map.copyOf(emitted), Map.copyOf(filtered),
                handler.lostNoticesCommitted());
    }

    /** Removes the periodic hooks and closes the drain pipeline (draining what is left). */
    @Override
    public void close() {
        // JFR's locks are taken outside this object's: JFR calls registerWithJfr holding its own
        // (PlatformRecorder.class), which removeListener takes too.
        List<Runnable> added;
        synchronized (this) {
            closed = true;
            added = new ArrayList<>(hooks);
            hooks.clear();
        }
        FlightRecorder.removeListener(registration);
        for (Runnable hook : added) {
            FlightRecorder.removePeriodicEvent(hook);
        }
        pipeline.close();
    }
}
