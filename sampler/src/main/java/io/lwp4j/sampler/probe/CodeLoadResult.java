package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.MemorySegment;

/**
 * {@code iterations} code loads of a {@code pages}-page region with one strategy.
 *
 * @param errno 0, or the errno of the step the kernel refused (EFAULT: the called code did not
 *     return what was written); the timing is then all zero
 * @param run the probe run this belongs to, from 1 since the probe's start
 * @param tid the probe thread
 * @param time when the first iteration started: TSC cycles, or CLOCK_MONOTONIC ns when {@link
 *     #timeIsNanos()}
 * @param flags the record's {@code LWP4J_REC_*} flags
 * @param timing per iteration
 */
public record CodeLoadResult(
        CodeLoadStrategy strategy,
        int pages,
        int iterations,
        int errno,
        long run,
        int tid,
        long time,
        int flags,
        Timing timing) {

    /** Decodes a {@code LWP4J_REC_CODE_LOAD_PROBE} record, e.g. one a raw poller handed over. */
    public static CodeLoadResult of(RecordView r) {
        return read(ProbeRecord.copyOf(r, RecordType.CODE_LOAD_PROBE), 0);
    }

    static CodeLoadResult read(MemorySegment rec, long base) {
        return new CodeLoadResult(
                CodeLoadStrategy.of(ProbeRecord.u16(rec, base, CODE_LOAD_STRATEGY)),
                ProbeRecord.u16(rec, base, CODE_LOAD_PAGES),
                ProbeRecord.u16(rec, base, CODE_LOAD_ITERATIONS),
                ProbeRecord.u16(rec, base, CODE_LOAD_ERROR),
                ProbeRecord.u64(rec, base, CODE_LOAD_RUN),
                ProbeRecord.tid(rec, base),
                ProbeRecord.time(rec, base),
                ProbeRecord.flags(rec, base),
                ProbeRecord.timing(rec, base, CODE_LOAD_TIMING));
    }

    /** False when the kernel refused a step of this strategy (see {@link #errno()}). */
    public boolean succeeded() {
        return errno == 0;
    }

    public boolean timeIsNanos() {
        return (flags & RecordLayout.FLAG_TIME_NS) != 0;
    }
}
