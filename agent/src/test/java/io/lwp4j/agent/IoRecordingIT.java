package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.IoWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show: plain -javaagent on a small program doing file and socket I/O writes a recording
 * whose lwp4j.Syscall events match, call for call and byte for byte, the I/O the program did
 * on each of its threads, virtual threads included (their records sit in their carrier's
 * buffer); the program's output and exit code are the same as without the agent.
 */
class IoRecordingIT {
    private static final Pattern EXPECT =
            Pattern.compile("(expect|atleast) jtid=(\\d+) virtual=(\\w+) op=(\\S+) kind=(\\S+) calls=(\\d+)(?: bytes=(\\d+))?");

    @Test
    void recordingMatchesTheIoTheProgramDid(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("io.jfr");
        Path report = dir.resolve("expected.txt");
        ChildJvm.Result withAgent = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=jfr=" + jfr + ",jfrthreshold=0ms,summary=stderr"),
                IoWorkload.class, report.toString(), "virtual"), 120);
        assertEquals(0, withAgent.exitCode(), withAgent.toString());
        assertEquals(List.of(), ChildJvm.warnings(withAgent.stderr()), "a clean run warns about nothing");
        assertTrue(withAgent.stderr().contains("lwp4j: syscall summary: "), withAgent.stderr());
        assertTrue(withAgent.stderr().matches("(?s).*advice_failures=0\\b.*"), withAgent.stderr());

        Map<String, long[]> recorded = new HashMap<>();
        Map<Long, String> carrierOfVirtual = new HashMap<>();
        int summaries = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            if (type.equals("lwp4j.SyscallSummary")) summaries++;
            if (!type.equals("lwp4j.Syscall")) continue;
            String key = "jtid=" + e.getLong("javaThreadId") + " virtual=" + e.getBoolean("virtualThread") + " op="
                    + e.getString("operation") + " kind=" + e.getString("kind");
            long[] c = recorded.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += e.getLong("bytes");
            if (e.getBoolean("virtualThread")) {
                RecordedThread carrier = e.getThread("thread");
                assertNotNull(carrier, "a virtual thread's record names its carrier: " + e);
                assertTrue(e.getInt("osThreadId") > 0, e.toString());
                carrierOfVirtual.put(e.getLong("javaThreadId"), carrier.getJavaName());
            }
        }
        assertTrue(summaries > 0, "lwp4j.SyscallSummary events in the recording");

        List<String> expectations = Files.readAllLines(report);
        assertTrue(expectations.size() > 20, expectations.toString());
        int virtualKeys = 0;
        for (String line : expectations) {
            Matcher m = EXPECT.matcher(line);
            assertTrue(m.matches(), line);
            String key = "jtid=" + m.group(2) + " virtual=" + m.group(3) + " op=" + m.group(4) + " kind=" + m.group(5);
            long[] got = recorded.getOrDefault(key, new long[2]);
            long calls = Long.parseLong(m.group(6));
            if (m.group(1).equals("expect")) {
                assertEquals(calls, got[0], "calls of " + key);
                assertEquals(Long.parseLong(m.group(7)), got[1], "bytes of " + key);
                if (m.group(3).equals("true")) virtualKeys++;
            } else {
                assertTrue(got[0] >= calls, "at least " + calls + " calls of " + key + ", got " + got[0]);
            }
        }
        assertTrue(virtualKeys > 5, "the virtual thread's I/O is recorded too");
        assertFalse(carrierOfVirtual.isEmpty());
        carrierOfVirtual.values().forEach(name -> assertTrue(name.startsWith("ForkJoinPool-"),
                "a virtual thread's records are in its carrier's buffer, got " + name));

        ChildJvm.Result without = ChildJvm.run(ChildJvm.command(List.of(), List.of(), IoWorkload.class,
                dir.resolve("plain.txt").toString(), "virtual"), 120);
        assertEquals(without.exitCode(), withAgent.exitCode());
        assertEquals(without.stdout(), withAgent.stdout(), "the program's output is unchanged");
    }
}
