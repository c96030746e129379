package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

/**
 * {@code LWP4J_REC_WRITE_FAULT_PROBE}: one canary fault on the canary's private page, timed on
 * both sides as in seed 000 ({@code struct lwp4j_write_fault_probe_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}): write, message received, page resolved
 * (the writer is woken), write completed. The record's tid is the canary writer, its time
 * when the write began.
 */
public final class WriteFaultProbe extends DecodedRecord {
    WriteFaultProbe() {}

    /** Write to the handler reading the fault message. */
    public long receiveNanos() {
        return raw.nanos(recordField(PROBE_RECEIVE_CYCLES, 8));
    }

    /** Message to UFFDIO_WRITEPROTECT returned. */
    public long resolveNanos() {
        return raw.nanos(recordField(PROBE_RESOLVE_CYCLES, 8));
    }

    /** ioctl returned to the write completed. */
    public long completeNanos() {
        return raw.nanos(recordField(PROBE_COMPLETE_CYCLES, 8));
    }

    /** Write began to write completed. */
    public long totalNanos() {
        return raw.nanos(recordField(PROBE_TOTAL_CYCLES, 8));
    }

    /** CPU of the writer at the fault (sched_getcpu). */
    public int writerCpu() {
        return (int) recordField(PROBE_WRITER_CPU, 4);
    }

    /** CPU of the handler when it received the message. */
    public int handlerCpu() {
        return (int) recordField(PROBE_HANDLER_CPU, 4);
    }

    /** Probe number since the canary started. */
    public long sequence() {
        return recordField(PROBE_SEQUENCE, 4);
    }

    /** The handler was asleep and had to be woken ({@code LWP4J_WF_WOKEN}). */
    public boolean handlerWasWoken() {
        return (recordField(PROBE_FLAGS, 4) & WF_WOKEN) != 0;
    }

    /** The whole fault as the writer felt it. */
    @Override
    public long summaryNanos() {
        return totalNanos();
    }
}
