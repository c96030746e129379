package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_WRITE_FAULT_PROBE}: one canary fault on the canary's private page, timed on
 * both sides as in seed 000 ({@code struct lwp4j_write_fault_probe_payload}): write, message
 * received, page resolved (the writer is woken), write completed. The record's tid is the
 * canary writer, its time when the write began.
 */
public final class WriteFaultProbe extends DecodedRecord {
    WriteFaultProbe() {}

    /** Write to the handler reading the fault message. */
    public long receiveNanos() {
        return raw.nanos(raw.word(0));
    }

    /** Message to UFFDIO_WRITEPROTECT returned. */
    public long resolveNanos() {
        return raw.nanos(raw.word(1));
    }

    /** ioctl returned to the write completed. */
    public long completeNanos() {
        return raw.nanos(raw.word(2));
    }

    /** Write began to write completed. */
    public long totalNanos() {
        return raw.nanos(raw.word(3));
    }

    /** CPU of the writer at the fault (sched_getcpu). */
    public int writerCpu() {
        return (int) raw.word(4);
    }

    /** CPU of the handler when it received the message. */
    public int handlerCpu() {
        return (int) (raw.word(4) >>> 32);
    }

    /** Probe number since the canary started. */
    public long sequence() {
        return raw.word(5) & 0xffff_ffffL;
    }

    /** The handler was asleep and had to be woken ({@code LWP4J_WF_WOKEN}). */
    public boolean handlerWasWoken() {
        return ((raw.word(5) >>> 32) & WriteFault.WOKEN) != 0;
    }

    /** The whole fault as the writer felt it. */
    @Override
    public long summaryNanos() {
        return totalNanos();
    }
}
