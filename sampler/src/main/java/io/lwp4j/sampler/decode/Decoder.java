package io.lwp4j.sampler.decode;

import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;

/**
 * Turns {@link DrainedRecord}s into {@link DecodedRecord}s without allocating: it holds one
 * flyweight per record type and re-points it. Not thread-safe: one decoder per thread.
 */
public final class Decoder {
    private final UserRecord user = new UserRecord();
    private final UndecodedRecord undecoded = new UndecodedRecord();

    /** The record seen through its type; valid until the next call. */
    public DecodedRecord decode(DrainedRecord record) {
        RecordType type = record.type();
        if (type == null) return undecoded.wrap(record);
        return switch (type) {
            case USER -> user.wrap(record);
            default -> undecoded.wrap(record);
        };
    }
}
