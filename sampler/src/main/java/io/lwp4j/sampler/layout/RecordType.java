package io.lwp4j.sampler.layout;

/** The record types of {@code lwp4j.h} ({@code LWP4J_REC_*}). */
public enum RecordType {
    USER(1, "LWP4J_REC_USER"),
    WRITE_FAULT(2, "LWP4J_REC_WRITE_FAULT"),
    DIRTY_PAGES(3, "LWP4J_REC_DIRTY_PAGES"),
    WRITE_FAULT_PROBE(4, "LWP4J_REC_WRITE_FAULT_PROBE"),
    SYSCALL_PROBE(5, "LWP4J_REC_SYSCALL_PROBE"),
    CODE_LOAD_PROBE(6, "LWP4J_REC_CODE_LOAD_PROBE"),
    SYSCALL(7, "LWP4J_REC_SYSCALL");

    public static final int MAX_CODE = 7;
    private static final RecordType[] BY_CODE = new RecordType[MAX_CODE + 1];

    static {
        for (RecordType t : values()) BY_CODE[t.code] = t;
    }

    private final int code;
    private final String cName;

    RecordType(int code, String cName) {
        this.code = code;
        this.cName = cName;
    }

    public int code() {
        return code;
    }

    String cName() {
        return cName;
    }

    /** The type with this code, or null for a code this build does not know. */
    public static RecordType of(int code) {
        return code > 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }
}
