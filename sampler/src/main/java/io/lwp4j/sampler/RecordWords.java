package io.lwp4j.sampler;

import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;

/**
 * One record's words as its producer wrote them: read in place ({@link RecordView}, a raw
 * poller's) or copied out by the drainer ({@link io.lwp4j.sampler.drain.DrainedRecord}). The
 * decoders of {@link io.lwp4j.sampler.decode} read records only through this.
 */
public interface RecordWords {
    /** {@code LWP4J_REC_*} as written. */
    int typeCode();

    /** {@code LWP4J_REC_TIME_NS}, {@code LWP4J_REC_TSC_UNSTABLE}, ... as written. */
    int flags();

    /** Thread (gettid) the record is about. */
    int tid();

    /** Time as written: TSC cycles, or CLOCK_MONOTONIC ns when {@link #flags()} says so. */
    long time();

    /** Payload word {@code i} (0..5) as written. */
    long word(int i);

    /** TSC frequency the record's cycle counts run at; 0 when they are nanoseconds. */
    long tscHz();

    /** The record type, or null for a type code this build does not know. */
    default RecordType type() {
        return RecordType.of(typeCode());
    }

    /**
     * A duration field of this record in nanoseconds: TSC cycles converted with the
     * calibrated frequency, or the value itself when the record says the TSC was unusable
     * ({@code LWP4J_REC_TSC_UNSTABLE}: cycle fields hold nanoseconds).
     */
    default long nanos(long cycles) {
        long hz = tscHz();
        if ((flags() & RecordLayout.FLAG_TSC_UNSTABLE) != 0 || hz == 0) return cycles;
        return (long) (cycles * (1e9 / hz));
    }
}
