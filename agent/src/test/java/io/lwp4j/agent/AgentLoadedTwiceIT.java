package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.AttachTarget;
import io.lwp4j.agent.it.IoWorkload;
import io.lwp4j.sampler.Soak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loaded twice into one JVM: two {@code -javaagent} flags of the same jar, or
 * {@code -javaagent} and then a dynamic attach. The program runs as without lwp4j (exit code,
 * output); the second load is one warning and nothing more: no second pipeline (its dump file
 * is never made), no second advice (every call is in the first load's dump once: the first
 * load writes a record per call, {@code syscalls=records}).
 */
class AgentLoadedTwiceIT {
    private static final Pattern EXPECT = Pattern.compile("expect (jtid=\\d+) virtual=false (op=\\S+ kind=\\S+) calls=(\\d+).*");

    @Test
    void twoJavaagentFlagsRecordEveryCallOnceAndWarnOnce(@TempDir Path dir) throws Exception {
        Path firstDump = dir.resolve("first.txt");
        Path secondDump = dir.resolve("second.txt");
        Path expected = dir.resolve("expected.txt");
        String agent = "-javaagent:" + ChildJvm.agentJar();
        String secondOptions = "dump=" + secondDump + ",buffer=4k";
        long t0 = System.nanoTime();
        ChildJvm.Result twice = ChildJvm.run(ChildJvm.command(List.of(), List.of(agent + "=dump=" + firstDump
                + ",canary=off,syscalls=records", agent + "=" + secondOptions), IoWorkload.class, expected.toString()), 120);
        long childMillis = (System.nanoTime() - t0) / 1_000_000;
        ChildJvm.Result without = ChildJvm.run(ChildJvm.command(List.of(), List.of(), IoWorkload.class,
                dir.resolve("plain.txt").toString()), 120);

        assertEquals(0, twice.exitCode(), twice.toString());
        assertEquals(without.stdout(), twice.stdout(), "the program's output is unchanged");
        assertEquals(List.of("lwp4j: warning: lwp4j is already running in this JVM with the options 'dump=" + firstDump
                + ",canary=off,syscalls=records'; the options '" + secondOptions + "' of load 2 are ignored"),
                ChildJvm.warnings(twice.stderr()), twice.toString());
        assertEquals(1, twice.stderr().lines().count(), "nothing else on stderr: " + twice);
        assertFalse(Files.exists(secondDump), "the second load started nothing");

        List<String> dump = Files.readAllLines(firstDump);
        long expectedCalls = 0, recordedCalls = 0;
        for (String line : Files.readAllLines(expected)) {
            Matcher m = EXPECT.matcher(line);
            if (!m.matches()) continue;
            long calls = Long.parseLong(m.group(3));
            long recorded = dump.stream().filter(l -> l.startsWith("syscall ") && l.contains(" " + m.group(1) + " "
                    + m.group(2) + " ")).count();
            assertEquals(calls, recorded, "each call recorded once: " + line);
            expectedCalls += calls;
            recordedCalls += recorded;
        }
        assertTrue(expectedCalls > 20, "the workload's calls were compared: " + expectedCalls);
        Soak.report("loaded-twice-javaagent", "calls_expected", expectedCalls, "calls_recorded", recordedCalls,
                "warnings", ChildJvm.warnings(twice.stderr()).size(), "child_ms", childMillis);
    }

    /** Found by a user: the third load said nothing (the warning was once per process). */
    @Test
    void everyLoadAfterTheFirstSaysItWasIgnored(@TempDir Path dir) throws Exception {
        String agent = "-javaagent:" + ChildJvm.agentJar();
        ChildJvm.Result thrice = ChildJvm.run(ChildJvm.command(List.of(), List.of(agent + "=canary=off", agent
                + "=buffer=4k", agent + "=summary=stderr"), io.lwp4j.agent.it.ExitCode.class, "0"), 60);
        assertEquals(0, thrice.exitCode(), thrice.toString());
        assertEquals(List.of(
                "lwp4j: warning: lwp4j is already running in this JVM with the options 'canary=off'; the options "
                        + "'buffer=4k' of load 2 are ignored",
                "lwp4j: warning: lwp4j is already running in this JVM with the options 'canary=off'; the options "
                        + "'summary=stderr' of load 3 are ignored"), ChildJvm.warnings(thrice.stderr()), thrice.toString());
        assertEquals(2, thrice.stderr().lines().count(), "nothing else on stderr (no summary): " + thrice);
        Soak.report("loaded-thrice-javaagent", "warnings", ChildJvm.warnings(thrice.stderr()).size());
    }

    @Test
    void attachIntoAJvmThatHasTheAgentRecordsEveryCallOnceAndWarnsOnce(@TempDir Path dir) throws Exception {
        int rounds = 20;
        Path firstDump = dir.resolve("first.txt");
        Path secondDump = dir.resolve("second.txt");
        Path stderr = dir.resolve("stderr.txt");
        String secondOptions = "dump=" + secondDump + ",summary=stderr";
        List<String> cmd = ChildJvm.command(List.of(), List.of("-XX:+EnableDynamicAgentLoading",
                "-javaagent:" + ChildJvm.agentJar() + "=dump=" + firstDump + ",canary=off,syscalls=records"), AttachTarget.class,
                Integer.toString(rounds));
        ChildJvm.Result attach = ChildJvm.runWithAgentAttached(cmd, stderr, secondOptions);
        assertEquals(0, attach.exitCode(), attach.toString());
        assertTrue(attach.stdout().contains("return code: 0"), "the attach itself succeeds: " + attach);
        String err = Files.readString(stderr);
        assertEquals(List.of("lwp4j: warning: lwp4j is already running in this JVM with the options 'dump=" + firstDump
                + ",canary=off,syscalls=records'; the options '" + secondOptions + "' of load 2 are ignored"), ChildJvm.warnings(err), err);
        assertEquals(1, err.lines().count(), "nothing else on stderr (no second summary): " + err);
        assertFalse(Files.exists(secondDump), "the second load started nothing");

        List<String> worker = Files.readAllLines(firstDump).stream()
                .filter(l -> l.startsWith("syscall ") && l.contains(" owner=lwp4j-attach-worker ")).toList();
        int writes = rounds + 1;                    // one round before the attach, `rounds` after
        assertEquals(2L * writes, worker.stream().filter(l -> l.contains(" op=open kind=file ")).count(), err);
        assertEquals(writes, worker.stream().filter(l -> l.contains(" op=write kind=file ") && l.contains(" result=512 ")).count());
        assertEquals(writes, worker.stream().filter(l -> l.contains(" op=read kind=file ") && l.contains(" result=512 ")).count());
        Soak.report("loaded-twice-attach", "calls_expected", 4L * writes, "calls_recorded", worker.size(),
                "warnings", ChildJvm.warnings(err).size());
    }
}
