package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
        Path file = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(realRecording, realRecording.length / 2));
        assertOneLineError(file, "cut.jfr is not a readable JFR recording (cut short: ");
    }

    @Test
    void recordingWithItsMiddleOverwritten() throws Exception {
        // Zeros, over more than any one event spans, so the parser's walk from event to event
        // must step into them. JFR has no checksums: a few KiB of random bytes there can read
        // as valid events, and the JDK's parser then skips the damage without a word (seen on
        // one recording in a clean-clone CI run), which no reader of the file can tell.
        byte[] bytes = realRecording.clone();
        Arrays.fill(bytes, bytes.length / 3, 2 * bytes.length / 3, (byte) 0);
        Path file = Files.write(dir.resolve("overwritten.jfr"), bytes);
        assertOneLineError(file, "overwritten.jfr is not a readable JFR recording (");
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

    /** Found by a user: {@code report X.jfr -o X.jfr} overwrote the recording with HTML and said nothing. */
    @Test
    void refusesToWriteTheReportOverItsRecording() throws Exception {
        Path file = Files.write(dir.resolve("kept.jfr"), realRecording);
        Path sameByAnotherName = dir.resolve("sub").resolve("..").resolve("kept.jfr");
        Files.createDirectories(dir.resolve("sub"));
        for (Path output : new Path[] {file, sameByAnotherName}) {
            CliRun run = CliRun.of("report", file.toString(), "-o", output.toString());
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.errLines().get(0).contains("is the recording the report is made from"), run.err());
            assertArrayEquals(realRecording, Files.readAllBytes(file), "the recording is untouched");
        }
    }

    /** The HTML cannot be written: the terminal table is printed all the same, then one error line. */
    @Test
    void theTableDoesNotDependOnTheHtml() throws Exception {
        Path file = Files.write(dir.resolve("table.jfr"), realRecording);
        Path unwritable = dir.resolve("no-such-dir").resolve("r.html");
        CliRun run = CliRun.of("report", file.toString(), "-o", unwritable.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.errLines().get(0).contains("cannot write " + unwritable), run.err());
        CliRun fine = CliRun.of("report", file.toString(), "-o", dir.resolve("table.html").toString());
        assertEquals(0, fine.exitCode(), fine.err());
        String table = fine.out().substring(0, fine.out().indexOf("\nreport: "));
        assertEquals(table, run.out(), "the same table as when the HTML is written");
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
