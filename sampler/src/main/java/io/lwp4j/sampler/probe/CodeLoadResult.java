package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.decode.CodeLoadTiming;
import io.lwp4j.sampler.decode.Decoder;
import io.lwp4j.sampler.layout.RecordLayout;

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
    public static CodeLoadResult of(RecordWords r) {
        return of(new Decoder().decodeAs(r, CodeLoadTiming.class));
    }

    /** A copy of the decoded record. */
    public static CodeLoadResult of(CodeLoadTiming p) {
        RecordWords r = p.raw();
        return new CodeLoadResult(CodeLoadStrategy.of(p.strategy()), p.pages(), p.iterations(), p.error(), p.run(),
                r.tid(), r.time(), r.flags(), Timing.of(p));
    }

    /** False when the kernel refused a step of this strategy (see {@link #errno()}). */
    public boolean succeeded() {
        return errno == 0;
    }

    public boolean timeIsNanos() {
        return (flags & RecordLayout.FLAG_TIME_NS) != 0;
    }
}
