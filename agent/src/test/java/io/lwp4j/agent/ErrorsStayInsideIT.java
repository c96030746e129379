package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.HeapFiller;
import io.lwp4j.sampler.Soak;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A program that keeps its 32 MiB heap full while doing I/O on new threads, with a default
 * uncaught-exception handler of its own: no lwp4j thread ever reaches that handler, the drainer
 * goes on (an OutOfMemoryError pauses it, never stops it), every record is drained or counted
 * lost, and the exit report is neither late nor silent.
 */
class ErrorsStayInsideIT {
    private static final Pattern SUMMARY =
            Pattern.compile("lwp4j: syscall summary: calls=(\\d+) produced=(\\d+) drained=(\\d+) lost=(\\d+) unrecorded=(\\d+) "
                    + "advice_failures=(\\d+)");
    private static final Pattern PROGRAM = Pattern.compile("writes=(\\d+) uncaught_lwp4j=(\\d+) uncaught_other=(\\d+) heap_was_full=(\\w+)");

    @Test
    void aFullHeapNeitherReachesTheApplicationNorLosesCount() throws Exception {
        long t0 = System.nanoTime();
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-Xmx32m",
                "-javaagent:" + ChildJvm.agentJar() + "=summary=stderr"), HeapFiller.class, "3"), 120);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exitCode(), r.toString());
        Matcher program = PROGRAM.matcher(r.stdout());
        assertTrue(program.find(), r.toString());
        long writes = Long.parseLong(program.group(1));
        assertEquals("true", program.group(4), "the scenario happened: the heap was full");
        assertEquals(0, Long.parseLong(program.group(2)), "the application's handler was called for an lwp4j thread: " + r);
        assertFalse(r.stderr().contains("UncaughtExceptionHandler in thread \"lwp4j"), "nor failed in one: " + r);
        Matcher summary = SUMMARY.matcher(r.stderr());
        assertTrue(summary.find(), "the exit summary was printed: " + r);
        long calls = Long.parseLong(summary.group(1));
        long produced = Long.parseLong(summary.group(2));
        long drained = Long.parseLong(summary.group(3));
        long lost = Long.parseLong(summary.group(4));
        long unrecorded = Long.parseLong(summary.group(5));
        long adviceFailures = Long.parseLong(summary.group(6));
        Soak.report("full-heap", "writes", writes, "calls", calls, "produced", produced, "drained", drained, "lost", lost,
                "unrecorded", unrecorded, "advice_failures", adviceFailures, "child_ms", millis);
        assertEquals(produced, drained + lost, "produced = drained + lost: " + r.stderr());
        assertTrue(calls + adviceFailures >= writes,
                "every write the program made is counted, or counted as a failed advice: " + r.stderr());
        assertFalse(r.stderr().contains("could not drain every buffer"), "the exit drain finished: " + r.stderr());
    }
}
