package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's costs from a real recording of lwp4j's drain pipeline and native probes
 * ({@link PipelineRecording}): every probe run counted, the canary beside what its syscalls
 * carry, lost records named with their fix, and all of it after the application's own I/O.
 */
class KernelCostsReportTest {
    @TempDir
    static Path dir;
    static String html;
    static CliRun run;
    static List<RecordedEvent> events;

    @BeforeAll
    static void report() throws Exception {
        Path recording = PipelineRecording.file();
        events = RecordingFile.readAllEvents(recording);
        HtmlReportRun report = HtmlReportRun.of(recording, dir.resolve("kernel.html"));
        run = report.run();
        html = report.html();
    }

    private static Map<String, Long> countBy(String event, String field) {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(event)) counts.merge(e.getValue(field).toString(), 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void everyCanaryRunIsCountedBesideWhatItsSyscallsCarry() {
        Map<String, Long> runs = countBy("lwp4j.SyscallPathProbe", "call");
        assertEquals(3, runs.size(), runs.toString());
        runs.forEach((call, n) -> {
            int at = html.indexOf("<tr class=\"canary-call\" data-call=\"" + call + "\">");
            assertTrue(at > 0, call);
            assertEquals(n, ReportTest.stat(html.substring(at, html.indexOf("</tr>", at)), "runs"), call);
        });
        RecordedEvent env = events.stream().filter(e -> e.getEventType().getName().equals("lwp4j.SyscallPathEnvironment"))
                .findFirst().orElseThrow();
        int table = html.indexOf("<div id=\"environment\">");
        assertTrue(table > 0 && table < html.indexOf("getpid median over time"), "the environment beside the figures");
        String environment = html.substring(table, html.indexOf("</div>", table));
        for (String mitigation : env.getString("mitigations").split("\n")) {
            assertTrue(environment.contains(Html.escape(mitigation)), mitigation + " in " + environment);
        }
        assertTrue(environment.contains(Html.escape(env.getString("audit"))), environment);
        assertTrue(html.contains(Seeds.GETPID_SOURCE), "the seed 004 comparison");
        assertTrue(run.out().contains("syscall path: getpid "), run.out());
    }

    @Test
    void everyCodeLoadingRunAndCanaryFaultIsCounted() {
        countBy("lwp4j.CodeLoadProbe", "strategy").forEach((strategy, n) -> {
            int at = html.indexOf("<tr data-strategy=\"" + strategy + "\">");
            assertEquals(n, ReportTest.stat(html.substring(at, html.indexOf("</tr>", at)), "runs"), strategy);
        });
        long faults = events.stream().filter(e -> e.getEventType().getName().equals("lwp4j.WriteFaultProbe")).count();
        if (PipelineRecording.canaryRan) {
            int at = html.indexOf("<tr data-step=\"totalTime\">");
            assertEquals(faults, ReportTest.stat(html.substring(at, html.indexOf("</tr>", at)), "count"));
        } else {
            assertFalse(html.contains("data-step=\"totalTime\""), "no canary section where userfaultfd was refused");
        }
    }

    @Test
    void lostRecordsAreNamedWithTheirFix() {
        long lost = events.stream().filter(e -> e.getEventType().getName().equals("lwp4j.RecordsLost"))
                .mapToLong(e -> e.getLong("lost")).sum();
        assertTrue(lost > 0, "the recording's tiny buffer overflowed");
        assertTrue(html.contains("<li class=\"lost\">" + Units.count(lost) + " records lost"), "lost " + lost);
        assertTrue(html.contains("Fix: bigger buffers for busy threads (buffer=256k"), "with its fix");
        assertTrue(run.out().contains("LOST    " + Units.count(lost) + " records lost"), run.out());
    }

    @Test
    void kernelCostsComeAfterTheApplicationsIo() {
        assertTrue(html.indexOf("<section id=\"kernel\"") > html.indexOf("<section id=\"io\""));
    }
}
