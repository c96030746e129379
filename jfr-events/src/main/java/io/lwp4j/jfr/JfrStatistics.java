package io.lwp4j.jfr;

import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.layout.RecordType;
import java.util.Map;

/**
 * What became of the drained records in JFR, with the drain pipeline's own counts.
 *
 * <p>Conservation: {@code drain.produced() == emitted + filtered + drain.lost() +
 * drain.pending() + drain.inFlight()} once the JFR handler has caught up (after a flush,
 * with producers idle, pending and in flight are 0).
 *
 * @param drain the pipeline's counts
 * @param emitted records committed as at least one JFR event (abstracted or raw)
 * @param filtered records no enabled event took (disabled, no recording, under threshold):
 *     counted in the summaries only
 * @param emittedByType emitted per known record type
 * @param filteredByType filtered per known record type
 * @param lostNoticesCommitted {@code lwp4j.RecordsLost} events committed
 */
public record JfrStatistics(
        DrainStatistics drain,
        long emitted,
        long filtered,
        Map<RecordType, Long> emittedByType,
        Map<RecordType, Long> filteredByType,
        long lostNoticesCommitted) {}
