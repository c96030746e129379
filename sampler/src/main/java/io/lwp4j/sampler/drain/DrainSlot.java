package io.lwp4j.sampler.drain;

/**
 * One preallocated event of the pipeline's Disruptor ring: either a drained record or a
 * lost-records notice. The drainer fills it between {@code next} and {@code publish}.
 */
final class DrainSlot {
    final DrainedRecord record = new DrainedRecord();
    final RecordsLost recordsLost = new RecordsLost();
    /** True when this slot carries {@link #recordsLost}, false for {@link #record}. */
    boolean isLostNotice;
}
