package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;

import io.lwp4j.sampler.RecordWords;

/**
 * {@code LWP4J_REC_WRITE_FAULT_PROBE}: one canary fault on the canary's private page, timed on
 * both sides as in seed 000 ({@code struct lwp4j_write_fault_probe_payload}, offsets from
 * {@link io.lwp4j.sampler.layout.WriteTrackingLayout}): write, message received, page resolved
 * (the writer is woken), write completed. The record's tid is the canary writer, its time
 * when the write began.
 */
public final class WriteFaultProbe extends DecodedRecord {
    WriteFaultProbe() {}

    /**
     * A copy of one canary fault, durations as written: TSC cycles (ns per the record flags).
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
    public record Value(int tid, long started, long receiveCycles, long resolveCycles, long completeCycles,
                        long totalCycles, int writerCpu, int handlerCpu, int sequence, int flags) {}

    /** A copy of this record. */
    public Value toValue() {
        return new Value(tid(), raw.time(), recordField(PROBE_RECEIVE_CYCLES, 8), recordField(PROBE_RESOLVE_CYCLES, 8),
                recordField(PROBE_COMPLETE_CYCLES, 8), recordField(PROBE_TOTAL_CYCLES, 8), writerCpu(), handlerCpu(),
                (int) sequence(), (int) recordField(PROBE_FLAGS, 4));
    }

    /** A copy of a record read in place; throws IllegalArgumentException for another type. */
    public static Value valueOf(RecordWords record) {
        return new Decoder().decodeAs(record, WriteFaultProbe.class).toValue();
    }

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
