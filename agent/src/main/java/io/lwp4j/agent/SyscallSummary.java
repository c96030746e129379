package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;
import java.io.PrintStream;

/**
 * {@code summary=}: per operation and kind of descriptor, the calls, bytes moved, calls that
 * threw, total and longest duration, printed at exit, one {@code key=value} line per pair so a
 * script can read it:
 * <pre>
 * lwp4j: syscall summary: produced=1234 drained=1234 lost=0 unrecorded=0 advice_failures=0
 * lwp4j: syscalls op=read kind=file calls=10 bytes=40960 errors=0 total_us=123 max_us=45
 * </pre>
 * A drain handler: it runs on its own pipeline thread; {@link #print} runs after the
 * pipeline's final flush, which orders the handler's counts before it.
 */
final class SyscallSummary implements DrainHandler {
    private static final int SYSCALL = RecordType.SYSCALL.code();

    private final String target;
    private final long[][] calls = new long[OPERATION_MAX + 1][KIND_MAX + 1];
    private final long[][] bytes = new long[OPERATION_MAX + 1][KIND_MAX + 1];
    private final long[][] errors = new long[OPERATION_MAX + 1][KIND_MAX + 1];
    private final long[][] totalNanos = new long[OPERATION_MAX + 1][KIND_MAX + 1];
    private final long[][] maxNanos = new long[OPERATION_MAX + 1][KIND_MAX + 1];

    SyscallSummary(String target) {
        this.target = target;
    }

    @Override
    public void onRecord(DrainedRecord r) {
        if (r.typeCode() != SYSCALL) return;
        long descriptor = r.word(4);
        int op = operation(descriptor);
        int kind = kind(descriptor);
        if (op < 1 || op > OPERATION_MAX || kind < 1 || kind > KIND_MAX) return;
        long duration = r.word(0);
        long result = r.word(1);
        calls[op][kind]++;
        if (result > 0 && op <= PWRITE) bytes[op][kind] += result;
        if ((flags(descriptor) & FLAG_THREW) != 0) errors[op][kind]++;
        totalNanos[op][kind] += duration;
        maxNanos[op][kind] = Math.max(maxNanos[op][kind], duration);
    }

    void print(DrainStatistics drain, long unrecorded) {
        PrintStream out = TextOutput.open(target, "syscall summary");
        if (out == null) return;
        out.printf("lwp4j: syscall summary: produced=%d drained=%d lost=%d unrecorded=%d advice_failures=%d%n",
                drain.produced(), drain.drained(), drain.lost(), unrecorded, Hooks.adviceFailures());
        for (int op = 1; op <= OPERATION_MAX; op++) {
            for (int kind = 1; kind <= KIND_MAX; kind++) {
                if (calls[op][kind] == 0) continue;
                out.printf("lwp4j: syscalls op=%s kind=%s calls=%d bytes=%d errors=%d total_us=%d max_us=%d%n",
                        operationName(op), kindName(kind), calls[op][kind], bytes[op][kind], errors[op][kind],
                        totalNanos[op][kind] / 1000, maxNanos[op][kind] / 1000);
            }
        }
        Throwable firstFailure = Hooks.firstAdviceFailure();
        if (firstFailure != null) out.println("lwp4j: first advice failure: " + firstFailure);
        TextOutput.close(out);
    }
}
