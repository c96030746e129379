package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --compare} on two recordings of one workload with one known change: the server forces
 * its journal after every request instead of every tenth. The force row shows the change.
 */
class CompareTest {
    @TempDir
    Path dir;

    @Test
    void theChangedRowShowsTheChange() throws Exception {
        Path before = TestRecordings.server(), after = TestRecordings.serverForcingEveryRequest();
        Properties b = SyntheticServer.totals(before), a = SyntheticServer.totals(after);
        Path html = dir.resolve("compare.html");
        CliRun run = CliRun.of("report", "--compare", before.toString(), after.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);

        String force = ReportTest.ioRow(page, "force", "file");
        long forcesBefore = Long.parseLong(b.getProperty("force file.calls")), forcesAfter = Long.parseLong(a.getProperty("force file.calls"));
        assertEquals(forcesBefore, ReportTest.stat(force, "calls-before"));
        assertEquals(forcesAfter, ReportTest.stat(force, "calls-after"));
        double ratio = (double) forcesAfter / forcesBefore;
        long writesBefore = Long.parseLong(b.getProperty("write file.calls")), writesAfter = Long.parseLong(a.getProperty("write file.calls"));
        double forcesPerWriteBefore = (double) forcesBefore / writesBefore, forcesPerWriteAfter = (double) forcesAfter / writesAfter;
        assertTrue(forcesPerWriteAfter > 0.95 && forcesPerWriteBefore < 0.15, "the workloads differ as designed: "
                + forcesPerWriteBefore + " -> " + forcesPerWriteAfter);
        assertTrue(force.contains("data-stat=\"calls-ratio\" data-value=\"" + ratio + "\" class=\"changed\""), force);

        String text = run.out();
        String forceLine = text.lines().filter(l -> l.strip().startsWith("force") && l.contains("file")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(forceLine.contains(Units.count(forcesBefore)) && forceLine.contains(Units.count(forcesAfter))
                && forceLine.contains("x" + Units.significant(ratio) + " *"), forceLine);
    }

    @Test
    void oneRecordingIsNotAComparison() {
        CliRun run = CliRun.of("report", "--compare", "a.jfr");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--compare needs two recordings"), run.err());
    }
}
