package io.lwp4j.sampler.probe;

import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.decode.Decoder;
import io.lwp4j.sampler.decode.SyscallPathProbe;
import io.lwp4j.sampler.layout.RecordLayout;

/**
 * One burst of the entry/exit canary: {@code burst} calls of {@code call}, each timed.
 *
 * @param run the probe run this burst belongs to, from 1 since the probe's start
 * @param tid the probe thread
 * @param time when the burst started: TSC cycles, or CLOCK_MONOTONIC ns when {@link
 *     #timeIsNanos()}
 * @param flags the record's {@code LWP4J_REC_*} flags
 * @param timing per call
 */
public record SyscallResult(SyscallCall call, int burst, long run, int tid, long time, int flags, Timing timing) {

    /** Decodes a {@code LWP4J_REC_SYSCALL_PROBE} record, e.g. one a raw poller handed over. */
    public static SyscallResult of(RecordWords r) {
        return of(new Decoder().decodeAs(r, SyscallPathProbe.class));
    }

    /** A copy of the decoded record. */
    public static SyscallResult of(SyscallPathProbe p) {
        RecordWords r = p.raw();
        return new SyscallResult(SyscallCall.of(p.call()), (int) p.burst(), p.run(), r.tid(), r.time(), r.flags(),
                Timing.of(p));
    }

    public boolean timeIsNanos() {
        return (flags & RecordLayout.FLAG_TIME_NS) != 0;
    }
}
