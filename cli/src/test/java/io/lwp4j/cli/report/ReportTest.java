package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code lwp4j report} on a real recording: every lwp4j event kind present gets its charts, and
 * the numbers in the HTML equal those computed here from the recording with jdk.jfr.consumer
 * alone (exact counts, minimum, maximum, sums; nearest-rank percentiles within HdrHistogram's
 * 0.1 %).
 */
class ReportTest {
    /** The group field each fixture kind is expected to be split by; kinds not listed are not grouped. */
    private static final Map<String, String> EXPECTED_GROUP_FIELD = Map.of(
            "lwp4j.Syscall", "operation", "lwp4j.SyscallSummary", "operation",
            "lwp4j.CodeLoadProbe", "strategy", "lwp4j.CodeLoadProbeSummary", "strategy",
            "lwp4j.SyscallPathProbe", "call", "lwp4j.SyscallPathProbeSummary", "call",
            "lwp4j.RecordTypeStatistics", "recordType", "lwp4j.WriteFaultProbe", "handlerWoken");
    /** The kinds the recording's sources produce; the write-fault ones where userfaultfd is allowed. */
    private static final java.util.Set<String> EXPECTED_KINDS = java.util.Set.of(
            "lwp4j.Syscall", "lwp4j.SyscallSummary", "lwp4j.SyscallPathProbe", "lwp4j.SyscallPathProbeSummary",
            "lwp4j.CodeLoadProbe", "lwp4j.CodeLoadProbeSummary", "lwp4j.RecordsLost", "lwp4j.UserRecord",
            "lwp4j.BufferStatistics", "lwp4j.DrainStatistics", "lwp4j.RecordTypeStatistics");
    private static final java.util.Set<String> WRITE_FAULT_KINDS = java.util.Set.of(
            "lwp4j.WriteFaultProbe", "lwp4j.WriteFaultProbeSummary");
    private static final java.util.Set<String> UNIT_CONTENT_TYPES = java.util.Set.of(
            "jdk.jfr.DataAmount", "jdk.jfr.Percentage", "jdk.jfr.Frequency");

    static Path recordingFile;
    static String html;
    static String terminal;

    static Map<String, java.util.Set<Object>> distinct;

