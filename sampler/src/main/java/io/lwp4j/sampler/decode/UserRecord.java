package io.lwp4j.sampler.decode;

/**
 * {@code LWP4J_REC_USER}: written by an application thread about itself, free-form; word 0
 * is conventionally a sequence number ({@code struct lwp4j_user_payload}).
 */
public final class UserRecord extends DecodedRecord {
    UserRecord() {}

    /** Payload word 0: by convention a sequence number. */
    public long sequence() {
        return raw.word(0);
    }

    /** Payload word {@code i} (0..5). */
    public long word(int i) {
        return raw.word(i);
    }
}
