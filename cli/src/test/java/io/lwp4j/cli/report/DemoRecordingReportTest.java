package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the recording the demo writes under the built agent, as a user makes it: the
 * demo makes every kind of record lwp4j makes, so its report has every section, each counting
 * what the recording holds.
 */
class DemoRecordingReportTest {
    @TempDir
    static Path dir;
    static List<RecordedEvent> events;
    static String html;
    static CliRun run;

    @BeforeAll
    static void report() throws Exception {
        Path recording = TestRecordings.demo();
        events = RecordingFile.readAllEvents(recording);
        HtmlReportRun report = HtmlReportRun.of(recording, dir.resolve("demo.html"));
        run = report.run();
        html = report.html();
    }

    private static List<RecordedEvent> of(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void theVerdictSaysNothingWasLost() {
        assertFalse(of("lwp4j.DrainStatistics").isEmpty());
        assertTrue(html.contains("<li class=\"ok\">nothing lost: "), html.substring(0, Math.min(3000, html.length())));
        assertTrue(run.out().contains("ok      nothing lost"), run.out());
    }

    @Test
    void everyKernelSectionCountsWhatTheRecordingHolds() {
        assertTrue(html.contains("<table id=\"fault-handling\">"), "write faults");
        assertEquals(of("lwp4j.WriteFault").size(), ReportTest.stat(html, "handled"), "every write fault handled");
        int dirty = html.indexOf("<table id=\"dirty-pages\">");
        assertTrue(dirty > 0, "the demo's incremental checkpoints: async dirty-page scans");
        String scans = html.substring(dirty, html.indexOf("</table>", dirty));
        assertEquals(of("lwp4j.DirtyPages").size(), ReportTest.stat(scans, "scans"));
        assertEquals(of("lwp4j.DirtyPages").stream().mapToLong(e -> e.getLong("pagesWritten")).sum(), ReportTest.stat(scans, "written"));
        long getpidRuns = of("lwp4j.SyscallPathProbe").stream().filter(e -> e.getString("call").equals("getpid")).count();
        int canary = html.indexOf("<tr class=\"canary-call\" data-call=\"getpid\">");
        assertEquals(getpidRuns, ReportTest.stat(html.substring(canary, html.indexOf("</tr>", canary)), "runs"));
        assertTrue(html.contains("<div id=\"environment\">"), "the canary's environment");
        for (String strategy : List.of("naive", "reuse", "reuse-locked", "shared", "memfd-dual")) {
            assertTrue(html.contains("<tr data-strategy=\"" + strategy + "\">"), strategy);
        }
    }

    @Test
    void theIoSectionShowsTheDemosCalls() {
        List<RecordedEvent> summaries = of("lwp4j.SyscallSummary");
        assertFalse(summaries.isEmpty(), "the demo's code cache does I/O");
        long calls = summaries.stream().mapToLong(e -> e.getLong("calls")).sum();
        long reported = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr class=\"io-row\"[^>]*>.*?data-stat=\"calls\" data-value=\"(\\d+)\"")
                .matcher(html);
        while (m.find()) reported += Long.parseLong(m.group(1));
        assertEquals(calls, reported, "exact calls");
        assertTrue(html.contains("<table id=\"slowest-table\""), "the demo records each of its I/O calls (threshold 0)");
    }
}
