package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.Warnings;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lwp4j's warnings reach the recording, each at the start and the end of the chunk. */
class WarningRecorderTest {
    @TempDir
    Path dir;

    @Test
    void everyWarningSaidIsInTheRecording() throws Exception {
        String message = "the test feature is off (WarningRecorderTest): refused; allow it to turn it back on";
        Warnings.warnOnce("warning-recorder-test", message);
        Path file = dir.resolve("warnings.jfr");
        WarningRecorder.install();
        try (Recording recording = new Recording(Lwp4jSettings.with("default"))) {
            recording.start();
            recording.stop();
            recording.dump(file);
        } finally {
            WarningRecorder.uninstall();
        }
        List<String> messages = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.Warning")).map(e -> e.getString("message")).toList();
        assertEquals(2, messages.stream().filter(message::equals).count(), "at the chunk's start and end: " + messages);
        assertTrue(messages.containsAll(Warnings.said()), "every warning said: " + messages);
    }
}
