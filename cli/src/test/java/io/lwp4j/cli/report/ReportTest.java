package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a server under load ({@link SyntheticServer}) answers first: the verdict, the
 * exact I/O counts of the recording, working time and waits apart, and the forced slow call with
 * its thread, its application frame and its file, in the HTML and on the terminal.
 */
class ReportTest {
    @TempDir
    static Path dir;
    static Path recording;
    static Properties totals;
    static String html;
    static CliRun run;

    @BeforeAll
    static void report() throws Exception {
        recording = TestRecordings.server();
        totals = SyntheticServer.totals(recording);
        Path out = dir.resolve("server.html");
        run = CliRun.of("report", recording.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        html = Files.readString(out);
    }

    @Test
    void answersComeFirstInTheirOrder() {
        int verdict = html.indexOf("<section id=\"verdict\""), io = html.indexOf("<section id=\"io\""),
                slowest = html.indexOf("<section id=\"slowest\""), latency = html.indexOf("<section id=\"latency\"");
        assertTrue(verdict > 0 && verdict < io && io < slowest && slowest < latency, verdict + " " + io + " " + slowest + " " + latency);
        assertTrue(html.contains("<li class=\"ok\">nothing lost") || html.contains("<li class=\"lost\">")
                || !html.contains("lwp4j.DrainStatistics"), "a verdict on loss when the recording can tell");
    }

    @Test
    void everyOperationsCountsAreTheRecordingsExactTotals() {
        Set<String> keys = new TreeSet<>();
        for (String name : totals.stringPropertyNames()) {
            if (name.endsWith(".calls")) keys.add(name.substring(0, name.length() - ".calls".length()));
        }
        assertTrue(keys.containsAll(List.of("read socket", "write socket", "write file", "force file", "accept server-socket",
                "select selector", "connect socket")), keys.toString());
        for (String key : keys) {
            String[] ok = key.split(" ");
            String row = ioRow(html, ok[0], ok[1]);
            for (String stat : List.of("calls", "bytes", "errors", "waits")) {
                assertEquals(Long.parseLong(totals.getProperty(key + "." + stat)), stat(row, stat), key + " " + stat);
            }
            assertEquals(Long.parseLong(totals.getProperty(key + ".work")), stat(row, "work"), key + " work");
            assertEquals(Long.parseLong(totals.getProperty(key + ".wait")), stat(row, "wait"), key + " wait");
            assertTrue(run.out().contains(Units.count(Long.parseLong(totals.getProperty(key + ".calls")))),
                    "the terminal shows " + key + "'s exact calls: " + run.out());
        }
    }

    @Test
    void waitsAreApartFromWork() {
        String select = ioRow(html, "select", "selector");
        assertEquals(0, stat(select, "work"), "a select is all wait");
        assertEquals(stat(select, "calls"), stat(select, "waits"));
        assertTrue(stat(select, "wait-p99") >= 50_000_000L, "select(100 ms) waits show as waits: " + select);
        String accept = ioRow(html, "accept", "server-socket");
        assertEquals(0, stat(accept, "p99"), "an accept never lands in the work percentiles");
    }

    /**
     * The forced slow force (250 ms, in {@link SyntheticServer.Journal#forceSlowly}) is among the
     * slowest calls with its thread, its frame and its file: in the HTML and in the terminal's
     * first 40 lines. (Not necessarily first: a loaded machine can make a call slower still.)
     */
    @Test
    void theForcedSlowCallIsAmongTheSlowestWithItsThreadFrameAndFile() {
        Matcher rows = Pattern.compile("<tr class=\"slow-call\" data-thread=\"([^\"]*)\" data-target=\"([^\"]*)\">(.*?)</tr>",
                Pattern.DOTALL).matcher(html);
        String forced = null;
        while (rows.find()) {
            if (rows.group(3).contains("<summary><code>" + SyntheticServer.SLOW_FORCE_FRAME + ":")) {
                assertEquals(SyntheticServer.SLOW_FORCE_THREAD, rows.group(1));
                assertEquals(totals.getProperty("journal"), rows.group(2));
                forced = rows.group(3);
            }
        }
        assertNotNull(forced, "the forced slow force among the slowest calls");
        assertTrue(forced.contains("force file"), forced);
        assertTrue(stat(forced, "took") >= 250_000_000L, forced);

        String out = run.out();
        String lead = out.substring(0, out.contains("\nKernel costs:") ? out.indexOf("\nKernel costs:") : out.indexOf("\nreport: "));
        assertTrue(lead.lines().count() < 40, "the terminal's answers fit in 40 lines:\n" + lead);
        String slowLine = lead.lines().filter(l -> l.contains(SyntheticServer.SLOW_FORCE_FRAME + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no forced slow force on the terminal:\n" + lead));
        assertTrue(slowLine.contains(SyntheticServer.SLOW_FORCE_THREAD) && slowLine.contains("force file"), slowLine);
        String journal = totals.getProperty("journal");
        assertTrue(slowLine.contains(journal.substring(journal.length() - 20)), slowLine);
        assertTrue(lead.indexOf("Where I/O time went") < lead.indexOf("Slowest calls"), lead);
    }

    @Test
    void poolsAreGroupedByNamePrefix() {
        assertTrue(html.contains("data-key=\"" + SyntheticServer.POOL + ThreadGroupName.ELLIPSIS + "\""), "the pool as one row");
        assertFalse(html.contains("<tr class=\"tally-row\" data-key=\"" + SyntheticServer.SLOW_FORCE_THREAD + "\""),
                "no row per pool thread");
        assertTrue(html.contains("data-key=\"" + totals.getProperty("journal") + "\""), "the journal as a file row");
    }

    @Test
    void includeWaitsRanksByTheWholeCall() throws Exception {
        Path json = dir.resolve("waits.json");
        CliRun waits = CliRun.of("report", recording.toString(), "--include-waits", "--json", "-o", json.toString());
        assertEquals(0, waits.exitCode(), waits.err());
        String text = Files.readString(json);
        assertTrue(text.contains("\"rankedBy\":\"whole\""), text);
        Matcher m = Pattern.compile("\"slowest\":\\[\\{\"start\":\"[^\"]*\",\"offsetNanos\":-?\\d+,\"thread\":\"[^\"]*\","
                + "\"operation\":\"(\\w+)\",\"kind\":\"[^\"]*\",\"target\":\"[^\"]*\",\"durationNanos\":(\\d+),\"waitNanos\":(\\d+)")
                .matcher(text);
        assertTrue(m.find(), text);
        assertTrue(Long.parseLong(m.group(3)) >= 90_000_000L, "with waits, a wait of ~100 ms leads: " + m.group());
    }

    @Test
    void threadFilterKeepsOnlyThatPoolsCalls() {
        CliRun filtered = CliRun.of("report", recording.toString(), "--text", "--thread", "qtp.*");
        assertEquals(0, filtered.exitCode(), filtered.err());
        String out = filtered.out();
        assertTrue(out.contains("recorded calls of threads matching qtp.* only"), out);
        String slowest = out.substring(out.indexOf("Slowest calls"));
        assertFalse(slowest.contains("selector") || slowest.contains("h2 tcp server"), slowest);
        assertTrue(slowest.contains(SyntheticServer.SLOW_FORCE_THREAD), slowest);
    }

    /** --from/--to: the calls of exactly the summary intervals whose middle lies in the range. */
    @Test
    void timeRangeCountsTheIntervalsInIt() throws Exception {
        long expected = 0;
        List<RecordedEvent> summaries = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.SyscallSummary")).toList();
        long start = chunkStart();
        for (RecordedEvent e : summaries) {
            long middle = RecordingScan.epochNanos(e.getStartTime()) - e.getDuration("interval").toNanos() / 2;
            if (middle >= start + 1_000_000_000L && middle <= start + 2_000_000_000L) expected += e.getLong("calls");
        }
        assertTrue(expected > 0, "calls in the second second");
        Path json = dir.resolve("range.json");
        CliRun ranged = CliRun.of("report", recording.toString(), "--from", "1s", "--to", "2s", "--json", "-o", json.toString());
        assertEquals(0, ranged.exitCode(), ranged.err());
        long reported = 0;
        Matcher calls = Pattern.compile("\"kind\":\"[^\"]*\",\"calls\":(\\d+)").matcher(Files.readString(json));
        while (calls.find()) reported += Long.parseLong(calls.group(1));
        assertEquals(expected, reported);
    }

    @Test
    void badOptionsAreOneLineEach() {
        for (List<String> args : List.of(List.of("--from", "yesterday"), List.of("--thread", "qtp["), List.of("--top", "-1"),
                List.of("--text", "--json"))) {
            List<String> line = new java.util.ArrayList<>(List.of("report", recording.toString()));
            line.addAll(args);
            CliRun bad = CliRun.of(line.toArray(String[]::new));
            assertEquals(2, bad.exitCode(), args + ": " + bad.err());
            assertFalse(bad.err().contains("Exception"), bad.err());
        }
    }

    private static long chunkStart() throws Exception {
        try (var channel = java.nio.channels.FileChannel.open(recording)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(48);
            channel.read(header, 0);
            return header.getLong(32);
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
