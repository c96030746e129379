package io.lwp4j.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report as one self-contained HTML file (styles, inline SVG and a small script inside,
 * nothing fetched). It leads with the answers: the verdict, where the I/O time went, the
 * slowest calls; then latency over time and, after the application's own I/O, what the
 * kernel cost, only for what the recording has. Tables carry exact values in {@code data-*}
 * attributes (counts, nanoseconds) beside the text.
 */
public final class HtmlReport {
    static final int HOT_OPERATIONS = 6;
    static final int TALLY_ROWS = 6;
    private static final String ERROR_HANDLER = """
            window.onerror = function (message) {
              document.documentElement.setAttribute('data-script-error', String(message));
              var box = document.getElementById('script-error');
              if (box) { box.textContent = 'Script error: ' + message; box.style.display = 'block'; }
            };""";

    private final Report r;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private HtmlReport(Report r) {
        this.r = r;
    }

    public static String render(Report report) {
        HtmlReport h = new HtmlReport(report);
        h.out.append("<header><h1>lwp4j report <code>").append(Html.escape(report.file().getFileName().toString()))
                .append("</code></h1></header>\n");
        h.verdict();
        h.io();
        h.slowest();
        h.latency();
        h.kernel();
        return page("lwp4j report: " + report.file().getFileName(), h.out.toString());
    }