    @BeforeAll
    static void report() throws Exception {
        recordingFile = PipelineRecording.file();
        Path htmlFile = recordingFile.resolveSibling("lwp4j.html");
        CliRun run = CliRun.of("report", recordingFile.toString(), "-o", htmlFile.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        html = Files.readString(htmlFile);
        terminal = run.out();
        distinct = distinctValuesPerField();
    }

    /**
     * Charts per kind, by the report's rules: latencies (timespan fields with more than one value)
     * get a histogram and percentiles over time, a side-by-side chart of the groups per field
     * when grouped, and one of all fields (times groups) when that makes at most 12 rows; varying
     * quantities get values over time when they have a unit or the kind has no latencies.
     */
    @Test
    void everyKindInTheRecordingHasItsSectionAndCharts() throws Exception {
        Map<String, List<ValueDescriptor>> types = kindsInRecording();
        java.util.Set<String> expected = new java.util.TreeSet<>(EXPECTED_KINDS);
        if (PipelineRecording.canaryRan) expected.addAll(WRITE_FAULT_KINDS);
        assertEquals(expected, new java.util.TreeSet<>(types.keySet()));
        assertEquals(types.size(), count(html, "<section class=\"event-kind\""));
        for (var type : types.entrySet()) {
            String name = type.getKey();
            String section = section(name);
            long latencies = type.getValue().stream().filter(f -> isTimespan(f) && varies(name, f)).count();
            long quantities = type.getValue().stream().filter(f -> isNumber(f) && !isTimespan(f) && varies(name, f))
                    .filter(f -> latencies == 0 || (f.getContentType() != null && UNIT_CONTENT_TYPES.contains(f.getContentType()))).count();
            String groupField = EXPECTED_GROUP_FIELD.get(name);
            long groups = groupField == null ? 1 : distinct.get(name + "|" + groupField).size();
            long sideBySide = (groupField == null ? 0 : latencies)
                    + (latencies > 1 && latencies * groups <= Charts.MAX_FIELD_ROWS ? 1 : 0);
            assertEquals(1, count(section, "data-chart=\"events-over-time\""), name);
            assertEquals(latencies, count(section, "data-chart=\"latency-histogram\""), name);
            assertEquals(latencies, count(section, "data-chart=\"latency-over-time\""), name);
            assertEquals(sideBySide, count(section, "data-chart=\"side-by-side\""), name);
            assertEquals(quantities, count(section, "data-chart=\"quantity-over-time\""), name);
        }
        assertEquals(0, count(html, "http://") + count(html, "https://") - count(html, "xmlns=\"http://www.w3.org/2000/svg\""),
                "the report fetches nothing");
    }

    @Test
    void latencyNumbersEqualTheRecording() throws Exception {
        Map<String, List<Long>> expected = new TreeMap<>();
        Map<String, List<ValueDescriptor>> types = kindsInRecording();
        try (RecordingFile file = new RecordingFile(recordingFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (!type.startsWith("lwp4j.")) continue;
                String groupField = EXPECTED_GROUP_FIELD.get(type);
                String group = groupField == null ? "" : java.util.Objects.toString(e.getValue(groupField));
                for (ValueDescriptor f : types.get(type)) {
                    if (!isTimespan(f) || !varies(type, f)) continue;
                    expected.computeIfAbsent(type + "|" + f.getName() + "|" + group, k -> new ArrayList<>())
                            .add(e.getDuration(f.getName()).toNanos());
                }
            }
        }
        Map<String, Map<String, String>> rows = rows("latency");
        assertEquals(expected.keySet(), rows.keySet());
        for (var entry : expected.entrySet()) {
            List<Long> values = entry.getValue();
            values.sort(null);
            Map<String, String> row = rows.get(entry.getKey());
            String where = entry.getKey();
            assertEquals(values.size(), Long.parseLong(row.get("count")), where);
            assertEquals(values.get(0), Long.parseLong(row.get("min")), where);
            assertEquals(values.get(values.size() - 1), Long.parseLong(row.get("max")), where);
            double mean = values.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertEquals(Math.round(mean), Long.parseLong(row.get("mean")), where);
            for (double p : LatencyStatistics.PERCENTILES) {
                int rank = java.math.BigDecimal.valueOf(p).multiply(java.math.BigDecimal.valueOf(values.size()))
                        .divide(java.math.BigDecimal.valueOf(100)).setScale(0, java.math.RoundingMode.CEILING).intValueExact();
                long exact = values.get(Math.max(1, rank) - 1);
                long reported = Long.parseLong(row.get(HtmlReport.percentileName(p)));
                assertTrue(Math.abs(reported - exact) <= exact / 1000 + 1,
                        where + " " + p + ": reported " + reported + ", nearest rank " + exact);
            }
        }
    }

    @Test
    void quantityNumbersEqualTheRecording() throws Exception {
        record Values(List<Double> values, double[] lastValue, long[] lastStart) { }
        Map<String, Values> expected = new TreeMap<>();
        Map<String, List<ValueDescriptor>> types = kindsInRecording();
        try (RecordingFile file = new RecordingFile(recordingFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (!type.startsWith("lwp4j.")) continue;
                String groupField = EXPECTED_GROUP_FIELD.get(type);
                String group = groupField == null ? "" : java.util.Objects.toString(e.getValue(groupField));
                for (ValueDescriptor f : types.get(type)) {
                    if (!isNumber(f) || isTimespan(f) || !varies(type, f)) continue;
                    double v = ((Number) e.getValue(f.getName())).doubleValue();
                    Values values = expected.computeIfAbsent(type + "|" + f.getName() + "|" + group,
                            k -> new Values(new ArrayList<>(), new double[] {Double.NaN}, new long[] {Long.MIN_VALUE}));
                    values.values.add(v);
                    long start = RecordingReader.epochNanos(e.getStartTime());
                    if (start >= values.lastStart[0]) {
                        values.lastValue[0] = v;
                        values.lastStart[0] = start;
                    }
                }
            }
        }
        Map<String, Map<String, String>> rows = rows("quantity");
        assertEquals(expected.keySet(), rows.keySet());
        for (var entry : expected.entrySet()) {
            List<Double> values = entry.getValue().values;
            Map<String, String> row = rows.get(entry.getKey());
            String where = entry.getKey();
            assertEquals(values.size(), Long.parseLong(row.get("count")), where);
            assertEquals(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), Double.parseDouble(row.get("min")), where);
            assertEquals(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), Double.parseDouble(row.get("max")), where);
            assertEquals(values.stream().mapToDouble(Double::doubleValue).sum(), Double.parseDouble(row.get("sum")), 1e-9, where);
            assertEquals(entry.getValue().lastValue[0], Double.parseDouble(row.get("last")), where);
        }
    }

    @Test
    void histogramsAndEventChartsCountEveryEvent() throws Exception {
        Map<String, Long> perGroup = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recordingFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (!type.startsWith("lwp4j.")) continue;
                String groupField = EXPECTED_GROUP_FIELD.get(type);
                perGroup.merge(type + "|" + (groupField == null ? "all" : java.util.Objects.toString(e.getValue(groupField))), 1L, Long::sum);
            }
        }
        for (String type : kindsInRecording().keySet()) {
            String section = section(type);
            for (String chart : List.of("events-over-time", "latency-histogram")) {
                Matcher charts = Pattern.compile("data-chart=\"" + chart + "\".*?</svg>").matcher(section);
                while (charts.find()) {
                    Matcher series = Pattern.compile("data-series=\"([^\"]*)\" data-total=\"(\\d+)\"").matcher(charts.group());
                    int seen = 0;
                    while (series.find()) {
                        seen++;
                        assertEquals(perGroup.get(type + "|" + unescape(series.group(1))), Long.parseLong(series.group(2)),
                                type + " " + chart + " " + series.group(1));
                    }
                    assertTrue(seen > 0, type + " " + chart);
                }
            }
        }
    }

    @Test
    void theAskedForViewsAppear() {
        for (var grouped : EXPECTED_GROUP_FIELD.entrySet()) {
            assertTrue(section(grouped.getKey()).contains("(<code>" + grouped.getValue() + "</code>)"), grouped.toString());
        }
        String codeLoad = section("lwp4j.CodeLoadProbe");
        for (String strategy : List.of("naive", "reuse", "reuse-locked", "shared", "memfd-dual")) {
            assertTrue(codeLoad.contains("class=\"row\" data-row=\"" + strategy + "\""), "strategies side by side: " + strategy);
        }
        String canary = section("lwp4j.SyscallPathProbe");
        for (String call : List.of("getpid", "clock_gettime-vdso", "clock_gettime-syscall")) {
            assertTrue(canary.contains("class=\"row\" data-row=\"" + call + "\""), "probed calls side by side: " + call);
        }
        String io = section("lwp4j.Syscall");
        for (String operation : List.of("read", "write", "pread", "pwrite", "force", "open")) {
            assertTrue(io.contains("class=\"row\" data-row=\"" + operation + "\""), "I/O per operation: " + operation);
        }
        assertTrue(io.contains("Descriptor Kind always <code>file</code>"), "constants stated once");
    }

    @Test
    void lostRecordsAreCounted() throws Exception {
        long lostTotal = RecordingFile.readAllEvents(recordingFile).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.RecordsLost")).mapToLong(e -> e.getLong("lostTotal")).max().orElseThrow();
        String lost = section("lwp4j.RecordsLost");
        assertTrue(lost.contains("data-stat=\"max\" data-value=\"" + (double) lostTotal + "\"")
                || lost.contains("Lost Total always <code>" + Units.count(lostTotal) + "</code>"), "lost total " + lostTotal + ": " + lost);
    }

    @Test
    void writeFaultStepsSideBySide() {
        org.junit.jupiter.api.Assumptions.assumeTrue(PipelineRecording.canaryRan, "userfaultfd refused here: no write-fault canary");
        String probe = section("lwp4j.WriteFaultProbe");
        String steps = probe.substring(probe.indexOf("<title>Fields of lwp4j.WriteFaultProbe side by side"));
        for (String step : List.of("Receive Time", "Resolve Time", "Complete Time", "Total Time")) {
            assertTrue(steps.contains("class=\"row\" data-row=\"" + step + " · Handler Woken: "), "write-fault steps side by side: " + step);
        }
        assertTrue(probe.contains(">log scale<"), "steps of microseconds beside a drain delay of milliseconds");
        assertTrue(probe.contains("Other numbers: Writer CPU, Handler CPU, Sequence"), "unitless numbers beside latencies: a table");
    }

    @Test
    void terminalSummaryListsEveryKind() throws Exception {
        for (String type : kindsInRecording().keySet()) assertTrue(terminal.contains(type), type);
        assertTrue(terminal.contains("p99.9"));
        assertTrue(terminal.lines().anyMatch(l -> l.startsWith("report: ")), terminal);
    }

    /** Top-level fields of each lwp4j type with events in the recording, read with jdk.jfr.consumer. */
    private static Map<String, List<ValueDescriptor>> kindsInRecording() throws Exception {
        Map<String, List<ValueDescriptor>> types = new TreeMap<>();
        try (RecordingFile file = new RecordingFile(recordingFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().startsWith("lwp4j.")) {
                    types.putIfAbsent(e.getEventType().getName(), e.getFields());
                }
            }
        }
        return types;
    }

    /** Distinct values per "type|field" of the lwp4j events. */
    private static Map<String, java.util.Set<Object>> distinctValuesPerField() throws Exception {
        Map<String, java.util.Set<Object>> values = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recordingFile)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().startsWith("lwp4j.")) continue;
                for (ValueDescriptor f : e.getFields()) {
                    values.computeIfAbsent(e.getEventType().getName() + "|" + f.getName(), k -> new java.util.HashSet<>())
                            .add(e.getValue(f.getName()));
                }
            }
        }
        return values;
    }

    private static boolean varies(String type, ValueDescriptor f) {
        return distinct.get(type + "|" + f.getName()).size() > 1;
    }

    private static boolean isTimespan(ValueDescriptor f) {
        return "jdk.jfr.Timespan".equals(f.getContentType());
    }

    private static boolean isNumber(ValueDescriptor f) {
        return List.of("long", "int", "short", "byte", "float", "double").contains(f.getTypeName())
                && !"jdk.jfr.Timestamp".equals(f.getContentType());
    }

    private static String section(String type) {
        int start = html.indexOf("data-event-type=\"" + type + "\"");
        assertTrue(start >= 0, "section for " + type);
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }

    /** Table rows of a class, keyed "type|field|group", each a map stat -> data-value. */
    private static Map<String, Map<String, String>> rows(String rowClass) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        Matcher row = Pattern.compile("<tr class=\"" + rowClass + "\" data-event=\"([^\"]*)\" data-field=\"([^\"]*)\" data-group=\"([^\"]*)\">(.*?)</tr>")
                .matcher(html);
        while (row.find()) {
            Map<String, String> cells = new HashMap<>();
            Matcher cell = Pattern.compile("data-stat=\"([^\"]*)\" data-value=\"([^\"]*)\"").matcher(row.group(4));
            while (cell.find()) cells.put(cell.group(1), cell.group(2));
            String key = row.group(1) + "|" + row.group(2) + "|" + unescape(row.group(3));
            assertFalse(rows.containsKey(key), "one row per event kind, field and group: " + key);
            rows.put(key, cells);
        }
        return rows;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }
}
