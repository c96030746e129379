package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.BlockedWrite;
import io.lwp4j.agent.it.ExitIo;
import io.lwp4j.agent.it.IoWorkload;
import io.lwp4j.sampler.Soak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show: plain -javaagent on a small program doing file and socket I/O counts every call
 * exactly, call for call and byte for byte as the program itself counted them, on platform
 * threads (counted as they end) and virtual threads (counted into their carrier's counts), and
 * at JVM exit (the I/O of the program's own shutdown hook included); at threshold 0 every call
 * is an event of its own thread; the program's output and exit code are the same as without
 * the agent.
 */
class IoRecordingIT {
    private static final Pattern EXPECT =
            Pattern.compile("expect jtid=(\\d+) virtual=(\\w+) op=(\\S+) kind=(\\S+) calls=(\\d+) bytes=(\\d+)");
    private static final Pattern COUNTED =
            Pattern.compile("lwp4j op=(\\S+) kind=(\\S+) calls=(\\d+) bytes=(\\d+) waits=(\\d+)");
    private static final Pattern SUMMARY_LINE = Pattern.compile("lwp4j: syscalls op=(\\S+) kind=(\\S+) calls=(\\d+) "
            + "bytes=(\\d+) errors=(\\d+) work_us=(\\d+) wait_us=(\\d+) waits=(\\d+) .*");
    /** Indexes in {@link #summaryLines}' arrays. */
    private static final int CALLS = 0, BYTES = 1, ERRORS = 2, WORK_US = 3, WAIT_US = 4, WAITS = 5;

    /** "op kind" of every expect line, calls and bytes summed over the program's threads. */
    private static Map<String, long[]> expectedPerOperation(List<String> report) {
        Map<String, long[]> m = new TreeMap<>();
        for (String line : report) {
            Matcher e = EXPECT.matcher(line);
            if (!e.matches()) continue;
            long[] c = m.computeIfAbsent(e.group(3) + " " + e.group(4), k -> new long[2]);
            c[0] += Long.parseLong(e.group(5));
            c[1] += Long.parseLong(e.group(6));
        }
        return m;
    }

    /** "op kind" of each {@code summary=} line: calls, bytes, errors, work_us, wait_us, waits. */
    private static Map<String, long[]> summaryLines(String stderr) {
        Map<String, long[]> lines = new TreeMap<>();
        for (String line : stderr.lines().toList()) {
            Matcher m = SUMMARY_LINE.matcher(line);
            if (!m.matches()) continue;
            long[] values = new long[WAITS + 1];
            for (int i = 0; i < values.length; i++) values[i] = Long.parseLong(m.group(3 + i));
            lines.put(m.group(1) + " " + m.group(2), values);
        }
        return lines;
    }

    @Test
    void everyCallIsCountedExactlyOnPlatformAndVirtualThreads(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("expected.txt");
        // jfr=off: no JFR recorder thread writing its file while the program is counted.
        // BytecodeVerificationLocal: the JVM verifies the advised JDK classes (it trusts the boot
        // loader's otherwise), their frames included: a wrong one is a VerifyError, a warning.
        ChildJvm.Result withAgent = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal",
                        "-javaagent:" + ChildJvm.agentJar() + "=jfr=off,summary=stderr"),
                IoWorkload.class, report.toString(), "virtual"), 120);
        assertEquals(0, withAgent.exitCode(), withAgent.toString());
        assertEquals(List.of(), ChildJvm.warnings(withAgent.stderr()), "a clean run warns about nothing");
        assertTrue(withAgent.stderr().matches("(?s).*advice_failures=0\\b.*"), withAgent.stderr());

        List<String> lines = Files.readAllLines(report);
        Map<String, long[]> expected = expectedPerOperation(lines);
        Map<String, long[]> counted = new TreeMap<>();
        Map<String, Long> waits = new HashMap<>();
        for (String line : lines) {
            Matcher m = COUNTED.matcher(line);
            if (!m.matches()) continue;
            counted.put(m.group(1) + " " + m.group(2), new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
            waits.put(m.group(1) + " " + m.group(2), Long.parseLong(m.group(5)));
        }
        assertTrue(expected.size() >= 10, "the workload used every path: " + expected.keySet());
        assertEquals(expected.keySet(), counted.keySet(), "operations counted while the program's threads ran");
        expected.forEach((key, want) -> {
            assertEquals(want[0], counted.get(key)[0], "calls of " + key);
            assertEquals(want[1], counted.get(key)[1], "bytes of " + key);
        });
        for (String waiting : List.of("read socket", "connect socket", "accept server-socket", "select selector")) {
            assertEquals(counted.get(waiting)[0], (long) waits.get(waiting), waiting + " only waits: " + waits);
        }
        assertEquals(0, waits.get("read file"), "file reads never wait");
        assertTrue(waits.get("write socket") <= counted.get("write socket")[0], "a socket write waits when it polls");
        Soak.report("io-counts-exact", "operations", expected.size(), "calls",
                expected.values().stream().mapToLong(c -> c[0]).sum(), "bytes",
                expected.values().stream().mapToLong(c -> c[1]).sum(), "threads", "platform+virtual");

        ChildJvm.Result without = ChildJvm.run(ChildJvm.command(List.of(), List.of(), IoWorkload.class,
                dir.resolve("plain.txt").toString(), "virtual"), 120);
        assertEquals(without.exitCode(), withAgent.exitCode());
        assertEquals(without.stdout(), withAgent.stdout(), "the program's output is unchanged");
    }

    /**
     * Only a socket write takes its polls from its work: its poll for room (POLLOUT) is timed
     * and counted as the write's wait; a read's poll (POLLIN) is not timed, and the read's whole
     * time is wait time as before.
     */
    @Test
    void aSocketWritesPollForRoomIsItsWaitTime() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=jfr=off,summary=stderr"), BlockedWrite.class), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), r.toString());
        Map<String, long[]> summary = summaryLines(r.stderr());
        long[] write = summary.get("write socket");
        assertNotNull(write, r.stderr());
        assertEquals(0, write[ERRORS], r.stderr());
        assertEquals(BlockedWrite.BYTES + 1, write[BYTES], "the blocked write's bytes and the reply's");
        assertTrue(write[WAITS] >= 1 && write[WAIT_US] > 0, "the blocked write waited for room: " + r.stderr());
        long[] read = summary.get("read socket");
        assertNotNull(read, r.stderr());
        assertEquals(0, read[ERRORS], r.stderr());
        assertEquals(read[CALLS], read[WAITS], "every socket read is a wait: " + r.stderr());
        assertEquals(0, read[WORK_US], "a socket read does no work of its own: " + r.stderr());
    }

    /**
     * jfrthreshold=0ms: every call is slow, so every call is a lwp4j.Syscall committed by the
     * thread that made it, virtual threads included, matching the program's count per thread.
     */
    @Test
    void atThresholdZeroEveryCallIsAnEventOfItsOwnThread(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("io.jfr");
        Path report = dir.resolve("expected.txt");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=jfr=" + jfr + ",jfrthreshold=0ms"),
                IoWorkload.class, report.toString(), "virtual"), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), r.toString());

        Map<String, long[]> recorded = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("lwp4j.Syscall")) continue;
            RecordedThread t = e.getThread();
            assertNotNull(t, e.toString());
            assertEquals(t.isVirtual(), e.getBoolean("virtualThread"), e.toString());
            String key = "jtid=" + t.getJavaThreadId() + " virtual=" + t.isVirtual() + " op=" + e.getString("operation")
                    + " kind=" + e.getString("kind");
            long[] c = recorded.computeIfAbsent(key, k -> new long[2]);
            c[0]++;
            c[1] += e.getLong("bytes");
        }
        int virtualKeys = 0;
        for (String line : Files.readAllLines(report)) {
            Matcher m = EXPECT.matcher(line);
            if (!m.matches()) continue;
            String key = "jtid=" + m.group(1) + " virtual=" + m.group(2) + " op=" + m.group(3) + " kind=" + m.group(4);
            long[] got = recorded.getOrDefault(key, new long[2]);
            assertEquals(Long.parseLong(m.group(5)), got[0], "calls of " + key);
            assertEquals(Long.parseLong(m.group(6)), got[1], "bytes of " + key);
            if (m.group(2).equals("true")) virtualKeys++;
        }
        assertTrue(virtualKeys > 5, "the virtual thread's calls are events of the virtual thread");
    }

    /**
     * At exit: the summary comes after the program's shutdown hook, whose socket I/O it counts
     * exactly; the recording (written by JFR's own hook, beside the program's) holds what its
     * summaries say, and the accounting line says how many calls came after it.
     */
    @Test
    void exitCountsTheShutdownHooksCallsAndTheNumbersAddUp(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("exit.jfr");
        Path report = dir.resolve("expected.txt");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=jfr=" + jfr + ",summary=stderr"),
                ExitIo.class, report.toString(), "3"), 120);
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), r.toString());
        Map<String, long[]> summary = summaryLines(r.stderr());
        Map<String, long[]> expected = expectedPerOperation(Files.readAllLines(report));
        for (String socketOp : List.of("write socket", "read socket", "connect socket", "accept server-socket")) {
            long[] got = summary.get(socketOp);
            assertNotNull(got, socketOp + ":\n" + r.stderr());
            assertArrayEquals(expected.get(socketOp), new long[] {got[CALLS], got[BYTES]},
                    socketOp + ": every call, the shutdown hook's too:\n" + r.stderr());
        }
        Matcher total = Pattern.compile("lwp4j: syscall summary: calls=(\\d+) ").matcher(r.stderr());
        assertTrue(total.find(), r.stderr());
        long calls = Long.parseLong(total.group(1));
        assertEquals(calls, summary.values().stream().mapToLong(c -> c[CALLS]).sum(), "the lines add up to the total");
        Matcher accounting = Pattern.compile("lwp4j: syscall accounting: calls=(\\d+) in_recording=(\\d+) "
                + "after_recording=(\\d+) records_after_recording=(\\d+)").matcher(r.stderr());
        assertTrue(accounting.find(), r.stderr());
        assertEquals(calls, Long.parseLong(accounting.group(1)));
        long inRecording = Long.parseLong(accounting.group(2));
        assertEquals(calls, inRecording + Long.parseLong(accounting.group(3)));
        long summarised = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.SyscallSummary")).mapToLong(e -> e.getLong("calls"))
                .sum();
        assertEquals(inRecording, summarised, "the recording's summaries hold what the accounting says");
        Soak.report("exit-accounting", "exit_code", r.exitCode(), "calls", calls, "in_recording", inRecording,
                "after_recording", calls - inRecording, "socket_calls_with_hook",
                List.of("write socket", "read socket", "connect socket", "accept server-socket").stream()
                        .mapToLong(k -> expected.get(k)[0]).sum());
    }

    /**
     * jfr=join (the default): the lwp4j events go into a recording the JVM itself started with
     * -XX:StartFlightRecording and lwp4j.jfc (printed by {@code java -jar lwp4j-agent.jar jfc}).
     */
    @Test
    void joinsARecordingStartedOnTheCommandLine(@TempDir Path dir) throws Exception {
        ChildJvm.Result jfc = ChildJvm.run(List.of(ChildJvm.JAVA, "-jar", ChildJvm.agentJar().toString(), "jfc"), 60);
        assertEquals(0, jfc.exitCode(), jfc.toString());
        Path settings = Files.writeString(dir.resolve("lwp4j.jfc"), jfc.stdout());
        Path jfr = dir.resolve("joined.jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of(
                "-XX:StartFlightRecording:filename=" + jfr + ",settings=default,settings=" + settings,
                "-Xlog:jfr+startup=warning", "-javaagent:" + ChildJvm.agentJar()), io.lwp4j.agent.it.ExitCode.class, "0"),
                60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr());
        long writes = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("lwp4j.SyscallSummary") && e.getString("operation").equals("write")) {
                writes += e.getLong("calls");
            }
        }
        assertTrue(writes >= 2, "the program's file and stdout writes are summarised: " + writes);
    }
}
