package io.lwp4j.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML report: styles, charts (inline SVG) and a small script all inside
 * the one file, nothing fetched when it is viewed. Tables carry exact values in
 * {@code data-value} attributes (nanoseconds for latencies) beside the formatted text.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
    private static final String ERROR_HANDLER = """
            window.onerror = function (message) {
              document.documentElement.setAttribute('data-script-error', String(message));
              var box = document.getElementById('script-error');
              if (box) { box.textContent = 'Script error: ' + message; box.style.display = 'block'; }
            };""";

    private final Recording recording;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private HtmlReport(Recording recording) {
        this.recording = recording;
    }

    public static String render(Recording recording) {
        return new HtmlReport(recording).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>lwp4j report: ").append(Html.escape(recording.file().getFileName().toString())).append("</title>")
                .append("<style>").append(resource("report.css")).append("</style>")
                .append("<script>").append(ERROR_HANDLER).append("</script></head>\n<body>\n")
                .append("<div id=\"script-error\"></div>\n");
        header();
        overview();
        agentOptions();
        for (EventKind kind : recording.kinds()) kindSection(kind);
        out.append("<footer class=\"note\">Made by <code>lwp4j report</code> with jdk.jfr.consumer; percentiles from HdrHistogram")
                .append(" (three significant digits over the whole recording, two per time bucket).</footer>\n")
                .append("<script>").append(resource("report.js")).append("</script>\n</body></html>\n");
        return out.toString();
    }

    private void header() {
        TimeAxis axis = recording.axis();
        out.append("<header><h1>lwp4j report</h1>")
                .append("<p class=\"meta\">Recording <code>").append(Html.escape(recording.file().toString())).append("</code> (")
                .append(Units.bytes(recording.fileBytes())).append("), ").append(Units.count(recording.lwp4jEvents()))
                .append(" lwp4j events of ").append(recording.kinds().size()).append(" kinds, ")
                .append(Units.count(recording.otherEvents())).append(" other events.</p>")
                .append("<p class=\"meta\">lwp4j events from ").append(WALL_CLOCK.format(instant(axis.startEpochNanos())))
                .append(" over ").append(Units.offset(lastEventNanos() - axis.startEpochNanos())).append(".");
        if (!recording.jvm().isBlank()) out.append(" JVM: ").append(Html.escape(recording.jvm())).append('.');
        out.append("</p></header>\n<nav><a href=\"#overview\">Overview</a><a href=\"#agent\">JVM and agent options</a>");
        for (EventKind kind : recording.kinds()) {
            out.append("<a href=\"#").append(anchor(kind)).append("\">").append(Html.escape(kind.name())).append("</a>");
        }
        out.append("</nav>\n");
    }

    private long lastEventNanos() {
        return recording.kinds().stream().mapToLong(EventKind::lastEpochNanos).max().orElseThrow();
    }

    private void overview() {
        out.append("<section id=\"overview\"><h2>Overview</h2><table class=\"overview\"><tr><th class=\"name\">event</th>")
                .append("<th class=\"name\">label</th><th>events</th><th>first</th><th>last</th><th class=\"name\">grouped by</th></tr>");
        long start = recording.axis().startEpochNanos();
        for (EventKind kind : recording.kinds()) {
            out.append("<tr data-event=\"").append(Html.escape(kind.name())).append("\"><td class=\"name\"><a href=\"#")
                    .append(anchor(kind)).append("\"><code>").append(Html.escape(kind.name())).append("</code></a></td><td class=\"name\">")
                    .append(Html.escape(kind.label())).append("</td><td data-stat=\"count\" data-value=\"").append(kind.count()).append("\">")
                    .append(Units.count(kind.count())).append("</td><td>+").append(Units.offset(kind.firstEpochNanos() - start))
                    .append("</td><td>+").append(Units.offset(kind.lastEpochNanos() - start)).append("</td><td class=\"name\">")
                    .append(kind.groupField() == null ? "" : Html.escape(kind.groupField().label())).append("</td></tr>");
        }
        out.append("</table></section>\n");
    }

    private void agentOptions() {
        out.append("<section id=\"agent\"><h2>JVM and agent options</h2>");
        if (recording.agentOptions().isEmpty()) {
            out.append("<p class=\"note\">The recording holds no <code>-javaagent:...lwp4j...jar=</code> argument, <code>lwp4j.*</code>")
                    .append(" system property or <code>LWP4J_*</code> environment variable (an agent loaded by attach takes its")
                    .append(" options from the attach command; lwp4j event kinds with only text fields are listed below).</p>");
        } else {
            out.append("<table class=\"agent-options\"><tr><th class=\"name\">source</th><th class=\"name\">options</th></tr>");
            for (Recording.AgentOption o : recording.agentOptions()) {
                out.append("<tr><td class=\"name\">").append(Html.escape(o.source())).append("</td><td class=\"name\"><code>")
                        .append(Html.escape(o.text().isEmpty() ? "(none: defaults)" : o.text())).append("</code></td></tr>");
            }
            out.append("</table>");
        }
        if (!recording.jvmArguments().isBlank()) {
            out.append("<p class=\"meta\">JVM arguments: <code>").append(Html.escape(recording.jvmArguments())).append("</code></p>");
        }
        out.append("</section>\n");
    }

    private void kindSection(EventKind kind) {
        out.append("<section class=\"event-kind\" id=\"").append(anchor(kind)).append("\" data-event-type=\"")
                .append(Html.escape(kind.name())).append("\"><h2>").append(Html.escape(kind.label())).append(" <code>")
                .append(Html.escape(kind.name())).append("</code></h2>");
        if (kind.description() != null) out.append("<p>").append(Html.escape(kind.description())).append("</p>");
        out.append("<p class=\"meta\">").append(Units.events(kind.count()));
        if (!kind.category().isEmpty()) out.append(", category ").append(Html.escape(String.join(" / ", kind.category())));
        kind.constants().forEach((f, value) -> out.append(", ").append(Html.escape(f.label())).append(" always <code>")
                .append(Html.escape(value)).append("</code>"));
        out.append(".");
        if (kind.groupField() != null) {
            out.append(" Grouped by ").append(Html.escape(kind.groupField().label())).append(" (<code>")
                    .append(Html.escape(kind.groupField().name())).append("</code>).");
        }
        out.append("</p>");
        legend(kind);
        List<FieldInfo> latencies = kind.chartedTimespanFields();
        out.append("<div class=\"figures\">");
        figure("Events per time bucket", Charts.eventsOverTime(kind, recording.axis()), null, null);
        if (latencies.size() > 1 && latencies.size() * kind.groups().size() <= Charts.MAX_FIELD_ROWS) {
            figure("Fields side by side: median and p99", Charts.fieldsSideBySide(kind), null, null);
        }
        out.append("</div>");
        for (FieldInfo f : latencies) {
            out.append("<h3>").append(Html.escape(f.label())).append(" <code>").append(Html.escape(f.name())).append("</code></h3>");
            if (f.description() != null) out.append("<p class=\"note\">").append(Html.escape(f.description())).append("</p>");
            out.append("<div class=\"figures\">");
            if (kind.groupField() != null) {
                figure("Per " + kind.groupField().label() + " side by side: median and p99", Charts.groupsSideBySide(kind, f), null, null);
            }
            figure("Distribution", Charts.latencyHistogram(kind, f), null, null);
            figure("Percentiles over time", Charts.latencyOverTime(kind, f, recording.axis()), Charts.LATENCY_LAYERS, Charts.LATENCY_DEFAULT_LAYER);
            out.append("</div>");
            latencyTable(kind, f);
        }
        List<FieldInfo> charted = kind.chartedQuantityFields();
        if (!charted.isEmpty()) {
            quantityTable(kind, charted);
            out.append("<div class=\"figures\">");
            for (FieldInfo f : charted) {
                figure(f.label() + " (" + f.name() + ") per time bucket", Charts.quantityOverTime(kind, f, recording.axis()),
                        Charts.QUANTITY_LAYERS, Charts.QUANTITY_DEFAULT_LAYER);
            }
            out.append("</div>");
        }
        List<FieldInfo> tabulated = kind.tabulatedQuantityFields();
        if (!tabulated.isEmpty()) {
            out.append("<details><summary>Other numbers: ").append(Html.escape(String.join(", ",
                    tabulated.stream().map(FieldInfo::label).toList()))).append("</summary>");
            quantityTable(kind, tabulated);
            out.append("</details>");
        }
        textTables(kind);
        out.append("</section>\n");
    }

    private void legend(EventKind kind) {
        if (kind.groupField() == null) return;
        out.append("<p class=\"legend\">");
        List<EventGroup> groups = kind.groups();
        for (int i = 0; i < groups.size(); i++) {
            out.append("<span><i style=\"background:").append(Charts.color(i)).append("\"></i>")
                    .append(Html.escape(groups.get(i).label())).append(" (").append(Units.count(groups.get(i).count())).append(")</span>");
        }
        out.append("</p>");
    }

    private void figure(String caption, String svg, List<String> layers, String defaultLayer) {
        out.append("<figure><figcaption>").append(Html.escape(caption)).append("</figcaption>");
        if (layers != null) {
            out.append("<div class=\"layer-switch\">show ");
            for (String layer : layers) {
                out.append("<button type=\"button\" data-layer=\"").append(layer).append("\"")
                        .append(layer.equals(defaultLayer) ? " class=\"selected\"" : "").append(">").append(layer).append("</button> ");
            }
            out.append("</div>");
        }
        out.append(svg).append("</figure>");
    }

    /** One row per group: the first column names the group, or the field when the kind is not grouped. */
    private void latencyTable(EventKind kind, FieldInfo f) {
        boolean grouped = kind.groupField() != null;
        out.append("<table class=\"latencies\"><tr><th class=\"name\">")
                .append(Html.escape(grouped ? kind.groupField().label() : "field")).append("</th><th>count</th><th>min</th>");
        for (double p : LatencyStatistics.PERCENTILES) out.append("<th>").append(percentileName(p)).append("</th>");
        out.append("<th>max</th><th>mean</th></tr>");
        for (EventGroup g : kind.groups()) {
            LatencyStatistics s = g.latency(f.name());
            out.append("<tr class=\"latency\" data-event=\"").append(Html.escape(kind.name())).append("\" data-field=\"")
                    .append(Html.escape(f.name())).append("\" data-group=\"").append(Html.escape(g.value())).append("\"><td class=\"name\">")
                    .append(Html.escape(grouped ? g.label() : f.label())).append("</td>");
            cell("count", s.count(), Units.count(s.count()));
            if (s.count() == 0) {
                out.append("<td colspan=\"").append(3 + LatencyStatistics.PERCENTILES.length).append("\" class=\"name note\">")
                        .append(s.unmeasurable() > 0 ? s.unmeasurable() + " values without a duration" : "no values").append("</td></tr>");
                continue;
            }
            cell("min", s.min(), Units.duration(s.min()));
            for (double p : LatencyStatistics.PERCENTILES) cell(percentileName(p), s.percentile(p), Units.duration(s.percentile(p)));
            cell("max", s.max(), Units.duration(s.max()));
            cell("mean", s.mean(), Units.duration(s.mean()));
            out.append("</tr>");
        }
        out.append("</table>");
    }

    private void quantityTable(EventKind kind, List<FieldInfo> fields) {
        out.append("<table class=\"quantities\"><tr><th class=\"name\">field</th>");
        if (kind.groupField() != null) out.append("<th class=\"name\">").append(Html.escape(kind.groupField().label())).append("</th>");
        out.append("<th>count</th><th>min</th><th>mean</th><th>max</th><th>sum</th><th>last</th></tr>");
        for (FieldInfo f : fields) {
            for (EventGroup g : kind.groups()) {
                QuantityStatistics s = g.quantity(f.name());
                out.append("<tr class=\"quantity\" data-event=\"").append(Html.escape(kind.name())).append("\" data-field=\"")
                        .append(Html.escape(f.name())).append("\" data-group=\"").append(Html.escape(g.value())).append("\"><td class=\"name\">")
                        .append(Html.escape(f.label())).append("</td>");
                if (kind.groupField() != null) out.append("<td class=\"name\">").append(Html.escape(g.label())).append("</td>");
                cell("count", s.count(), Units.count(s.count()));
                if (s.count() == 0) {
                    out.append("<td colspan=\"5\" class=\"name note\">no values</td></tr>");
                    continue;
                }
                Units.Quantity q = f.quantity();
                cell("min", s.min(), q.format(s.min()));
                cell("mean", s.mean(), q.format(s.mean()));
                cell("max", s.max(), q.format(s.max()));
                cell("sum", s.sum(), q.format(s.sum()));
                cell("last", s.last(), q.format(s.last()));
                out.append("</tr>");
            }
        }
        out.append("</table>");
    }

    private void textTables(EventKind kind) {
        List<FieldInfo> varying = kind.textFields().stream()
                .filter(f -> !kind.constants().containsKey(f) && !f.equals(kind.groupField())).toList();
        if (varying.isEmpty()) return;
        out.append("<div class=\"figures\">");
        for (FieldInfo f : varying) {
            Map<String, Long> values = kind.textValues(f.name());
            out.append("<table class=\"text-values\" data-field=\"").append(Html.escape(f.name())).append("\"><tr><th class=\"name\">")
                    .append(Html.escape(f.label())).append("</th><th>events</th></tr>");
            long listed = 0;
            for (var value : values.entrySet().stream().limit(EventKind.LISTED_TEXT_VALUES).toList()) {
                out.append("<tr><td class=\"name\"><code>").append(Html.escape(value.getKey())).append("</code></td><td>")
                        .append(Units.count(value.getValue())).append("</td></tr>");
                listed += value.getValue();
            }
            if (listed < kind.count()) {
                out.append("<tr><td class=\"name note\">").append(kind.textValuesTruncated(f.name()) ? "more than " : "")
                        .append(Units.count(values.size() - Math.min(values.size(), EventKind.LISTED_TEXT_VALUES)))
                        .append(" other values</td><td>").append(Units.count(kind.count() - listed)).append("</td></tr>");
            }
            out.append("</table>");
        }
        out.append("</div>");
    }

    private void cell(String stat, long value, String text) {
        out.append("<td data-stat=\"").append(stat).append("\" data-value=\"").append(value).append("\">").append(Html.escape(text)).append("</td>");
    }

    private void cell(String stat, double value, String text) {
        out.append("<td data-stat=\"").append(stat).append("\" data-value=\"").append(value).append("\">").append(Html.escape(text)).append("</td>");
    }

    static String percentileName(double percent) {
        return percent == Math.rint(percent) ? "p" + (long) percent : "p" + percent;
    }

    private static String anchor(EventKind kind) {
        return "kind-" + kind.name().replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " in the lwp4j-cli jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