    /** A whole page around {@code body}: styles and script inline. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title><style>" + resource("report.css") + "</style><script>"
                + ERROR_HANDLER + "</script></head>\n<body>\n<div id=\"script-error\"></div>\n" + body
                + "<footer class=\"note\">Made by <code>lwp4j report</code> with jdk.jfr.consumer, reading each recording once"
                + " as a stream. I/O percentiles come from the exact schema-4 bucket counts of every summary interval"
                + " (within 2.2 %); probe distributions from HdrHistogram.</footer>\n<script>" + resource("report.js")
                + "</script>\n</body></html>\n";
    }

    private void verdict() {
        Verdict v = r.verdict();
        out.append("<section id=\"verdict\" class=\"verdict\"><p class=\"context\">Recorded ")
                .append(Units.offset(v.spanNanos())).append(" from ")
                .append(TextReport.WALL_CLOCK.format(TextReport.instant(v.startEpochNanos))).append(" (")
                .append(Units.bytes(r.fileBytes())).append(", ").append(Units.count(v.lwp4jEvents())).append(" lwp4j events read)");
        if (!v.jvm.isBlank()) out.append(" by <b>").append(Html.escape(TextReport.jvmName(v.jvm))).append("</b>");
        if (!v.cpu.isBlank()) out.append(" on ").append(Html.escape(v.cpu));
        if (!v.os.isBlank()) out.append(", ").append(Html.escape(v.os));
        out.append(".</p>");
        if (!v.agentOptions.isEmpty()) {
            out.append("<p class=\"context\">Agent options: ");
            for (Verdict.AgentOption o : v.agentOptions) {
                out.append("<span class=\"option\">").append(Html.escape(o.source())).append(" <code>")
                        .append(Html.escape(o.text().isEmpty() ? "(defaults)" : o.text())).append("</code></span> ");
            }
            out.append("</p>");
        }
        out.append("<ul class=\"findings\">");
        for (Findings.Finding f : Findings.of(r)) {
            out.append("<li class=\"").append(f.level().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(Html.escape(f.text()));
            if (!f.fix().isEmpty()) out.append(" <span class=\"fix\">Fix: ").append(Html.escape(f.fix())).append("</span>");
            out.append("</li>");
        }
        out.append("</ul></section>\n");
    }

    private void io() {
        out.append("<section id=\"io\"><h2>Where I/O time went</h2>");
        if (r.io().isEmpty()) {
            out.append("<p class=\"note\">").append(r.verdict().olderIoSchema()
                    ? "The recording's I/O summaries are of an older lwp4j (see above)."
                    : "No I/O summaries in the recording (lwp4j.SyscallSummary): no advised I/O call ran, or the agent's"
                            + " I/O recording was off (syscalls=off).").append("</p>");
        } else {
            out.append("<p class=\"note\">").append(Units.count(r.ioCalls())).append(" calls in ")
                    .append(Units.offset(r.rangeNanos())).append(". <b>Work</b> is a call's time minus its waits (a read parked"
                            + " for its data, a whole select or accept); <b>of wall</b> is work over the range's length"
                            + " (above 100 % when threads overlap). Exact counts; percentiles within 2.2 %.</p>");
            ioTable();
        }
        if (r.calls().count() > 0) {
            out.append("<p class=\"note\">The ").append(Units.count(r.calls().count()))
                    .append(" calls recorded one by one (slow, failed or sampled: lwp4j.Syscall), by thread pool and by file"
                            + " or peer:</p><div class=\"figures\">");
            tallyTable("by-thread", "thread pool", r.calls().byThreadGroup());
            tallyTable("by-target", "file or peer", r.calls().byTarget());
            out.append("</div>");
        }
        out.append("</section>\n");
    }

    private void ioTable() {
        out.append("<table id=\"io-table\" class=\"io\"><tr><th class=\"name\">operation</th><th class=\"name\">kind</th>")
                .append("<th>calls</th><th>bytes</th><th>errors</th><th>work</th><th>of wall</th><th>p50</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th><th class=\"wait\">waited</th><th class=\"wait\">wait</th>")
                .append("<th class=\"wait\">wait p99</th><th class=\"wait\">wait max</th></tr>");
        for (IoRangeTotals t : r.ioRows()) {
            out.append("<tr class=\"io-row\" data-operation=\"").append(Html.escape(t.operation)).append("\" data-kind=\"")
                    .append(Html.escape(t.kind)).append("\"><td class=\"name\">").append(Html.escape(t.operation))
                    .append("</td><td class=\"name\">").append(Html.escape(t.kind)).append("</td>");
            cell("calls", t.calls, Units.count(t.calls));
            cell("bytes", t.bytes, Units.bytes(t.bytes));
            cell("errors", t.errors, Units.count(t.errors));
            cell("work", t.workNanos, Units.duration(t.workNanos));
            cell("wall", t.workNanos, Findings.percent(t.workNanos, r.rangeNanos()));
            cell("p50", t.workQuantile(0.5), Units.duration(t.workQuantile(0.5)));
            cell("p99", t.workQuantile(0.99), Units.duration(t.workQuantile(0.99)));
            cell("p999", t.workQuantile(0.999), Units.duration(t.workQuantile(0.999)));
            cell("max", t.maxWorkNanos, Units.duration(t.maxWorkNanos));
            cell("waits", t.waits, Units.count(t.waits));
            cell("wait", t.waitNanos, Units.duration(t.waitNanos));
            cell("wait-p99", t.waitQuantile(0.99), t.waits == 0 ? "-" : Units.duration(t.waitQuantile(0.99)));
            cell("wait-max", t.maxWaitNanos, t.waits == 0 ? "-" : Units.duration(t.maxWaitNanos));
            out.append("</tr>");
        }
        out.append("</table>");
    }

    private void tallyTable(String id, String what, List<RecordedCalls.Tally> tallies) {
        out.append("<table id=\"").append(id).append("\" class=\"tally\"><tr><th class=\"name\">").append(what)
                .append("</th><th>calls</th><th>work</th><th>waits</th><th>bytes</th><th>longest</th></tr>");
        for (int i = 0; i < tallies.size(); i++) {
            RecordedCalls.Tally t = tallies.get(i);
            if (i == TALLY_ROWS) {
                out.append("<tr><td colspan=\"6\" class=\"name\"><details><summary>").append(tallies.size() - TALLY_ROWS)
                        .append(" more</summary><table class=\"tally\">");
            }
            out.append("<tr class=\"tally-row\" data-key=\"").append(Html.escape(t.key)).append("\"><td class=\"name\"><code>")
                    .append(Html.escape(t.key)).append("</code>");
            if (t.key.endsWith(ThreadGroupName.ELLIPSIS) && t.threads.size() > 1) {
                out.append(" <span class=\"note\">").append(t.threads.size()).append(" threads</span>");
            }
            out.append("</td>");
            cell("calls", t.calls, Units.count(t.calls));
            cell("work", t.workNanos, Units.duration(t.workNanos));
            cell("wait", t.waitNanos, Units.duration(t.waitNanos));
            cell("bytes", t.bytes, Units.bytes(t.bytes));
            cell("max", t.maxNanos, Units.duration(t.maxNanos));
            out.append("</tr>");
        }
        if (tallies.size() > TALLY_ROWS) out.append("</table></details></td></tr>");
        out.append("</table>");
    }

    private void slowest() {
        if (r.calls().count() == 0) {
            if (r.hasIo()) {
                out.append("<section id=\"slowest\"><h2>Slowest calls</h2><p class=\"note\">No call was recorded one by one:"
                        + " none reached the slow-call threshold (lwp4j.Syscall, 20 ms by default), failed, or was sampled.</p></section>\n");
            }
            return;
        }
        List<RecordedCall> slowest = r.calls().slowest();
        out.append("<section id=\"slowest\"><h2>Slowest calls</h2><p class=\"note\">The ").append(slowest.size())
                .append(" slowest of ").append(Units.count(r.calls().count())).append(" recorded calls by ")
                .append(r.options().includeWaits() ? "their whole time, waits included" : "working time (waits apart: --include-waits ranks by the whole call)")
                .append("; the stack starts at the first frame of the application's own code (click for all of it).</p>")
                .append("<table id=\"slowest-table\" class=\"slowest\"><tr><th>at</th><th class=\"name\">thread</th>")
                .append("<th class=\"name\">operation</th><th class=\"name\">file or peer</th><th>took</th><th>waited</th>")
                .append("<th>bytes</th><th class=\"name\">where</th></tr>");
        for (RecordedCall c : slowest) {
            out.append("<tr class=\"slow-call\" data-thread=\"").append(Html.escape(c.thread())).append("\" data-target=\"")
                    .append(Html.escape(c.target())).append("\">");
            cell("at", c.startEpochNanos(), "+" + Units.offset(c.startEpochNanos() - r.verdict().startEpochNanos));
            out.append("<td class=\"name\">").append(Html.escape(c.thread())).append(c.virtualThread() ? " (virtual)" : "")
                    .append("</td><td class=\"name\">").append(Html.escape(c.operation() + " " + c.kind()))
                    .append(c.error().isEmpty() ? "" : " <b class=\"error\">threw " + Html.escape(c.error()) + "</b>")
                    .append("</td><td class=\"name\"><code>").append(Html.escape(c.target())).append("</code></td>");
            cell("took", c.durationNanos(), Units.duration(c.durationNanos()));
            cell("waited", c.waitNanos(), Units.duration(c.waitNanos()));
            cell("bytes", c.bytes(), Units.bytes(c.bytes()));
            out.append("<td class=\"name stack\">");
            List<String> folded = c.applicationFrames(3);
            if (c.frames().isEmpty()) {
                out.append("<span class=\"note\">no stack recorded</span>");
            } else {
                out.append("<details><summary><code>").append(Html.escape(folded.isEmpty() ? c.frames().getFirst() : folded.getFirst()))
                        .append("</code>");
                if (folded.size() > 1) out.append(" &lt; <code>").append(Html.escape(simpleName(folded.get(1)))).append("</code>");
                out.append("</summary><ol class=\"frames\">");
                for (int i = 0; i < c.frames().size(); i++) {
                    out.append("<li").append(i == c.applicationFrame() ? " class=\"first-app\"" : "").append("><code>")
                            .append(Html.escape(c.frames().get(i))).append("</code></li>");
                }
                out.append("</ol></details>");
            }
            out.append("</td></tr>");
        }
        out.append("</table></section>\n");
    }

    private void latency() {
        List<IoRangeTotals> hot = r.ioRows().stream().filter(t -> !t.work.isEmpty() || (r.options().includeWaits() && !t.wait.isEmpty()))
                .limit(HOT_OPERATIONS).toList();
        if (hot.isEmpty()) return;
        long width = 0;
        for (IoRangeTotals t : hot) width = Math.max(width, Math.max(t.workOverTime.widthNanos(), t.waitOverTime.widthNanos()));
        out.append("<section id=\"latency\"><h2>Latency over time</h2><p class=\"note\">The ").append(hot.size())
                .append(" operations with the most ").append(r.options().includeWaits() ? "time" : "working time")
                .append(", per ").append(Units.offset(width)).append(" on a log scale: p50, p99 and the largest bucket of each")
                .append(" step's calls; dots are recorded slow calls. ")
                .append(r.options().includeWaits() ? "Waits are drawn dashed." : "Waits are left out (--include-waits draws them).")
                .append("</p>");
        List<Charts.Line> legendLines = List.of(new Charts.Line("p50", Charts.COLORS[0], "", new long[0]),
                new Charts.Line("p99", Charts.COLORS[1], "", new long[0]), new Charts.Line("max", Charts.COLORS[2], "", new long[0]));
        out.append(Charts.legend(legendLines, true)).append("<div class=\"figures\">");
        for (IoRangeTotals t : hot) {
            t.workOverTime.widenTo(width);
            t.waitOverTime.widenTo(width);
            List<Charts.Line> lines = new ArrayList<>();
            lines.add(new Charts.Line("p50", Charts.COLORS[0], "", quantiles(t.workOverTime.buckets(), 0.5)));
            lines.add(new Charts.Line("p99", Charts.COLORS[1], "", quantiles(t.workOverTime.buckets(), 0.99)));
            lines.add(new Charts.Line("max", Charts.COLORS[2], "", quantiles(t.workOverTime.buckets(), 1.0)));
            if (r.options().includeWaits()) {
                lines.add(new Charts.Line("wait p99", Charts.COLORS[3], "dashed", quantiles(t.waitOverTime.buckets(), 0.99)));
            }
            List<Charts.Point> points = new ArrayList<>();
            for (RecordedCalls.Mark m : r.calls().marks(t.key())) {
                if (m.nanos() > 0) points.add(new Charts.Point(m.epochNanos(), m.nanos(), Units.duration(m.nanos()) + " " + m.thread() + " " + m.target()));
            }
            out.append("<figure data-operation=\"").append(Html.escape(t.key())).append("\"><figcaption>")
                    .append(Html.escape(t.operation + " " + t.kind)).append(" <span class=\"note\">").append(Units.count(t.calls))
                    .append(" calls</span></figcaption>")
                    .append(Charts.latencyOverTime(t.key() + " latency over time", "latency-over-time", r.rangeStart(), width,
                            r.rangeStart(), r.rangeEnd(), lines, points))
                    .append("</figure>");
        }
        out.append("</div></section>\n");
    }

    /** A frame without its package: {@code Store.save:42}. */
    static String simpleName(String frame) {
        int method = frame.lastIndexOf('.', frame.indexOf(':') < 0 ? frame.length() : frame.indexOf(':'));
        int type = method < 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return type < 0 ? frame : frame.substring(type + 1);
    }

