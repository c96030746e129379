package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real server under load recorded by the built agent ({@link H2ServerUnderLoad}:
 * H2's TCP server and its JDBC clients) answers first: the verdict, the exact I/O counts of the
 * recording, working time and waits apart, and the application's slow force with its thread,
 * its frame and its file, in the HTML and on the terminal.
 */
class ReportTest {
    @TempDir
    static Path dir;
    static Path recording;
    static Properties facts;
    static Map<String, SummaryTotals> totals;
    static String html;
    static CliRun run;

    /** One (operation, kind)'s sums over the recording's lwp4j.SyscallSummary events, read with the JDK's parser. */
    record SummaryTotals(long calls, long bytes, long errors, long waits, long workNanos, long waitNanos) {
        static SummaryTotals of(RecordedEvent e) {
            return new SummaryTotals(e.getLong("calls"), e.getLong("bytes"), e.getLong("errors"), e.getLong("waits"),
                    e.getDuration("callTime").toNanos(), e.getDuration("waitTime").toNanos());
        }

        SummaryTotals plus(SummaryTotals o) {
            return new SummaryTotals(calls + o.calls, bytes + o.bytes, errors + o.errors, waits + o.waits,
                    workNanos + o.workNanos, waitNanos + o.waitNanos);
        }
    }

    @BeforeAll
    static void report() throws Exception {
        recording = TestRecordings.server();
        facts = TestRecordings.facts(recording);
        totals = summaryTotals(recording);
        HtmlReportRun report = HtmlReportRun.of(recording, dir.resolve("server.html"));
        run = report.run();
        html = report.html();
    }

    /** Per "operation kind", the sums of the recording's summaries. */
    static Map<String, SummaryTotals> summaryTotals(Path recording) throws Exception {
        Map<String, SummaryTotals> sums = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("lwp4j.SyscallSummary")) continue;
            sums.merge(e.getString("operation") + " " + e.getString("kind"), SummaryTotals.of(e), SummaryTotals::plus);
        }
        return sums;
    }

    @Test
    void answersComeFirstInTheirOrder() {
        int verdict = html.indexOf("<section id=\"verdict\""), io = html.indexOf("<section id=\"io\""),
                slowest = html.indexOf("<section id=\"slowest\""), latency = html.indexOf("<section id=\"latency\"");
        assertTrue(verdict > 0 && verdict < io && io < slowest && slowest < latency, verdict + " " + io + " " + slowest + " " + latency);
        assertTrue(html.contains("<li class=\"ok\">nothing lost") || html.contains("<li class=\"lost\">"),
                "a verdict on loss: the agent's recording has lwp4j.DrainStatistics");
    }

    @Test
    void everyOperationsCountsAreTheRecordingsExactTotals() {
        assertTrue(totals.keySet().containsAll(List.of("read socket", "write socket", "write file", "force file",
                "accept server-socket", "connect socket")), totals.keySet().toString());
        List<String> terminalRows = new ArrayList<>();
        for (Map.Entry<String, SummaryTotals> e : totals.entrySet()) {
            String key = e.getKey();
            SummaryTotals t = e.getValue();
            String[] ok = key.split(" ");
            String row = ioRow(html, ok[0], ok[1]);
            assertEquals(t.calls(), stat(row, "calls"), key + " calls");
            assertEquals(t.bytes(), stat(row, "bytes"), key + " bytes");
            assertEquals(t.errors(), stat(row, "errors"), key + " errors");
            assertEquals(t.waits(), stat(row, "waits"), key + " waits");
            assertEquals(t.workNanos(), stat(row, "work"), key + " work");
            assertEquals(t.waitNanos(), stat(row, "wait"), key + " wait");
            Matcher line = Pattern.compile("(?m)^\\s*" + Pattern.quote(ok[0]) + "\\s+" + Pattern.quote(ok[1]) + "\\s+(\\S+)\\s")
                    .matcher(run.out());
            if (line.find()) {
                assertEquals(Units.count(t.calls()), line.group(1), "the terminal's calls of " + key);
                terminalRows.add(key);
            }
        }
        assertEquals(Math.min(TextReport.LEAD_ROWS, totals.size()), terminalRows.size(), "rows on the terminal: " + run.out());
        // what the application counted itself is among them, beside H2's own calls: its connections
        // (H2 connects once more, to see that its server listens), its journal's and snapshot's
        // writes and forces (H2 writes and forces its database file)
        assertTrue(totals.get("connect socket").calls() >= fact("connections"), facts + " " + totals);
        assertTrue(totals.get("write file").calls() >= fact("journalWrites") + H2ServerUnderLoad.SNAPSHOT_MIB, facts + " " + totals);
        assertTrue(totals.get("force file").calls() >= fact("journalForces") + 1, facts + " " + totals);
    }

    @Test
    void waitsAreApartFromWork() {
        String accept = ioRow(html, "accept", "server-socket");
        assertEquals(0, stat(accept, "work"), "an accept is all wait");
        assertEquals(0, stat(accept, "p99"), "an accept's work percentiles are 0 ns, not its bucket's midpoint: " + accept);
        String read = ioRow(html, "read", "socket");
        assertTrue(stat(read, "wait-max") >= H2ServerUnderLoad.HELD_ANSWER_MS * 1_000_000L * 0.9,
                "the answer held back in the server is a wait of the client's read: " + read);
    }

    /**
     * The application's slow force (its {@value H2ServerUnderLoad#SNAPSHOT_MIB} MiB snapshot) is
     * among the slowest calls with its thread, its frame and its file: in the HTML and in the
     * terminal's first 40 lines. (Not necessarily first: a loaded machine can make a call slower still.)
     */
    @Test
    void theSlowForceIsAmongTheSlowestWithItsThreadFrameAndFile() {
        Matcher rows = Pattern.compile("<tr class=\"slow-call\" data-thread=\"([^\"]*)\" data-target=\"([^\"]*)\">(.*?)</tr>",
                Pattern.DOTALL).matcher(html);
        String forced = null;
        while (rows.find()) {
            if (rows.group(3).contains("<summary><code>" + H2ServerUnderLoad.SLOW_FORCE_FRAME + ":")) {
                assertEquals(H2ServerUnderLoad.SLOW_FORCE_THREAD, rows.group(1));
                assertEquals(facts.getProperty("snapshot"), rows.group(2));
                // its writes may be slow too, under writeback: the force is the one to find
                if (rows.group(3).contains("force file")) forced = rows.group(3);
            }
        }
        assertNotNull(forced, "the snapshot's force among the slowest calls: " + html.substring(html.indexOf("<section id=\"slowest\"")));

        String out = run.out();
        String lead = out.substring(0, out.contains("\nKernel costs:") ? out.indexOf("\nKernel costs:") : out.indexOf("\nreport: "));
        assertTrue(lead.lines().count() < 40, "the terminal's answers fit in 40 lines:\n" + lead);
        String slowLine = lead.lines().filter(l -> l.contains(H2ServerUnderLoad.SLOW_FORCE_FRAME + ":") && l.contains("force file"))
                .findFirst().orElseThrow(() -> new AssertionError("no slow force on the terminal:\n" + lead));
        assertTrue(slowLine.contains(H2ServerUnderLoad.SLOW_FORCE_THREAD), slowLine);
        String snapshot = facts.getProperty("snapshot");
        assertTrue(slowLine.contains(snapshot.substring(snapshot.length() - 20)), slowLine);
        assertTrue(lead.indexOf("Where I/O time went") < lead.indexOf("Slowest calls"), lead);
    }

    @Test
    void poolsAreGroupedByNamePrefix() {
        assertTrue(html.contains("data-key=\"" + H2ServerUnderLoad.POOL + ThreadGroupName.ELLIPSIS + "\""), "the pool as one row");
        assertFalse(html.contains("<tr class=\"tally-row\" data-key=\"" + H2ServerUnderLoad.SLOW_FORCE_THREAD + "\""),
                "no row per pool thread");
        assertTrue(html.contains("data-key=\"" + facts.getProperty("snapshot") + "\""), "the snapshot as a file row");
    }

    /**
     * Ranked by whole calls, the client's read that waited on the held answer is among its
     * thread's slowest, with its frame and its peer.
     */
    @Test
    void includeWaitsRanksByTheWholeCall() throws Exception {
        CliRun waits = CliRun.of("report", recording.toString(), "--include-waits", "--thread", H2ServerUnderLoad.HELD_ANSWER_THREAD,
                "--json");
        assertEquals(0, waits.exitCode(), waits.err());
        JsonNode calls = new ObjectMapper().readTree(waits.out()).get("recordedCalls");
        assertEquals("whole", calls.get("rankedBy").asText());
        JsonNode held = null; // the longest of its calls (the statement's prepare is one too)
        for (JsonNode call : calls.get("slowest")) {
            for (JsonNode frame : call.get("frames")) {
                if (frame.asText().startsWith(H2ServerUnderLoad.HELD_ANSWER_FRAME + ":")
                        && (held == null || call.get("durationNanos").asLong() > held.get("durationNanos").asLong())) {
                    held = call;
                }
            }
        }
        assertNotNull(held, "the read that waited for the held answer: " + calls.get("slowest"));
        assertEquals("read", held.get("operation").asText());
        assertEquals("socket", held.get("kind").asText());
        assertEquals(facts.getProperty("server"), held.get("target").asText(), "its peer, the H2 server");
        assertTrue(held.get("waitNanos").asLong() >= H2ServerUnderLoad.HELD_ANSWER_MS * 1_000_000L, held.toString());
    }

    @Test
    void threadFilterKeepsOnlyThatPoolsCalls() {
        String pool = H2ServerUnderLoad.POOL + ".*";
        CliRun filtered = CliRun.of("report", recording.toString(), "--text", "--thread", pool);
        assertEquals(0, filtered.exitCode(), filtered.err());
        String out = filtered.out();
        assertTrue(out.contains("recorded calls of threads matching " + pool + " only"), out);
        String slowest = out.substring(out.indexOf("Slowest calls"));
        assertFalse(slowest.contains("H2 TCP"), slowest);
        assertTrue(slowest.contains(H2ServerUnderLoad.SLOW_FORCE_THREAD), slowest);
    }

    /**
     * --from/--to: the calls of exactly the summary intervals whose middle lies in the range; here
     * from the end of the first interval (which it leaves out) to the end of the last.
     */
    @Test
    void timeRangeCountsTheIntervalsInIt() throws Exception {
        List<RecordedEvent> summaries = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.SyscallSummary")).toList();
        long from = summaries.stream().mapToLong(e -> RecordingScan.epochNanos(e.getStartTime())).min().orElseThrow();
        long to = summaries.stream().mapToLong(e -> RecordingScan.epochNanos(e.getStartTime())).max().orElseThrow();
        long expected = 0, all = 0;
        for (RecordedEvent e : summaries) {
            long middle = RecordingScan.epochNanos(e.getStartTime()) - e.getDuration("interval").toNanos() / 2;
            if (middle >= from && middle <= to) expected += e.getLong("calls");
            all += e.getLong("calls");
        }
        assertTrue(expected > 0 && expected < all, "the range holds some of the calls: " + expected + " of " + all);
        CliRun ranged = CliRun.of("report", recording.toString(), "--from", instant(from), "--to", instant(to), "--json");
        assertEquals(0, ranged.exitCode(), ranged.err());
        long reported = 0;
        for (JsonNode row : new ObjectMapper().readTree(ranged.out()).get("io")) reported += row.get("calls").asLong();
        assertEquals(expected, reported);
    }

    private static String instant(long epochNanos) {
        return java.time.Instant.ofEpochSecond(0, epochNanos).toString();
    }

    private static long fact(String name) {
        return Long.parseLong(facts.getProperty(name));
    }

    @Test
    void badOptionsAreOneLineEach() {
        for (List<String> args : List.of(List.of("--from", "yesterday"), List.of("--thread", "h2-client-["), List.of("--top", "-1"),
                List.of("--text", "--json"))) {
            List<String> line = new ArrayList<>(List.of("report", recording.toString()));
            line.addAll(args);
            CliRun bad = CliRun.of(line.toArray(String[]::new));
            assertEquals(2, bad.exitCode(), args + ": " + bad.err());
            assertFalse(bad.err().contains("Exception"), bad.err());
        }
    }

    static String ioRow(String page, String operation, String kind) {
        int at = page.indexOf("<tr class=\"io-row\" data-operation=\"" + operation + "\" data-kind=\"" + kind + "\">");
        assertTrue(at >= 0, "no I/O row " + operation + " " + kind);
        return page.substring(at, page.indexOf("</tr>", at));
    }

    static long stat(String html, String stat) {
        Matcher m = Pattern.compile("data-stat=\"" + Pattern.quote(stat) + "\" data-value=\"(-?\\d+)\"").matcher(html);
        assertTrue(m.find(), "no " + stat + " in " + html);
        return Long.parseLong(m.group(1));
    }
}
