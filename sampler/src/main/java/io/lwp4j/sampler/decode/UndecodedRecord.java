package io.lwp4j.sampler.decode;

/**
 * A record with a type code this build does not know (written by a newer producer): only
 * the raw words are available ({@link #raw()}).
 */
public final class UndecodedRecord extends DecodedRecord {
    UndecodedRecord() {}

    public int typeCode() {
        return raw.typeCode();
    }
}