    private static long[] quantiles(List<IoBuckets> buckets, double q) {
        long[] v = new long[buckets.size()];
        for (int i = 0; i < v.length; i++) v[i] = buckets.get(i).quantileNanos(q);
        return v;
    }

    private void kernel() {
        RecordedKernelCosts k = r.kernel();
        if (k.isEmpty()) return;
        out.append("<section id=\"kernel\"><h2>Kernel costs</h2><p class=\"note\">What the kernel cost this process, from"
                + " lwp4j's own probes.</p>");
        if (k.hasCanary()) canary(k);
        if (k.hasWriteFaults()) writeFaults(k);
        if (k.hasDirtyPages()) {
            out.append("<h3>Async write tracking: dirty-page scans</h3><table id=\"dirty-pages\"><tr><th>scans</th>")
                    .append("<th>pages scanned</th><th>written</th><th>scan p50</th><th>scan p99</th></tr><tr>");
            cell("scans", k.scans, Units.count(k.scans));
            cell("pages", k.scannedPages, Units.count(k.scannedPages));
            cell("written", k.writtenPages, Units.count(k.writtenPages) + " (" + Findings.percent(k.writtenPages,
                    Math.max(1, k.scannedPages)) + ")");
            histogramCells(k.scanTime);
            out.append("</tr></table>");
        }
        if (k.hasCodeLoading()) codeLoading(k);
        out.append("</section>\n");
    }

