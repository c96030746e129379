package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording the report cannot use gives one clear line and exit code 1, never a stack trace or an HTML file. */
class ReportErrorsTest {
    @TempDir
    static Path dir;
    static byte[] realRecording;

    @BeforeAll
    static void readARealRecording() throws Exception {
        realRecording = Files.readAllBytes(PipelineRecording.file());
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.jfr"));
        assertOneLineError(file, "empty.jfr is empty (0 bytes): not a JFR recording");
    }

    @Test
    void notJfrAtAll() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(1).nextBytes(garbage);
        Path file = Files.write(dir.resolve("garbage.jfr"), garbage);
        assertOneLineError(file, "garbage.jfr is not a readable JFR recording (Not a Flight Recorder file)");
    }

    @Test
    void recordingCutShort() throws Exception {
        Path file = Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(realRecording, realRecording.length / 2));
        assertOneLineError(file, "cut.jfr is not a readable JFR recording (cut short: ");
    }

    @Test
    void recordingWithGarbageInTheMiddle() throws Exception {
        byte[] bytes = realRecording.clone();
        Random random = new Random(2);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 4096; i++) bytes[i] = (byte) random.nextInt();
        Path file = Files.write(dir.resolve("scrambled.jfr"), bytes);
        assertOneLineError(file, "scrambled.jfr is not a readable JFR recording (");
    }

    @Test
    void missingFile() {
        assertOneLineError(dir.resolve("missing.jfr"), "missing.jfr: cannot read it (no such file)");
    }

    @Test
    void recordingWithoutLwp4jEvents() throws Exception {
        Path file = dir.resolve("jdk-only.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.JVMInformation").with("period", "beginChunk");
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        assertOneLineError(file, "jdk-only.jfr holds no lwp4j.* events (");
    }

    private static void assertOneLineError(Path recording, String expected) {
        Path html = dir.resolve(recording.getFileName() + ".html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("lwp4j report: " + dir), line);
        assertTrue(line.contains(expected), line);
        assertFalse(line.contains("internal error"), line);
        assertEquals("", run.out());
        assertFalse(Files.exists(html));
    }
}
