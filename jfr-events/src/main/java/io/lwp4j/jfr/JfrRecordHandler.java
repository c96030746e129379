package io.lwp4j.jfr;

import io.lwp4j.jfr.events.CodeLoadProbeEvent;
import io.lwp4j.jfr.events.DirtyPagesEvent;
import io.lwp4j.jfr.events.RawRecordEvent;
import io.lwp4j.jfr.events.RecordEvent;
import io.lwp4j.jfr.events.RecordsLostEvent;
import io.lwp4j.jfr.events.SyscallPathProbeEvent;
import io.lwp4j.jfr.events.TimedProbeEvent;
import io.lwp4j.jfr.events.UserRecordEvent;
import io.lwp4j.jfr.events.WriteFaultEvent;
import io.lwp4j.jfr.events.WriteFaultProbeEvent;
import io.lwp4j.sampler.decode.CodeLoadTiming;
import io.lwp4j.sampler.decode.DecodedRecord;
import io.lwp4j.sampler.decode.Decoder;
import io.lwp4j.sampler.decode.DirtyPages;
import io.lwp4j.sampler.decode.Syscall;
import io.lwp4j.sampler.decode.SyscallPathProbe;
import io.lwp4j.sampler.decode.TimedProbe;
import io.lwp4j.sampler.decode.UndecodedRecord;
import io.lwp4j.sampler.decode.UserRecord;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.drain.IntervalSummaries;
import io.lwp4j.sampler.drain.RecordsLost;
import io.lwp4j.sampler.layout.RecordType;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The drain handler that turns records into JFR events: per record, the abstracted event of
 * its type and the raw event (each only when enabled in a running recording), the value for
 * its type's interval summary, and a {@code lwp4j.RecordsLost} event per lost notice.
 *
 * <p>One instance of each event class is reused for every commit: these events never call
 * {@code begin()}, so each commit takes its start time afresh (JFR stores the start time in
 * the object only for {@code begin()} and throttled events, and lwp4j's are not throttled).
 * Nothing is allocated per record. Runs on its pipeline thread only; its counts are published
 * with release stores at the end of every batch.
 */
final class JfrRecordHandler implements DrainHandler {
    private static final int TYPES = RecordType.MAX_CODE + 1; // index 0: unknown type codes

    private final Decoder decoder = new Decoder();
    private final IntervalSummaries summaries;
    /**
     * Set (volatile) by {@link JfrPipeline} once the event classes are registered with JFR. Until
     * then no event object exists: making one would register its class, and with it start JFR's
     * metadata, which a JVM that never records should not pay for.
     */
    private volatile boolean jfrRegistered;
    /** The event objects, made on this handler's thread once {@link #jfrRegistered}. */
    private boolean eventsMade;
    private WriteFaultEvent writeFault;
    private DirtyPagesEvent dirtyPages;
    private WriteFaultProbeEvent writeFaultProbe;
    private SyscallPathProbeEvent syscallPathProbe;
    private CodeLoadProbeEvent codeLoadProbe;
    private UserRecordEvent user;
    private RawRecordEvent raw;
    private RecordsLostEvent recordsLost;

    private final long[] emitted = new long[TYPES];
    private final long[] filtered = new long[TYPES];
    private long lostNotices;
    /** emitted[0..TYPES), filtered[TYPES..2*TYPES), lost notices committed at 2*TYPES. */
    final AtomicLongArray published = new AtomicLongArray(2 * TYPES + 1);
    private long batchNanoTime;

    JfrRecordHandler(IntervalSummaries summaries) {
        this.summaries = summaries;
    }

    @Override
    public void onBatchStart(long size) {
        batchNanoTime = System.nanoTime();
        summaries.beginBatch();
    }

    /** The event classes are registered: from the next record on, records become events. */
    void jfrRegistered() {
        jfrRegistered = true;
    }

    /** True once the event objects exist; makes them at the first call after registration. */
    private boolean eventsReady() {
        if (eventsMade) return true;
        if (!jfrRegistered) return false;
        writeFault = new WriteFaultEvent();
        dirtyPages = new DirtyPagesEvent();
        writeFaultProbe = new WriteFaultProbeEvent();
        syscallPathProbe = new SyscallPathProbeEvent();
        codeLoadProbe = new CodeLoadProbeEvent();
        user = new UserRecordEvent();
        raw = new RawRecordEvent();
        recordsLost = new RecordsLostEvent();
        eventsMade = true;
        return true;
    }

    @Override
    public void onRecord(DrainedRecord r) {
        DecodedRecord d = decoder.decode(r);
        summaries.record(d);
        boolean committed = eventsReady() && commit(r, d);
        int type = r.typeCode() > 0 && r.typeCode() <= RecordType.MAX_CODE ? r.typeCode() : 0;
        if (committed) emitted[type]++;
        else filtered[type]++;
    }

    /** The record's raw event and the abstracted event of its type, each when enabled. */
    private boolean commit(DrainedRecord r, DecodedRecord d) {
        boolean committed = commitRaw(r);
        committed |= switch (d) {
            case WriteFault f -> commit(f);
            case DirtyPages p -> commit(p);
            case WriteFaultProbe p -> commit(p);
            case SyscallPathProbe p -> commit(p);
            case CodeLoadTiming p -> commit(p);
            case Syscall s -> false;   // lwp4j.Syscall is committed by the calling thread (the agent)
            case UserRecord u -> commit(u);
            case UndecodedRecord u -> false;
        };
        return committed;
    }

    @Override
    public void onRecordsLost(RecordsLost notice) {
        if (!eventsReady() || !recordsLost.isEnabled()) return;
        recordsLost.lost = notice.lost();
        recordsLost.lostTotal = notice.lostTotal();
        recordsLost.bufferId = notice.bufferId();
        recordsLost.bufferKind = bufferKindName(notice.bufferKind());
        recordsLost.owner = notice.owner();
        recordsLost.ownerOsThreadId = notice.ownerTid();
        recordsLost.commit();
        lostNotices++;
    }

    @Override
    public void onBatchEnd() {
        summaries.endBatch();
        for (int i = 0; i < TYPES; i++) {
            published.setRelease(i, emitted[i]);
            published.setRelease(TYPES + i, filtered[i]);
        }
        published.setRelease(2 * TYPES, lostNotices);
    }

    long emitted(int typeIndex) {
        return published.getAcquire(typeIndex);
    }

    long filtered(int typeIndex) {
        return published.getAcquire(TYPES + typeIndex);
    }

    long lostNoticesCommitted() {
        return published.getAcquire(2 * TYPES);
    }

    static String bufferKindName(RecordsLost.BufferKind kind) {
        return switch (kind) {
            case THREAD -> "thread";
            case NATIVE_SAMPLER -> "native-sampler";
            case ORPHAN -> "orphan";
        };
    }

    static String recordTypeName(int typeIndex) {
        RecordType t = RecordType.of(typeIndex);
        return t == null ? "unknown" : t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void common(RecordEvent e, DecodedRecord d) {
        e.thread = d.thread();
        e.osThreadId = d.tid();
        e.drainDelay = batchNanoTime - d.timeNanos();
    }

    private boolean commitRaw(DrainedRecord r) {
        if (!raw.isEnabled()) return false;
        raw.recordType = r.typeCode();
        raw.recordFlags = r.flags();
        raw.osThreadId = r.tid();
        raw.time = r.time();
        raw.tscFrequency = r.tscHz();
        raw.drainDelay = batchNanoTime - r.timeNanos();
        raw.bufferId = r.bufferId();
        raw.position = r.position();
        raw.word0 = r.word(0);
        raw.word1 = r.word(1);
        raw.word2 = r.word(2);
        raw.word3 = r.word(3);
        raw.word4 = r.word(4);
        raw.word5 = r.word(5);
        raw.commit();
        return true;
    }

    private boolean commit(WriteFault f) {
        WriteFaultEvent e = writeFault;
        if (!e.isEnabled()) return false;
        common(e, f);
        e.address = f.address();
        e.rangeId = f.rangeId();
        e.epoch = f.epoch();
        e.handleTime = f.handleNanos();
        e.handlerIdleTime = f.handlerIdleNanos();
        e.handlerOsThreadId = f.handlerTid();
        e.handlerWoken = f.handlerWasWoken();
        e.repeat = f.isRepeat();
        e.orphan = f.isOrphan();
        e.commit();
        return true;
    }

    private boolean commit(DirtyPages p) {
        DirtyPagesEvent e = dirtyPages;
        if (!e.isEnabled()) return false;
        common(e, p);
        e.rangeId = p.rangeId();
        e.epoch = p.epoch();
        e.start = p.start();
        e.pages = p.pages();
        e.pagesWritten = p.pagesWritten();
        e.writtenFraction = p.pages() == 0 ? 0 : (double) p.pagesWritten() / p.pages();
        e.scanTime = p.scanNanos();
        e.commit();
        return true;
    }

    private boolean commit(WriteFaultProbe p) {
        WriteFaultProbeEvent e = writeFaultProbe;
        if (!e.isEnabled()) return false;
        common(e, p);
        e.receiveTime = p.receiveNanos();
        e.resolveTime = p.resolveNanos();
        e.completeTime = p.completeNanos();
        e.totalTime = p.totalNanos();
        e.writerCpu = p.writerCpu();
        e.handlerCpu = p.handlerCpu();
        e.sequence = p.sequence();
        e.handlerWoken = p.handlerWasWoken();
        e.commit();
        return true;
    }

    private void timing(TimedProbeEvent e, TimedProbe p) {
        common(e, p);
        e.run = p.run();
        e.min = p.minNanos();
        e.median = p.medianNanos();
        e.max = p.maxNanos();
        e.mean = p.meanNanos();
        e.medianCycles = p.medianCycles();
        e.overheadCycles = p.overheadCycles();
        e.tscFrequency = p.raw().tscHz();
    }

    private boolean commit(SyscallPathProbe p) {
        SyscallPathProbeEvent e = syscallPathProbe;
        if (!e.isEnabled()) return false;
        timing(e, p);
        e.call = p.callName();
        e.burst = p.burst();
        e.commit();
        return true;
    }

    private boolean commit(CodeLoadTiming p) {
        CodeLoadProbeEvent e = codeLoadProbe;
        if (!e.isEnabled()) return false;
        timing(e, p);
        e.strategy = p.strategyName();
        e.error = p.error();
        e.pages = p.pages();
        e.iterations = p.iterations();
        e.commit();
        return true;
    }

    private boolean commit(UserRecord u) {
        UserRecordEvent e = user;
        if (!e.isEnabled()) return false;
        common(e, u);
        e.sequence = u.sequence();
        e.value1 = u.word(1);
        e.value2 = u.word(2);
        e.value3 = u.word(3);
        e.value4 = u.word(4);
        e.value5 = u.word(5);
        e.commit();
        return true;
    }
}
