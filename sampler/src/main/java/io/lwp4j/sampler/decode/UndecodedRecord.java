package io.lwp4j.sampler.decode;

/**
 * A record whose payload this build does not decode: a type code it does not know, or a
 * type whose payload layout {@code lwp4j.h} does not define yet. Only the raw words are
 * available ({@link #raw()}).
 */
public final class UndecodedRecord extends DecodedRecord {
    UndecodedRecord() {}

    public int typeCode() {
        return raw.typeCode();
    }
}
