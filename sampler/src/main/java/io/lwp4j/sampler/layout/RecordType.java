package io.lwp4j.sampler.layout;

import static io.lwp4j.sampler.layout.RecordLayout.*;

/** The record types of {@code lwp4j.h} ({@code LWP4J_REC_*}). */
public enum RecordType {
    USER(TYPE_USER),
    WRITE_FAULT(TYPE_WRITE_FAULT),
    DIRTY_PAGES(TYPE_DIRTY_PAGES),
    WRITE_FAULT_PROBE(TYPE_WRITE_FAULT_PROBE),
    SYSCALL_PROBE(TYPE_SYSCALL_PROBE),
    CODE_LOAD_PROBE(TYPE_CODE_LOAD_PROBE),
    SYSCALL(TYPE_SYSCALL);

    public static final int MAX_CODE = TYPE_MAX;
    private static final RecordType[] BY_CODE = new RecordType[MAX_CODE + 1];

    static {
        for (RecordType t : values()) BY_CODE[t.code] = t;
    }

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null for a code this build does not know. */
    public static RecordType of(int code) {
        return code > 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }
}
