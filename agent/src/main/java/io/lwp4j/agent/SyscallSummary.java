package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.RecordView;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.layout.RecordType;
import java.io.PrintStream;

/**
 * Per operation and kind of descriptor: calls, bytes moved, calls that threw, total and
 * longest duration. Printed at exit ({@code summary=}), one line per pair, {@code key=value}
 * so a script can read it:
 * <pre>
 * lwp4j: syscall summary: records=1234 lost=0 unrecorded=0 advice_failures=0
 * lwp4j: syscalls op=read kind=file calls=10 bytes=40960 errors=0 total_us=123 max_us=45
 * </pre>
 */
final class SyscallSummary implements RecordSink {
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
    public void accept(RingBuffer source, RecordView r) {
        if (r.typeCode() != SYSCALL) return;
        long descriptor = r.word(4);
        int op = operation(descriptor);
        int kind = kind(descriptor);
        if (op < 1 || op > OPERATION_MAX || kind < 1 || kind > KIND_MAX) return;
        long duration = r.word(0);
        long result = r.word(1);
        calls[op][kind]++;
        if (result > 0 && (op == READ || op == WRITE || op == PREAD || op == PWRITE)) bytes[op][kind] += result;
        if ((flags(descriptor) & FLAG_THREW) != 0) errors[op][kind]++;
        totalNanos[op][kind] += duration;
        maxNanos[op][kind] = Math.max(maxNanos[op][kind], duration);
    }

    @Override
    public void finish(DrainTotals totals) {
        PrintStream out = TextOutput.open(target, "syscall summary");
        if (out == null) return;
        out.printf("lwp4j: syscall summary: records=%d lost=%d unrecorded=%d advice_failures=%d%n", totals.drained(),
                totals.lost(), totals.unrecorded(), totals.adviceFailures());
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