    private void canary(RecordedKernelCosts k) {
        out.append("<h3>Syscall path: the entry/exit canary</h3><div class=\"figures\"><div><table id=\"canary\"><tr>")
                .append("<th class=\"name\">call</th><th>runs</th><th>median</th><th>p99 of runs</th><th>fastest</th></tr>");
        for (String call : k.canaryCalls()) {
            RecordedKernelCosts.CanaryCall c = k.canary.get(call);
            out.append("<tr class=\"canary-call\" data-call=\"").append(Html.escape(call)).append("\"><td class=\"name\">")
                    .append(Html.escape(call)).append("</td>");
            cell("runs", c.medians.getTotalCount(), Units.count(c.medians.getTotalCount()));
            cell("median", c.medians.getValueAtPercentile(50), Units.duration(c.medians.getValueAtPercentile(50)));
            cell("p99", c.medians.getValueAtPercentile(99), Units.duration(c.medians.getValueAtPercentile(99)));
            cell("min", c.minNanos, Units.duration(c.minNanos));
            out.append("</tr>");
        }
        out.append("</table>");
        RecordedKernelCosts.CanaryCall raw = k.canary.get("clock_gettime-syscall"), vdso = k.canary.get("clock_gettime-vdso");
        if (raw != null && vdso != null) {
            long entryExit = raw.medians.getValueAtPercentile(50) - vdso.medians.getValueAtPercentile(50);
            out.append("<p class=\"note\">Entry and exit: <b data-stat=\"entry-exit\" data-value=\"").append(entryExit).append("\">")
                    .append(Units.duration(entryExit)).append("</b> (clock_gettime as a syscall minus through the vDSO).</p>");
        }
        out.append("<p class=\"note\">").append(Seeds.GETPID_SOURCE).append(": getpid ").append(Seeds.GETPID_UEK5_NANOS)
                .append(" ns on UEK5, ").append(Seeds.GETPID_UEK6_NANOS).append(" ns on UEK6.</p></div>");
        if (!k.environments.isEmpty()) {
            out.append("<div id=\"environment\"><table class=\"environment\"><tr><th class=\"name\" colspan=\"2\">Why: what every"
                    + " syscall carries here</th></tr>");
            for (Map.Entry<RecordedKernelCosts.Environment, Long> e : k.environments.entrySet()) {
                RecordedKernelCosts.Environment env = e.getKey();
                if (k.environments.size() > 1) {
                    out.append("<tr><td class=\"name\" colspan=\"2\"><b>").append(Units.count(e.getValue()))
                            .append(" reports of:</b></td></tr>");
                }
                row("CPU", env.cpu());
                row("kernel", env.kernel());
                row("seccomp", env.seccompMode() + ", " + (env.seccompFilters() < 0 ? "filters unknown" : env.seccompFilters()
                        + " filters run on each syscall"));
                row("audit", env.audit() + (env.auditRules() >= 0 ? ", " + env.auditRules() + " syscall rules" : ""));
                row("mitigations", env.mitigations().isEmpty() ? "none reported" : String.join("\n", env.mitigations()));
            }
            out.append("</table></div>");
        }
        out.append("</div>");
        RecordedKernelCosts.CanaryCall getpid = k.canary.get("getpid");
        if (getpid != null) {
            long width = getpid.overTime.widthNanos();
            long[] medians = new long[getpid.overTime.buckets().size()];
            for (int i = 0; i < medians.length; i++) {
                Histogram h = getpid.overTime.buckets().get(i);
                medians[i] = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50);
            }
            out.append("<figure><figcaption>getpid median over time</figcaption>")
                    .append(Charts.latencyOverTime("getpid median over time", "canary-over-time", r.rangeStart(), width,
                            r.rangeStart(), r.rangeEnd(), List.of(new Charts.Line("median", Charts.COLORS[0], "", medians)), List.of()))
                    .append("</figure>");
        }
    }

    private void writeFaults(RecordedKernelCosts k) {
        out.append("<h3>Write faults (userfaultfd write-protect)</h3>");
        if (k.writeFaults > 0) {
            out.append("<p class=\"note\"><b data-stat=\"handled\" data-value=\"").append(k.writeFaults).append("\">")
                    .append(Units.count(k.writeFaults)).append("</b> faults handled by lwp4j's sync tracker;"
                    + " its own handling (lookup, record) took:</p><table id=\"fault-handling\"><tr><th>p50</th><th>p99</th>"
                    + "<th>max</th></tr><tr>");
            cell("p50", k.faultHandle.getValueAtPercentile(50), Units.duration(k.faultHandle.getValueAtPercentile(50)));
            cell("p99", k.faultHandle.getValueAtPercentile(99), Units.duration(k.faultHandle.getValueAtPercentile(99)));
            cell("max", k.faultHandle.getMaxValue(), Units.duration(k.faultHandle.getMaxValue()));
            out.append("</tr></table>");
        }
        if (k.faultProbeSteps.get("totalTime").getTotalCount() > 0) {
            out.append("<p class=\"note\">The canary's faults, step by step (write, message received, resolved, write"
                    + " completed), beside ").append(Seeds.FAULT_SOURCE).append(":</p><table id=\"fault-steps\"><tr>")
                    .append("<th class=\"name\">step</th><th>faults</th><th>p50</th><th>p99</th><th>max</th><th>seed mean</th></tr>");
            k.faultProbeSteps.forEach((step, h) -> {
                out.append("<tr data-step=\"").append(step).append("\"><td class=\"name\">").append(step.replace("Time", ""))
                        .append("</td>");
                cell("count", h.getTotalCount(), Units.count(h.getTotalCount()));
                histogramCells(h);
                cell("max", h.getMaxValue(), Units.duration(h.getMaxValue()));
                cell("seed", Seeds.FAULT_STEPS_NANOS.get(step), Units.duration(Seeds.FAULT_STEPS_NANOS.get(step)));
                out.append("</tr>");
            });
            out.append("</table>");
        }
    }

    private void codeLoading(RecordedKernelCosts k) {
        out.append("<h3>Code loading: the five strategies</h3><table id=\"code-loading\"><tr><th class=\"name\">strategy</th>")
                .append("<th>runs</th><th>median per iteration</th><th>mean</th><th>refused</th><th>").append(Seeds.CODE_LOAD_SOURCE)
                .append("</th></tr>");
        k.strategies.forEach((name, s) -> {
            out.append("<tr data-strategy=\"").append(Html.escape(name)).append("\"><td class=\"name\">").append(Html.escape(name))
                    .append("</td>");
            cell("runs", s.medians.getTotalCount(), Units.count(s.medians.getTotalCount()));
            boolean none = s.medians.getTotalCount() == 0;
            cell("median", none ? 0 : s.medians.getValueAtPercentile(50), none ? "-" : Units.duration(s.medians.getValueAtPercentile(50)));
            cell("mean", none ? 0 : s.means.getValueAtPercentile(50), none ? "-" : Units.duration(s.means.getValueAtPercentile(50)));
            cell("refused", s.refused, s.refused == 0 ? "0" : Units.count(s.refused) + " (errno " + s.lastError + ")");
            Long seed = Seeds.CODE_LOAD_NANOS.get(name);
            cell("seed", seed == null ? 0 : seed, seed == null ? "" : Units.duration(seed));
            out.append("</tr>");
        });
        out.append("</table>");
    }

    private void histogramCells(Histogram h) {
        cell("p50", h.getValueAtPercentile(50), Units.duration(h.getValueAtPercentile(50)));
        cell("p99", h.getValueAtPercentile(99), Units.duration(h.getValueAtPercentile(99)));
    }

    private void row(String name, String value) {
        out.append("<tr><td class=\"name\">").append(Html.escape(name)).append("</td><td class=\"name pre\">")
                .append(Html.escape(value)).append("</td></tr>");
    }

    private void cell(String stat, long value, String text) {
        out.append("<td data-stat=\"").append(stat).append("\" data-value=\"").append(value).append("\">")
                .append(Html.escape(text)).append("</td>");
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " in the lwp4j-cli jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
