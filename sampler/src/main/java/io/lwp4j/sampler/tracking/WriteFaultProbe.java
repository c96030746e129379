package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.layout.RecordType;

/**
 * A {@link RecordType#WRITE_FAULT_PROBE} record: one canary fault timed on both sides, the
 * steps of seed 000's table. Durations in TSC cycles (ns per the record flags).
 *
 * @param tid the canary writer thread
 * @param started when its write began
 * @param receiveCycles write to message received by the handler
 * @param resolveCycles message to UFFDIO_WRITEPROTECT returned (the writer is woken inside)
 * @param completeCycles ioctl returned to write completed (0 when the writer finished first)
 * @param totalCycles write began to write completed
 * @param writerCpu CPU of the writer at the write
 * @param handlerCpu CPU of the handler when it received the message
 * @param sequence probe number since the canary started
 * @param flags {@code WF_WOKEN} when the handler had to be woken
 */
public record WriteFaultProbe(int tid, long started, long receiveCycles, long resolveCycles, long completeCycles,
                              long totalCycles, int writerCpu, int handlerCpu, int sequence, int flags) {
    public static WriteFaultProbe of(RecordView r) {
        Payload.check(r, RecordType.WRITE_FAULT_PROBE);
        return new WriteFaultProbe(r.tid(), r.time(), Payload.u64(r, PROBE_RECEIVE_CYCLES),
                Payload.u64(r, PROBE_RESOLVE_CYCLES), Payload.u64(r, PROBE_COMPLETE_CYCLES),
                Payload.u64(r, PROBE_TOTAL_CYCLES), Payload.i32(r, PROBE_WRITER_CPU),
                Payload.i32(r, PROBE_HANDLER_CPU), Payload.i32(r, PROBE_SEQUENCE), Payload.i32(r, PROBE_FLAGS));
    }
}
