package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.RingBuffer;

/**
 * What every record and lost-records notice drained from one buffer carries about it: read from
 * the buffer once, when the drainer starts reading it, and shared by reference (a drained slot
 * holds it, nothing is copied per record).
 *
 * @param bufferFlags the buffer's {@code LWP4J_BUF_*} flags
 * @param tscHz the buffer's TSC frequency, 0 when its records carry nanoseconds
 * @param nanosPerCycle 1e9 / tscHz (1.0 without a TSC), for the record clock's conversion
 */
record BufferSource(long bufferId, int ownerTid, Thread owner, int bufferFlags, long tscHz, double nanosPerCycle) {
    static BufferSource of(RingBuffer buffer) {
        long tscHz = buffer.tscHz();
        return new BufferSource(buffer.bufferId(), buffer.ownerTid(), buffer.owner(), buffer.flags(), tscHz,
                tscHz == 0 ? 1.0 : 1e9 / tscHz);
    }
}
