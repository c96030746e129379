package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.ExitCode;
import io.lwp4j.agent.it.FirstWrite;
import io.lwp4j.agent.it.TrackerAtOnce;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent finishes its start on the thread "lwp4j-start", beside {@code main} (AgentRuntime):
 * a program that exits before that, or uses the agent at once, sees no difference but the
 * counts it asked for. Child JVMs with the built agent.
 */
class BackgroundStartIT {
    private static final Pattern SUMMARY = Pattern.compile(
            "lwp4j: syscall summary: calls=(\\d+) produced=(\\d+) drained=(\\d+) lost=(\\d+) unrecorded=(\\d+) .*");

    @TempDir
    Path dir;

    @Test
    void aProgramThatExitsAtOnceHasItsOutputExitCodeAndSummary() throws Exception {
        ChildJvm.Result without = ChildJvm.run(ChildJvm.command(List.of(), List.of(), ExitCode.class, "3"), 60);
        ChildJvm.Result with = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=summary=stderr"), ExitCode.class, "3"), 60);
        assertEquals(3, with.exitCode(), with.toString());
        assertEquals(without.stdout(), with.stdout(), with.toString());
        assertEquals(List.of(), with.stderr().lines().filter(l -> !l.startsWith("lwp4j: syscall")).toList(),
                "nothing on stderr but the summary: " + with);
        // its temp file: written once, read at least once (readString reads until the end)
        assertTrue(with.stderr().lines().anyMatch(l -> l.startsWith("lwp4j: syscalls op=write kind=file calls=")),
                with.toString());
        assertTrue(with.stderr().lines().anyMatch(l -> l.startsWith("lwp4j: syscalls op=read kind=file calls=")),
                with.toString());
    }

    /**
     * Every call is a record ({@code syscalls=records}): those made before the start finished
     * could not be written and are counted unrecorded, so records produced and unrecorded add up
     * to the calls exactly, however far the start had got when the program ended.
     */
    @Test
    void everyCallsRecordIsProducedOrCountedUnrecorded() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=syscalls=records,summary=stderr,canary=off,syscallprobe=off,codeloadprobe=off"), FirstWrite.class,
                dir.resolve("first").toString()), 60);
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = r.stderr().lines().map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line: " + r));
        long calls = Long.parseLong(m.group(1));
        long produced = Long.parseLong(m.group(2));
        long drained = Long.parseLong(m.group(3));
        long lost = Long.parseLong(m.group(4));
        long unrecorded = Long.parseLong(m.group(5));
        assertTrue(calls >= 2, "the file's write and the line on stdout at least: " + r);
        assertEquals(calls, produced + unrecorded, "every call's record produced or counted unrecorded: " + r);
        assertEquals(produced, drained + lost, "every record produced drained or counted lost: " + r);
    }

    @Test
    void aRecordingOfTheAgentHoldsTheProgramsFirstCall() throws Exception {
        Path jfr = dir.resolve("first.jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=jfr=" + jfr), FirstWrite.class, dir.resolve("first").toString()), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), r.toString());
        long written = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.SyscallSummary"))
                .filter(e -> e.getString("operation").equals("write") && e.getString("kind").equals("file"))
                .mapToLong(BackgroundStartIT::bytes).sum();
        assertTrue(written >= FirstWrite.BYTES, "the program's first write, " + FirstWrite.BYTES
                + " bytes, is in the recording's lwp4j.SyscallSummary (file writes: " + written + " bytes)");
    }

    @Test
    void theApiWaitsForTheStartOfTheWriteTracker() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=writetracking=sync"), TrackerAtOnce.class), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), "write tracking was refused here: " + r);
        assertEquals("write tracker: present\n", r.stdout(), r.toString());
    }

    private static long bytes(RecordedEvent e) {
        return e.getLong("bytes");
    }
}
