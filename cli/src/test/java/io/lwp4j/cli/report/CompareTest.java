package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --compare} on two recordings of one real workload ({@link H2ServerUnderLoad} under the
 * built agent) with one known change: the application forces its journal after every request
 * instead of every tenth. The force row shows the change.
 */
class CompareTest {
    @TempDir
    Path dir;

    @Test
    void theChangedRowShowsTheChange() throws Exception {
        Path before = TestRecordings.server(), after = TestRecordings.serverForcingEveryRequest();
        Properties b = TestRecordings.facts(before), a = TestRecordings.facts(after);
        double forcesPerWriteBefore = ratio(b, "journalForces", "journalWrites"), forcesPerWriteAfter = ratio(a, "journalForces", "journalWrites");
        assertTrue(forcesPerWriteAfter == 1 && forcesPerWriteBefore < 0.15, "the workloads differ as designed: "
                + forcesPerWriteBefore + " -> " + forcesPerWriteAfter);
        Path html = dir.resolve("compare.html");
        CliRun run = CliRun.of("report", "--compare", before.toString(), after.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);

        String force = ReportTest.ioRow(page, "force", "file");
        long forcesBefore = ReportTest.summaryTotals(before).get("force file").calls();
        long forcesAfter = ReportTest.summaryTotals(after).get("force file").calls();
        assertEquals(forcesBefore, ReportTest.stat(force, "calls-before"));
        assertEquals(forcesAfter, ReportTest.stat(force, "calls-after"));
        double ratio = (double) forcesAfter / forcesBefore;
        assertTrue(force.contains("data-stat=\"calls-ratio\" data-value=\"" + ratio + "\" class=\"changed\""), force);

        String text = run.out();
        String forceLine = text.lines().filter(l -> l.strip().startsWith("force") && l.contains("file")).findFirst()
                .orElseThrow(() -> new AssertionError(text));
        assertTrue(forceLine.contains(Units.count(forcesBefore)) && forceLine.contains(Units.count(forcesAfter))
                && forceLine.contains("x" + Units.significant(ratio) + " *"), forceLine);
    }

    private static double ratio(Properties facts, String numerator, String denominator) {
        return (double) Long.parseLong(facts.getProperty(numerator)) / Long.parseLong(facts.getProperty(denominator));
    }

    @Test
    void oneRecordingIsNotAComparison() {
        CliRun run = CliRun.of("report", "--compare", "a.jfr");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--compare needs two recordings"), run.err());
    }
}
