package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An event's own duration is a latency like any @Timespan field: histogram, percentiles, exact numbers. */
class TimedEventTest {
    @TempDir
    Path dir;

    @Test
    void theEventsOwnDurationIsCharted() throws Exception {
        Path recording = dir.resolve("timed.jfr");
        TimedEventRecording.write(recording, 50);
        Path html = dir.resolve("timed.html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<Long> durations = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(TimedEventRecording.EVENT))
                .map(RecordedEvent::getDuration).map(java.time.Duration::toNanos).sorted().toList();
        String page = Files.readString(html);
        String row = "<tr class=\"latency\" data-event=\"" + TimedEventRecording.EVENT + "\" data-field=\"duration\" data-group=\"\">";
        assertTrue(page.contains(row), "a row for the event's duration");
        String cells = page.substring(page.indexOf(row), page.indexOf("</tr>", page.indexOf(row)));
        assertTrue(cells.contains("data-stat=\"count\" data-value=\"50\""), cells);
        assertTrue(cells.contains("data-stat=\"min\" data-value=\"" + durations.get(0) + "\""), cells);
        assertTrue(cells.contains("data-stat=\"max\" data-value=\"" + durations.get(49) + "\""), cells);
        assertTrue(page.contains("data-chart=\"latency-histogram\""));
    }
}
