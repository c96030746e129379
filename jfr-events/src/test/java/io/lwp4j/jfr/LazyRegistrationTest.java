package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a JVM that runs no recording, the pipeline leaves JFR alone (no event registered, JFR not
 * initialized, records counted as filtered); the first recording registers the events before
 * it starts, so every record drained while it runs is in it. A child JVM: the test JVM's JFR
 * may already be initialized by other tests.
 */
class LazyRegistrationTest {
    @TempDir
    Path dir;

    @Test
    void theEventsAreRegisteredWhenTheFirstRecordingIsMade() throws Exception {
        Path file = dir.resolve("lazy.jfr");
        int before = 50;
        int after = 70;
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info:stdout", "-cp", System.getProperty("java.class.path"),
                LazyRegistrationChild.class.getName(), file.toString(), String.valueOf(before), String.valueOf(after)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not finish within 120 s: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains(LazyRegistrationChild.RECORDING_STARTS), out);
        Map<String, Long> values = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.matches("[a-zA-Z]+=-?\\d+")) values.put(line.split("=")[0], Long.parseLong(line.split("=")[1]));
        }
        String beforeRecording = out.substring(0, out.indexOf(LazyRegistrationChild.RECORDING_STARTS));
        assertFalse(beforeRecording.contains("jdk.jfr.internal.MetadataRepository "),
                "JFR's metadata repository was loaded before any recording was made");
        assertTrue(out.contains("jdk.jfr.internal.MetadataRepository "), "the recording loads the metadata repository");
        assertEquals(0L, values.get("jfrInitializedBeforeRecording"), "starting the pipeline initialized JFR: " + out);
        assertEquals(0L, values.get("registeredBeforeRecording"), out);
        assertEquals((long) before, values.get("filteredBeforeRecording"), "records drained before any recording: " + out);
        assertEquals(1L, values.get("registeredAfterRecordingStart"), out);

        List<Long> sequences = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("lwp4j.UserRecord")) sequences.add(e.getLong("sequence"));
        }
        sequences.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long s = before; s < before + after; s++) expected.add(s);
        assertEquals(expected, sequences, "every record drained while the recording ran, and only those");
        assertEquals((long) after, values.get("emitted"), out);
    }
}
