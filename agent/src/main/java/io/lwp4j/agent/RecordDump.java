package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.drain.RecordsLost;
import io.lwp4j.sampler.layout.RecordType;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code dump=}: every drained record as one line, for debugging and tests. SYSCALL records:
 * <pre>
 * syscall tid=4711 owner=main jtid=1 op=read kind=file fd=5 result=4096 requested=8192 position=-1 duration_ns=2300 threw=0 virtual=0 error=none slow=1 sampled=0
 * </pre>
 * {@code tid} and {@code owner} name the buffer's OS thread (a carrier for virtual threads),
 * {@code jtid} the Java thread that made the call. Other records: type, tid and the six words;
 * lost notices: {@code lost buffer=.. owner=.. records=..}. A drain handler, on its own
 * pipeline thread.
 */
final class RecordDump implements DrainHandler {
    private final PrintStream out;

    private RecordDump(PrintStream out) {
        this.out = out;
    }

    /** A dump to {@code target}, or null (with a warning) when it cannot be opened. */
    static RecordDump open(Destination target) {
        PrintStream out = TextOutput.open(target, "record dump");
        return out == null ? null : new RecordDump(out);
    }

    @Override
    public void onRecord(DrainedRecord r) {
        Thread owner = r.thread();
        String ownerName = owner == null ? "-" : owner.getName().replace(' ', '_');
        if (r.type() == RecordType.SYSCALL) {
            long d = r.word(4);
            int flags = flags(d);
            out.printf("syscall tid=%d owner=%s jtid=%d op=%s kind=%s fd=%d result=%d requested=%d position=%d "
                            + "duration_ns=%d threw=%d virtual=%d error=%s slow=%d sampled=%d%n",
                    r.tid(), ownerName, r.word(5), operationName(operation(d)), kindName(kind(d)), fd(d), r.word(1),
                    r.word(2), r.word(3), r.word(0), flags & FLAG_THREW, (flags & FLAG_VIRTUAL) >> 1,
                    errorName(error(d)), (flags & FLAG_SLOW) >> 2, (flags & FLAG_SAMPLED) >> 3);
        } else {
            RecordType t = r.type();
            out.printf("record type=%s tid=%d owner=%s time=%d words=%d,%d,%d,%d,%d,%d%n",
                    t == null ? "unknown-" + r.typeCode() : t.name().toLowerCase(Locale.ROOT), r.tid(), ownerName,
                    r.time(), r.word(0), r.word(1), r.word(2), r.word(3), r.word(4), r.word(5));
        }
    }

    @Override
    public void onRecordsLost(RecordsLost notice) {
        Thread owner = notice.owner();
        out.printf("lost buffer=%d owner=%s records=%d%n", notice.bufferId(),
                owner == null ? "-" : owner.getName().replace(' ', '_'), notice.lost());
    }

    /** After the pipeline's final flush: flush and close. */
    void close() {
        TextOutput.close(out);
    }
}
