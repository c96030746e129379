package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.drain.RecordsLost.BufferKind;
import io.lwp4j.sampler.layout.RecordType;
import java.util.Map;

/**
 * Counts of the drain pipeline since it started, as of the drainer's last pass.
 *
 * <p>Conservation: every record a producer tried to append to a buffer the drainer reads is
 * {@code produced}; it is either {@code drained} (copied into the pipeline), {@code lost}
 * (dropped by the producer because the buffer was full, counted by the buffer) or still
 * {@code pending} in its buffer: {@code produced == drained + lost + pending}. After a flush
 * with the producers idle, pending is 0 and every drained record has reached every handler
 * ({@code inFlight == 0}).
 *
 * <p>Per record type only drained counts exist: a dropped record is never stored, so its
 * type is unknown; losses are counted per kind of buffer instead.
 *
 * @param produced records appended or dropped since the drainer began reading their buffers
 * @param drained records copied into the pipeline
 * @param lost records dropped by producers (buffer full)
 * @param pending records published but not yet drained
 * @param inFlight pipeline events (records and lost notices) published to the ring that not
 *     every handler has finished with
 * @param drainedByType drained records per known type
 * @param drainedUnknownType drained records with a type code this build does not know
 * @param lostByBufferKind lost records per kind of buffer
 * @param handlerFailures calls that threw, per handler name ("subscribers" for the
 *     subscriber dispatch as a whole; per-subscriber counts are on each {@link Subscription})
 * @param passes drainer passes over the buffers
 * @param buffersRead buffers the drainer reads now
 */
public record DrainStatistics(
        long produced,
        long drained,
        long lost,
        long pending,
        long inFlight,
        Map<RecordType, Long> drainedByType,
        long drainedUnknownType,
        Map<BufferKind, Long> lostByBufferKind,
        Map<String, Long> handlerFailures,
        long passes,
        long buffersRead) {

    /** Before any drain pipeline has run: nothing produced, drained or lost. */
    public static final DrainStatistics NONE =
            new DrainStatistics(0, 0, 0, 0, 0, Map.of(), 0, Map.of(), Map.of(), 0, 0);

    public long drained(RecordType type) {
        return drainedByType.getOrDefault(type, 0L);
    }

    /** produced == drained + lost + pending, exactly. */
    public boolean isConserved() {
        return produced == drained + lost + pending;
    }
}
