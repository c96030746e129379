package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.Soak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that end in JVM exit, in a child JVM: everything the buffers hold at exit reaches the
 * recording JFR writes at exit, and the counts add up exactly; with JFR off, raw pollers and
 * subscribers still see every record.
 */
class JvmExitTest {
    static final int THREADS = 4;
    static final long PER_THREAD = 300_000;

    @TempDir
    Path dir;

    record Child(int exitCode, String output, Map<String, Long> values) {}

    private Child run(List<String> jvmOptions, int exitCode, boolean rawPoller) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ExitChild.class.getName(),
                String.valueOf(THREADS), String.valueOf(PER_THREAD), String.valueOf(exitCode), String.valueOf(rawPoller)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        Map<String, Long> values = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.matches("[a-zA-Z]+=-?\\d+")) {
                String[] kv = line.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return new Child(p.exitValue(), out, values);
    }

    private void everyRecordReachesTheRecordingAtExit(int exitCode) throws Exception {
        Path jfc = Lwp4jSettings.writeTo(dir);
        Path recording = dir.resolve("exit.jfr");
        Child child = run(List.of("-XX:StartFlightRecording:filename=" + recording + ",settings=default,settings=" + jfc),
                exitCode, false);
        assertEquals(exitCode, child.exitCode(), child.output());
        long produced = THREADS * PER_THREAD;
        assertEquals(produced, child.values().get("produced"), child.output());

        Set<Long> seen = new HashSet<>(); // (tid << 32) | sequence: each record once
        long userEvents = 0;
        long lost = 0;
        RecordedEvent statistics = null;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            switch (e.getEventType().getName()) {
                case "lwp4j.UserRecord" -> {
                    userEvents++;
                    assertTrue(seen.add((long) e.getInt("osThreadId") << 32 | e.getLong("sequence")),
                            "record seen twice: " + e);
                }
                case "lwp4j.RecordsLost" -> lost += e.getLong("lost");
                case "lwp4j.DrainStatistics" -> statistics = e;
                default -> {}
            }
        }
        long beforeExit = child.values().get("drainedBeforeExit");
        Soak.report("jvm-exit-" + (exitCode == 0 ? "return" : "system-exit"), "threads", THREADS, "records", produced,
                "drained_before_exit", beforeExit, "events", userEvents, "lost", lost);
        assertNotNull(statistics, "lwp4j.DrainStatistics committed at exit");
        assertEquals(produced, userEvents + lost, "produced == emitted + lost, exactly: " + statistics);
        assertTrue(statistics.getBoolean("flushed"));
        assertEquals(produced, statistics.getLong("produced"));
        assertEquals(userEvents, statistics.getLong("emitted"));
        assertEquals(lost, statistics.getLong("lost"));
        assertEquals(0, statistics.getLong("pending"));
        assertEquals(0, statistics.getLong("inFlight"));
        assertTrue(userEvents > beforeExit, "the exit path brought records still in the buffers: "
                + beforeExit + " drained before exit, " + userEvents + " in the recording");
        Files.delete(recording);
    }

    @Test
    void mainReturnsAndTheRecordingHoldsEveryRecordOrItsLoss() throws Exception {
        everyRecordReachesTheRecordingAtExit(0);
    }

    @Test
    void systemExitAndTheRecordingHoldsEveryRecordOrItsLoss() throws Exception {
        everyRecordReachesTheRecordingAtExit(3);
    }

    @Test
    void withJfrDisabledRawPollersAndSubscribersStillSeeEveryRecord() throws Exception {
        Child child = run(List.of("-XX:-FlightRecorder"), 0, true);
        assertEquals(0, child.exitCode(), child.output());
        assertTrue(child.output().contains("JFR is not available"), child.output());
        long produced = THREADS * PER_THREAD;
        Map<String, Long> v = child.values();
        Soak.report("jvm-exit-jfr-off", "threads", THREADS, "records", produced, "raw_seen", v.get("rawSeen"),
                "drained", v.get("drained"), "subscribed", v.get("subscribed"), "lost", v.get("lost"));
        assertEquals(0, v.get("rawOutOfOrder"));
        assertEquals(0, v.get("emitted"), "nothing can be emitted without JFR");
        assertEquals(v.get("drained"), v.get("filtered"));
        assertEquals(v.get("drained"), v.get("subscribed"), "subscribers got every drained record");
        assertEquals(produced, v.get("rawSeen") + v.get("lost"), "the raw poller saw every record not dropped");
        assertEquals(produced, v.get("drained") + v.get("lost"), "so did the drain pipeline");
    }
}
