package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.ManyThreads;
import io.lwp4j.sampler.Soak;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code buffer} at its largest on 50 threads stays within the memory budget lwp4j states. The
 * lock budget (64 MiB) is above the memory budget (16 MiB), so every buffer lwp4j makes is
 * locked and the child's VmLck is exactly their bytes: at most the budget, where 50 full 1m
 * buffers would lock 51,400 KiB. One warning says threads got smaller buffers, one that the last
 * got none. Resident memory (VmRSS, noisier) is printed beside it. The exit summary consumes the
 * records, so the record path starts with the agent (AgentRuntime: not for its first consumer).
 */
class MemoryBudgetIT {
    private static final int THREADS = 50;
    private static final long BUDGET_KIB = 16 << 10;

    @Test
    void largestBuffersOnFiftyThreadsStayWithinTheBudget() throws Exception {
        String largest = AgentOptions.formatSize(AgentOptions.MAX_BUFFER_BYTES);
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=buffer=" + largest + ",memorybudget=" + (BUDGET_KIB >> 10) + "m,canary=off,syscallprobe=off,"
                + "codeloadprobe=off,syscalls=records,summary=stderr"), ManyThreads.class, Integer.toString(THREADS)), 120);
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("rss_kib=(\\d+) locked_kib=(\\d+)").matcher(r.stdout());
        assertTrue(m.find(), r.toString());
        long rss = Long.parseLong(m.group(1));
        long locked = Long.parseLong(m.group(2));
        List<String> warnings = ChildJvm.warnings(r.stderr());
        Soak.report("memory-budget", "threads", THREADS, "buffer", largest, "budget_kib", BUDGET_KIB, "locked_kib", locked,
                "rss_kib", rss, "unbudgeted_kib", THREADS * (1024 + 4), "warnings", warnings.size());
        assertTrue(locked <= BUDGET_KIB, "buffers of " + THREADS + " threads hold " + locked + " KiB, over the budget of "
                + BUDGET_KIB + " KiB");
        assertTrue(locked >= BUDGET_KIB / 2, "the buffers were made, and locked: " + locked + " KiB");
        assertEquals(2, warnings.size(), "smaller buffers, then none: " + warnings);
        assertTrue(warnings.get(0).contains("get smaller buffers"), warnings.toString());
        assertTrue(warnings.get(1).contains("get no buffer"), warnings.toString());
    }
}
