package io.lwp4j.sampler.drain;

/**
 * A consumer of the drain pipeline. Each handler runs on its own thread (a Disruptor batch
 * event processor) and sees every drained record and every lost notice, in the order the
 * drainer published them; records of one buffer stay in buffer order.
 *
 * <p>The objects passed are preallocated slots, valid only during the call. A handler that
 * throws is isolated: the exception is counted and reported once, the pipeline goes on.
 */
public interface DrainHandler {

    /**
     * Asked before each batch: a handler with nothing to do (say, no subscribers) returns
     * false and the batch passes by without a callback.
     */
    default boolean isActive() {
        return true;
    }

    /** Before a batch of {@code size} callbacks (one Disruptor batch). */
    default void onBatchStart(long size) {}

    void onRecord(DrainedRecord record) throws Exception;

    /** A buffer's producer dropped records: see {@link RecordsLost}. */
    default void onRecordsLost(RecordsLost notice) throws Exception {}

    /** After the last callback of a batch. */
    default void onBatchEnd() throws Exception {}
}
