package io.lwp4j.sampler.decode;

import io.lwp4j.sampler.RecordWords;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;

/**
 * Turns records ({@link DrainedRecord}s, or {@link RecordWords} read in place) into
 * {@link DecodedRecord}s without allocating: it holds one
 * flyweight per record type and re-points it. Not thread-safe: one decoder per thread.
 */
public final class Decoder {
    private final WriteFault writeFault = new WriteFault();
    private final DirtyPages dirtyPages = new DirtyPages();
    private final WriteFaultProbe writeFaultProbe = new WriteFaultProbe();
    private final SyscallPathProbe syscallPathProbe = new SyscallPathProbe();
    private final CodeLoadTiming codeLoadTiming = new CodeLoadTiming();
    private final Syscall syscall = new Syscall();
    private final UserRecord user = new UserRecord();
    private final UndecodedRecord undecoded = new UndecodedRecord();

    /** The drained record seen through its type; valid until the next call. */
    public DecodedRecord decode(DrainedRecord record) {
        return decode(record, record);
    }

    /** A record read in place seen through its type; valid until the next call. */
    public DecodedRecord decode(RecordWords record) {
        return decode(record, null);
    }

    private DecodedRecord decode(RecordWords record, DrainedRecord drained) {
        RecordType type = record.type();
        if (type == null) return undecoded.wrap(record, drained);
        DecodedRecord flyweight = switch (type) {
            case WRITE_FAULT -> writeFault;
            case DIRTY_PAGES -> dirtyPages;
            case WRITE_FAULT_PROBE -> writeFaultProbe;
            case SYSCALL_PROBE -> syscallPathProbe;
            case CODE_LOAD_PROBE -> codeLoadTiming;
            case SYSCALL -> syscall;
            case USER -> user;
        };
        return flyweight.wrap(record, drained);
    }

    /**
     * The record decoded as {@code type}, for callers that expect one type.
     *
     * @throws IllegalArgumentException when the record is of another type
     */
    public <T extends DecodedRecord> T decodeAs(RecordWords record, Class<T> type) {
        DecodedRecord d = decode(record);
        if (!type.isInstance(d)) {
            throw new IllegalArgumentException("record type " + record.typeCode() + " is not a " + type.getSimpleName());
        }
        return type.cast(d);
    }
}
