package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.MemorySegment;

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
    public static SyscallResult of(RecordView r) {
        return read(ProbeRecord.copyOf(r, RecordType.SYSCALL_PROBE), 0);
    }

    static SyscallResult read(MemorySegment rec, long base) {
        return new SyscallResult(
                SyscallCall.of(ProbeRecord.u16(rec, base, SYSCALL_CALL)),
                (int) ProbeRecord.u32(rec, base, SYSCALL_BURST),
                ProbeRecord.u64(rec, base, SYSCALL_RUN),
                ProbeRecord.tid(rec, base),
                ProbeRecord.time(rec, base),
                ProbeRecord.flags(rec, base),
                ProbeRecord.timing(rec, base, SYSCALL_TIMING));
    }

    public boolean timeIsNanos() {
        return (flags & RecordLayout.FLAG_TIME_NS) != 0;
    }
}
