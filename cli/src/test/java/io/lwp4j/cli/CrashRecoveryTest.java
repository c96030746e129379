package io.lwp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM recording with the built agent ({@code jfr=app.jfr}) is killed (SIGKILL) 3 s into its
 * I/O, before it can write app.jfr: {@code report app.jfr} says it recovered the chunks JFR
 * flushed beside it and reports from them, at least the first 2 s of the I/O.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void reportRecoversTheChunksOfAKilledJvm() throws Exception {
        Path agent = Installation.defaultAgentJar();
        assertTrue(Files.isRegularFile(agent), agent + " is built before the CLI (mvn package)");
        Path jfr = dir.resolve("app.jfr");
        Process child = new ProcessBuilder(Installation.javaLauncher().toString(), "--enable-native-access=ALL-UNNAMED",
                "-javaagent:" + agent + "=jfr=" + jfr + ",jfrthreshold=0ms,canary=off", "-cp",
                System.getProperty("java.class.path"), SteadyWriter.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("doing I/O", out.readLine(), "the child started its I/O");
            Thread.sleep(3_000);                            // 3 s into its I/O: the scenario, not a wait
        } finally {
            child.destroyForcibly();                        // SIGKILL
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
        assertTrue(!Files.exists(jfr) || Files.size(jfr) == 0, "a killed JVM wrote no recording");

        CliRun run = CliRun.of("report", jfr.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("recovered: " + jfr + " was not written (JVM " + child.pid()
                + " did not exit normally)"), run.out());
        Path recovered = dir.resolve("app.recovered.jfr");
        assertTrue(Files.isRegularFile(dir.resolve("app.html")), "the report is written under the recording's name");
        List<RecordedEvent> calls = RecordingFile.readAllEvents(recovered).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.Syscall")).toList();
        Instant first = calls.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Instant last = calls.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo).orElseThrow();
        Duration span = Duration.between(first, last);
        System.out.println("RELIABILITY sigkill-recovered syscall_events=" + calls.size() + " span_ms=" + span.toMillis()
                + " " + run.out().lines().findFirst().orElse(""));
        assertTrue(span.compareTo(Duration.ofSeconds(2)) >= 0, "at least the first 2 s of I/O, got " + span.toMillis()
                + " ms in " + calls.size() + " lwp4j.Syscall events");
    }
}
