package io.lwp4j.agent;

import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RingBuffer;

/** Receives every record the drainer reads, on the drainer's thread. */
interface RecordSink {
    /** One record of {@code source}; the view is valid only during the call. */
    void accept(RingBuffer source, RecordView record);

    /** The drain is over (JVM exit): report, flush, close. */
    void finish(DrainTotals totals);
}
