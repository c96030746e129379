package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.decode.DecodedRecord;

/**
 * An application's in-process receiver of decoded records, no JFR involved
 * ({@link DrainPipeline#subscribe}). Called on the pipeline's subscriber thread, one record
 * at a time; the record is a flyweight valid only during the call. Keep it quick: a slow
 * subscriber holds the ring for everyone. One that throws is isolated: its failures are
 * counted on its {@link Subscription} and it keeps receiving records.
 */
@FunctionalInterface
public interface RecordSubscriber {
    void onRecord(DecodedRecord record) throws Exception;

    /** A buffer's producer dropped records (see {@link RecordsLost}). */
    default void onRecordsLost(RecordsLost notice) throws Exception {}
}
