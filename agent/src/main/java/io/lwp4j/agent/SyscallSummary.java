package io.lwp4j.agent;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.iocount.IoTotals;
import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code summary=}: the I/O counts of the whole run, printed at exit from one snapshot (see
 * {@link ExitReport}), one {@code key=value} line per operation and kind so a script can read it:
 * <pre>
 * lwp4j: syscall summary: calls=1234 produced=3 drained=3 lost=0 unrecorded=0 advice_failures=0
 * lwp4j: syscalls op=write kind=socket calls=600 bytes=40960 errors=0 work_us=1230 wait_us=0 waits=0 p50_us=1.91 p99_us=9.12 max_us=45.02 wait_p50_us=0.00 wait_p99_us=0.00 wait_max_us=0.00
 * lwp4j: syscall accounting: calls=1234 in_recording=1230 after_recording=4 records_after_recording=0
 * </pre>
 * Percentiles are of work time, then of wait time (socket reads, connects, accepts and selects
 * only wait). {@code calls} are exact (counted by each thread); {@code produced}, {@code drained} and {@code
 * lost} are the drain pipeline's records of every type (for I/O: slow calls, calls that threw,
 * samples); {@code unrecorded} counts such calls whose record could not be written. The
 * accounting line, printed when a JFR pipeline runs, says how many calls and records came
 * after the recording's last summary (made by shutdown hooks that ran after JFR wrote it).
 */
final class SyscallSummary {
    private final Destination target;

    SyscallSummary(Destination target) {
        this.target = target;
    }

    /**
     * Prints one snapshot: {@code totals} and {@code drain} taken together; {@code
     * inRecording} and {@code recordsInRecording} what the JFR recording holds (null, -1: no
     * JFR pipeline).
     */
    void print(IoTotals totals, DrainStatistics drain, long unrecorded, IoTotals inRecording,
            long recordsInRecording) {
        PrintStream out = TextOutput.open(target, "syscall summary");
        if (out == null) return;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "lwp4j: syscall summary: calls=%d produced=%d drained=%d lost=%d unrecorded=%d advice_failures=%d%n",
                totals.calls(), drain.produced(), drain.drained(), drain.lost(), unrecorded, Hooks.adviceFailures()));
        for (IoTotals.CallTotals c : totals.pairs()) {
            s.append(String.format(Locale.ROOT, "lwp4j: syscalls op=%s kind=%s calls=%d bytes=%d errors=%d work_us=%d "
                            + "wait_us=%d waits=%d p50_us=%.2f p99_us=%.2f max_us=%.2f wait_p50_us=%.2f wait_p99_us=%.2f "
                            + "wait_max_us=%.2f%n",
                    c.operationName(), c.kindName(), c.calls(), c.bytes(), c.errors(), c.workNanos() / 1000,
                    c.waitNanos() / 1000, c.waits(), c.workTimes().percentileNanos(50) / 1000,
                    c.workTimes().percentileNanos(99) / 1000, c.workTimes().maxNanos() / 1000,
                    c.waitTimes().percentileNanos(50) / 1000, c.waitTimes().percentileNanos(99) / 1000,
                    c.waitTimes().maxNanos() / 1000));
        }
        if (inRecording != null) {
            s.append(String.format(Locale.ROOT,
                    "lwp4j: syscall accounting: calls=%d in_recording=%d after_recording=%d records_after_recording=%d%n",
                    totals.calls(), inRecording.calls(), totals.calls() - inRecording.calls(),
                    recordsInRecording < 0 ? 0 : drain.produced() - recordsInRecording));
        }
        Throwable firstFailure = Hooks.firstAdviceFailure();
        if (firstFailure != null) s.append("lwp4j: first advice failure: ").append(firstFailure).append('\n');
        out.print(s);
        TextOutput.close(out);
    }
}
