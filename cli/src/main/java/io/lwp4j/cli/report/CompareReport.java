package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Two recordings side by side, the question after every tuning change or kernel upgrade: each
 * table of the report with the figure before, after, and their ratio; a ratio 10 % or more
 * away from 1 is marked changed. Rows present in one recording only show a dash for the other.
 */
public final class CompareReport {
    /** A ratio at least this far from 1 is a change worth a look. */
    static final double CHANGED = 0.10;

    private final Report before;
    private final Report after;

    private CompareReport(Report before, Report after) {
        this.before = before;
        this.after = after;
    }

    /** A compared figure: before, after, and how it reads. */
    private record Pair(long before, long after, boolean present) {
        double ratio() {
            return before == 0 ? (after == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) after / before;
        }

        boolean changed() {
            return present && Math.abs(ratio() - 1) >= CHANGED;
        }

        String ratioText() {
            if (!present) return "-";
            double ratio = ratio();
            return Double.isInfinite(ratio) ? "new" : "x" + Units.significant(ratio);
        }
    }

    public static String html(Report before, Report after) {
        return new CompareReport(before, after).html();
    }

    public static String text(Report before, Report after) {
        return new CompareReport(before, after).text();
    }

    private String html() {
        StringBuilder out = new StringBuilder();
        out.append("<header><h1>lwp4j report: <code>").append(Html.escape(before.file().getFileName().toString()))
                .append("</code> &rarr; <code>").append(Html.escape(after.file().getFileName().toString())).append("</code></h1></header>\n");
        out.append("<section id=\"verdict\" class=\"verdict\"><div class=\"figures\">");
        for (Report r : List.of(before, after)) {
            out.append("<div class=\"side\"><h3>").append(r == before ? "Before" : "After").append(": <code>")
                    .append(Html.escape(r.file().toString())).append("</code></h3><p class=\"context\">")
                    .append(Units.offset(r.verdict().spanNanos())).append(" from ")
                    .append(TextReport.WALL_CLOCK.format(TextReport.instant(r.verdict().startEpochNanos)))
                    .append(r.verdict().jvm.isBlank() ? "" : ", " + Html.escape(TextReport.jvmName(r.verdict().jvm))).append("</p>");
            for (Verdict.AgentOption o : r.verdict().agentOptions) {
                out.append("<p class=\"context\">").append(Html.escape(o.source())).append(" <code>")
                        .append(Html.escape(o.text())).append("</code></p>");
            }
            out.append("<ul class=\"findings\">");
            for (Findings.Finding f : Findings.of(r)) {
                out.append("<li class=\"").append(f.level().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                        .append(Html.escape(f.text())).append("</li>");
            }
            out.append("</ul></div>");
        }
        out.append("</div></section>\n");

        out.append("<section id=\"io\"><h2>Where I/O time went</h2><p class=\"note\">Before, after, and after / before;"
                + " marked where they differ by 10 % or more.</p><table id=\"io-table\" class=\"io compare\"><tr>")
                .append("<th class=\"name\">operation</th><th class=\"name\">kind</th>");
        List<String> columns = List.of("calls", "bytes", "work", "p50", "p99", "max", "wait");
        for (String c : columns) out.append("<th colspan=\"3\">").append(c).append("</th>");
        out.append("</tr>");
        for (String key : ioKeys()) {
            IoRangeTotals b = before.io().get(key), a = after.io().get(key);
            IoRangeTotals any = a != null ? a : b;
            out.append("<tr class=\"io-row\" data-operation=\"").append(Html.escape(any.operation)).append("\" data-kind=\"")
                    .append(Html.escape(any.kind)).append("\"><td class=\"name\">").append(Html.escape(any.operation))
                    .append("</td><td class=\"name\">").append(Html.escape(any.kind)).append("</td>");
            htmlCells(out, "calls", io(b, a, t -> t.calls), Units::count);
            htmlCells(out, "bytes", io(b, a, t -> t.bytes), v -> Units.bytes(v));
            htmlCells(out, "work", io(b, a, t -> t.workNanos), Units::duration);
            htmlCells(out, "p50", io(b, a, t -> t.workQuantile(0.5)), Units::duration);
            htmlCells(out, "p99", io(b, a, t -> t.workQuantile(0.99)), Units::duration);
            htmlCells(out, "max", io(b, a, t -> t.maxWorkNanos), Units::duration);
            htmlCells(out, "wait", io(b, a, t -> t.waitNanos), Units::duration);
            out.append("</tr>");
        }
        out.append("</table>");
        out.append("<h3>Recorded calls by thread pool</h3><table id=\"by-thread\" class=\"compare\"><tr><th class=\"name\">thread pool</th>")
                .append("<th colspan=\"3\">calls</th><th colspan=\"3\">work</th></tr>");
        for (String key : tallyKeys(before.calls().byThreadGroup(), after.calls().byThreadGroup())) {
            RecordedCalls.Tally b = find(before.calls().byThreadGroup(), key), a = find(after.calls().byThreadGroup(), key);
            out.append("<tr data-key=\"").append(Html.escape(key)).append("\"><td class=\"name\"><code>").append(Html.escape(key))
                    .append("</code></td>");
            htmlCells(out, "calls", tally(b, a, t -> t.calls), Units::count);
            htmlCells(out, "work", tally(b, a, t -> t.workNanos), Units::duration);
            out.append("</tr>");
        }
        out.append("</table></section>\n");

        out.append("<section id=\"slowest\"><h2>Slowest calls</h2><table id=\"slowest-table\" class=\"compare\"><tr>")
                .append("<th class=\"name\"></th><th colspan=\"3\">recorded calls</th><th colspan=\"3\">slowest</th>")
                .append("<th colspan=\"3\">10th slowest</th></tr><tr><td class=\"name\">all</td>");
        htmlCells(out, "recorded", new Pair(before.calls().count(), after.calls().count(), true), Units::count);
        htmlCells(out, "slowest", new Pair(nth(before, 0), nth(after, 0), true), Units::duration);
        htmlCells(out, "tenth", new Pair(nth(before, 9), nth(after, 9), true), Units::duration);
        out.append("</tr></table></section>\n");

        out.append("<section id=\"kernel\"><h2>Kernel costs</h2>");
        Set<String> calls = new LinkedHashSet<>(before.kernel().canaryCalls());
        calls.addAll(after.kernel().canaryCalls());
        if (!calls.isEmpty()) {
            out.append("<h3>Syscall path: the canary's medians</h3><table id=\"canary\" class=\"compare\"><tr><th class=\"name\">call</th>")
                    .append("<th colspan=\"3\">median</th></tr>");
            for (String call : calls) {
                out.append("<tr class=\"canary-call\" data-call=\"").append(Html.escape(call)).append("\"><td class=\"name\">")
                        .append(Html.escape(call)).append("</td>");
                htmlCells(out, "median", histogramPair(before.kernel().canary.get(call), after.kernel().canary.get(call)),
                        Units::duration);
                out.append("</tr>");
            }
            out.append("</table><div class=\"figures\">");
            for (Report r : List.of(before, after)) {
                out.append("<table class=\"environment\"><tr><th class=\"name\" colspan=\"2\">").append(r == before ? "Before" : "After")
                        .append(": what every syscall carries</th></tr>");
                for (RecordedKernelCosts.Environment env : r.kernel().environments.keySet()) {
                    envRow(out, "CPU", env.cpu());
                    envRow(out, "kernel", env.kernel());
                    envRow(out, "seccomp", env.seccompMode() + ", " + env.seccompFilters() + " filters");
                    envRow(out, "audit", env.audit() + (env.auditRules() >= 0 ? ", " + env.auditRules() + " syscall rules" : ""));
                    envRow(out, "mitigations", String.join("\n", env.mitigations()));
                }
                out.append("</table>");
            }
            out.append("</div>");
        }
        Set<String> strategies = new LinkedHashSet<>(before.kernel().strategies.keySet());
        strategies.addAll(after.kernel().strategies.keySet());
        if (!strategies.isEmpty()) {
            out.append("<h3>Code loading: median per iteration</h3><table id=\"code-loading\" class=\"compare\"><tr>")
                    .append("<th class=\"name\">strategy</th><th colspan=\"3\">median</th></tr>");
            for (String s : strategies) {
                RecordedKernelCosts.Strategy b = before.kernel().strategies.get(s), a = after.kernel().strategies.get(s);
                out.append("<tr data-strategy=\"").append(Html.escape(s)).append("\"><td class=\"name\">").append(Html.escape(s))
                        .append("</td>");
                htmlCells(out, "median", histogramPair(b == null ? null : b.medians, a == null ? null : a.medians), Units::duration);
                out.append("</tr>");
            }
            out.append("</table>");
        }
        if (before.kernel().hasWriteFaults() || after.kernel().hasWriteFaults()) {
            out.append("<h3>Write faults: the canary's steps, p50</h3><table id=\"fault-steps\" class=\"compare\"><tr>")
                    .append("<th class=\"name\">step</th><th colspan=\"3\">p50</th></tr>");
            for (String step : before.kernel().faultProbeSteps.keySet()) {
                out.append("<tr data-step=\"").append(step).append("\"><td class=\"name\">").append(step.replace("Time", ""))
                        .append("</td>");
                htmlCells(out, "p50", histogramPair(before.kernel().faultProbeSteps.get(step), after.kernel().faultProbeSteps.get(step)),
                        Units::duration);
                out.append("</tr>");
            }
            out.append("</table>");
        }
        out.append("</section>\n");
        return HtmlReport.page("lwp4j report: " + before.file().getFileName() + " vs " + after.file().getFileName(), out.toString());
    }

    private String text() {
        StringBuilder out = new StringBuilder();
        out.append("lwp4j report: ").append(before.file()).append(" -> ").append(after.file()).append('\n');
        for (Report r : List.of(before, after)) {
            out.append(r == before ? "  before: " : "  after:  ").append(Units.offset(r.verdict().spanNanos())).append(", ")
                    .append(Units.count(r.ioCalls())).append(" I/O calls, ").append(Units.count(Math.max(r.verdict().lost(),
                            r.verdict().drainLost))).append(" records lost").append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"operation", "kind", "calls", "", "", "work", "", "", "p99", "", "", "max", "", ""});
        for (String key : ioKeys()) {
            IoRangeTotals b = before.io().get(key), a = after.io().get(key);
            IoRangeTotals any = a != null ? a : b;
            List<String> row = new ArrayList<>(List.of(any.operation, any.kind));
            textCells(row, io(b, a, t -> t.calls), v -> Units.count(v));
            textCells(row, io(b, a, t -> t.workNanos), v -> Units.duration(v, true));
            textCells(row, io(b, a, t -> t.workQuantile(0.99)), v -> Units.duration(v, true));
            textCells(row, io(b, a, t -> t.maxWorkNanos), v -> Units.duration(v, true));
            rows.add(row.toArray(String[]::new));
        }
        if (rows.size() > 1) {
            out.append("\nWhere I/O time went (before, after, after/before; * = changed by 10 % or more):\n");
            TextReport.table(rows, List.of(0, 1), out);
        }
        Set<String> calls = new LinkedHashSet<>(before.kernel().canaryCalls());
        calls.addAll(after.kernel().canaryCalls());
        if (!calls.isEmpty()) {
            out.append("\nSyscall path, canary medians:\n");
            List<String[]> canary = new ArrayList<>();
            canary.add(new String[] {"call", "before", "after", "ratio"});
            for (String call : calls) {
                List<String> row = new ArrayList<>(List.of(call));
                textCells(row, histogramPair(before.kernel().canary.get(call), after.kernel().canary.get(call)),
                        v -> Units.duration(v, true));
                canary.add(row.toArray(String[]::new));
            }
            TextReport.table(canary, List.of(0), out);
        }
        out.append("\nSlowest recorded call: ").append(Units.duration(nth(before, 0), true)).append(" -> ")
                .append(Units.duration(nth(after, 0), true)).append("; recorded calls ").append(Units.count(before.calls().count()))
                .append(" -> ").append(Units.count(after.calls().count())).append('\n');
        return out.toString();
    }

