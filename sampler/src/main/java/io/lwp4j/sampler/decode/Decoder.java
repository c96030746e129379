package io.lwp4j.sampler.decode;

import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;

/**
 * Turns {@link DrainedRecord}s into {@link DecodedRecord}s without allocating: it holds one
 * flyweight per record type and re-points it. Not thread-safe: one decoder per thread.
 */
public final class Decoder {
    private final WriteFault writeFault = new WriteFault();
    private final DirtyPages dirtyPages = new DirtyPages();
    private final WriteFaultProbe writeFaultProbe = new WriteFaultProbe();
    private final SyscallPathProbe syscallPathProbe = new SyscallPathProbe();
    private final CodeLoadProbe codeLoadProbe = new CodeLoadProbe();
    private final Syscall syscall = new Syscall();
    private final UserRecord user = new UserRecord();
    private final UndecodedRecord undecoded = new UndecodedRecord();

    /** The record seen through its type; valid until the next call. */
    public DecodedRecord decode(DrainedRecord record) {
        RecordType type = record.type();
        if (type == null) return undecoded.wrap(record);
        return switch (type) {
            case WRITE_FAULT -> writeFault.wrap(record);
            case DIRTY_PAGES -> dirtyPages.wrap(record);
            case WRITE_FAULT_PROBE -> writeFaultProbe.wrap(record);
            case SYSCALL_PROBE -> syscallPathProbe.wrap(record);
            case CODE_LOAD_PROBE -> codeLoadProbe.wrap(record);
            case SYSCALL -> syscall.wrap(record);
            case USER -> user.wrap(record);
        };
    }
}
