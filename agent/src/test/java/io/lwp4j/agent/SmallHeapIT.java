package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.ExitCode;
import io.lwp4j.agent.it.FirstWrite;
import io.lwp4j.agent.it.SmallHttp;
import io.lwp4j.sampler.Soak;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show (issue 16): in a small heap the agent never aborts the JVM nor makes the
 * application run out of memory; it says in one line how it adapted ({@link HeapBudget}), and
 * the program's output and exit code are those it has without the agent. And the
 * application's first I/O call is recorded: the advice is in place before {@code main}.
 */
class SmallHeapIT {
    @TempDir
    Path dir;

    private static ChildJvm.Result run(String xmx, boolean agent, Class<?> main, String... args) throws Exception {
        List<String> jvm = agent ? List.of(xmx, "-javaagent:" + ChildJvm.agentJar()) : List.of(xmx);
        return ChildJvm.run(ChildJvm.command(List.of(), jvm, main, args), 120);
    }

    private static void sameAsWithout(String xmx, String expectedLine, Class<?> main, String... args) throws Exception {
        ChildJvm.Result without = run(xmx, false, main, args);
        assertEquals(0, without.exitCode(), "the program needs more than " + xmx + " by itself: " + without);
        ChildJvm.Result with = run(xmx, true, main, args);
        List<String> lines = with.stderr().lines().filter(l -> l.startsWith("lwp4j: ")).toList();
        Soak.report("small-heap " + main.getSimpleName() + " " + xmx, "exit_code_without", without.exitCode(),
                "exit_code_with", with.exitCode(), "lwp4j_lines", lines.size());
        assertEquals(without.exitCode(), with.exitCode(), with.toString());
        assertEquals(without.stdout(), with.stdout(), with.toString());
        assertEquals(List.of(expectedLine), lines, "one line saying how lwp4j adapted, nothing else: " + with);
        assertEquals(1, with.stderr().lines().count(), "nothing else on stderr: " + with);
    }

    @Test
    void aSmallHttpProgramRunsAsWithoutTheAgentAt8And16MiB() throws Exception {
        sameAsWithout("-Xmx8m", "lwp4j: warning: " + HeapBudget.REDUCED.warning(8L << 20), SmallHttp.class, "250");
        sameAsWithout("-Xmx16m", "lwp4j: warning: " + HeapBudget.REDUCED.warning(16L << 20), SmallHttp.class, "250");
    }

    @Test
    void belowItsMinimumHeapTheAgentStaysOffWithoutAborting() throws Exception {
        sameAsWithout("-Xmx4m", "lwp4j: warning: " + HeapBudget.OFF.warning(4L << 20), ExitCode.class, "0");
        sameAsWithout("-Xmx6m", "lwp4j: warning: " + HeapBudget.OFF.warning(6L << 20), ExitCode.class, "0");
    }

    @Test
    void theApplicationsFirstIoCallIsRecorded() throws Exception {
        Path file = dir.resolve("first");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=summary=stderr"), FirstWrite.class, file.toString()), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("wrote " + FirstWrite.BYTES + " bytes\n", r.stdout());
        // its two writes: the file's (its first I/O call) and its line on standard output (fd 1, a file)
        String writes = "lwp4j: syscalls op=write kind=file calls=2 bytes=" + (FirstWrite.BYTES + r.stdout().length()) + " ";
        assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith(writes)),
                "the program's first I/O call is in the summary, '" + writes + "...': " + r);
        assertTrue(r.stderr().contains(" unrecorded=0 "), r.toString());
    }
}