    /** (operation, kind) keys of both, most working time (of either) first. */
    private List<String> ioKeys() {
        Map<String, Long> work = new LinkedHashMap<>();
        for (Report r : List.of(before, after)) {
            r.io().forEach((key, t) -> work.merge(key, t.workNanos, Math::max));
        }
        List<String> keys = new ArrayList<>(work.keySet());
        keys.sort(Comparator.comparing((String k) -> work.get(k)).reversed().thenComparing(k -> k));
        return keys;
    }

    private static List<String> tallyKeys(List<RecordedCalls.Tally> b, List<RecordedCalls.Tally> a) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<RecordedCalls.Tally> list : List.of(a, b)) {
            for (RecordedCalls.Tally t : list.subList(0, Math.min(HtmlReport.TALLY_ROWS, list.size()))) keys.add(t.key);
        }
        return List.copyOf(keys);
    }

    private static RecordedCalls.Tally find(List<RecordedCalls.Tally> tallies, String key) {
        for (RecordedCalls.Tally t : tallies) if (t.key.equals(key)) return t;
        return null;
    }

    private static Pair io(IoRangeTotals b, IoRangeTotals a, ToLongFunction<IoRangeTotals> f) {
        return new Pair(b == null ? 0 : f.applyAsLong(b), a == null ? 0 : f.applyAsLong(a), b != null && a != null);
    }

    private static Pair tally(RecordedCalls.Tally b, RecordedCalls.Tally a, ToLongFunction<RecordedCalls.Tally> f) {
        return new Pair(b == null ? 0 : f.applyAsLong(b), a == null ? 0 : f.applyAsLong(a), b != null && a != null);
    }

    private static Pair histogramPair(RecordedKernelCosts.CanaryCall b, RecordedKernelCosts.CanaryCall a) {
        return histogramPair(b == null ? null : b.medians, a == null ? null : a.medians);
    }

    private static Pair histogramPair(Histogram b, Histogram a) {
        boolean hasB = b != null && b.getTotalCount() > 0, hasA = a != null && a.getTotalCount() > 0;
        return new Pair(hasB ? b.getValueAtPercentile(50) : 0, hasA ? a.getValueAtPercentile(50) : 0, hasB && hasA);
    }

    private static long nth(Report r, int n) {
        List<RecordedCall> slowest = r.calls().slowest();
        return slowest.size() > n ? slowest.get(n).rankNanos(r.options().includeWaits()) : 0;
    }

    private static void htmlCells(StringBuilder out, String stat, Pair p, java.util.function.LongFunction<String> format) {
        String cls = p.changed() ? " class=\"changed\"" : "";
        out.append("<td data-stat=\"").append(stat).append("-before\" data-value=\"").append(p.before()).append("\">")
                .append(Html.escape(format.apply(p.before()))).append("</td><td data-stat=\"").append(stat)
                .append("-after\" data-value=\"").append(p.after()).append("\">").append(Html.escape(format.apply(p.after())))
                .append("</td><td data-stat=\"").append(stat).append("-ratio\" data-value=\"").append(p.ratio()).append("\"")
                .append(cls).append(">").append(p.ratioText()).append("</td>");
    }

    private static void textCells(List<String> row, Pair p, java.util.function.LongFunction<String> format) {
        row.add(format.apply(p.before()));
        row.add(format.apply(p.after()));
        row.add(p.ratioText() + (p.changed() ? " *" : ""));
    }

    private static void envRow(StringBuilder out, String name, String value) {
        out.append("<tr><td class=\"name\">").append(Html.escape(name)).append("</td><td class=\"name pre\">")
                .append(Html.escape(value)).append("</td></tr>");
    }
}
