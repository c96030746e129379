package io.lwp4j.cli.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The report on the terminal. It leads with the answers, in under 40 lines: what was recorded
 * and whether anything was lost or refused, where the I/O time went, and the slowest calls;
 * the kernel's costs follow in a few lines. Plain ASCII, columns padded to their widest cell.
 */
public final class TextReport {
    /** Rows of the I/O table and slowest calls the lead block shows at most. */
    static final int LEAD_ROWS = 10;
    static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private TextReport() {
    }

    /** The lead block (sections 1-3), then the kernel's costs; with {@code allSlowest}, every one of the --top slowest. */
    public static String render(Report r, boolean allSlowest) {
        StringBuilder out = new StringBuilder();
        lead(r, out);
        kernel(r, out);
        if (allSlowest && r.calls().slowest().size() > LEAD_ROWS) {
            out.append("\nThe other slowest calls:\n");
            slowestTable(r, r.calls().slowest().subList(LEAD_ROWS, r.calls().slowest().size()), out);
        }
        return out.toString();
    }

    static void lead(Report r, StringBuilder out) {
        Verdict v = r.verdict();
        out.append("lwp4j report: ").append(r.file().getFileName()).append(" (").append(Units.bytes(r.fileBytes())).append("), ")
                .append(Units.offset(v.spanNanos())).append(" from ").append(WALL_CLOCK.format(instant(v.startEpochNanos)));
        if (!v.jvm.isBlank()) out.append(", ").append(jvmName(v.jvm));
        out.append('\n');
        for (Verdict.AgentOption o : v.agentOptions) {
            out.append("  agent ").append(o.source()).append(": ").append(o.text().isEmpty() ? "(defaults)" : o.text()).append('\n');
        }
        for (Findings.Finding f : Findings.of(r)) {
            out.append("  ").append(switch (f.level()) {
                case OK -> "ok     ";
                case NOTE -> "note   ";
                case WARNING -> "WARNING";
                case LOST -> "LOST   ";
            }).append(' ').append(f.text());
            if (!f.fix().isEmpty()) out.append(" -> ").append(f.fix());
            out.append('\n');
        }
        ioTable(r, out);
        if (r.calls().count() > 0) {
            out.append('\n');
            tallies("By thread pool", r.calls().byThreadGroup(), r, out);
            tallies("By file or peer", r.calls().byTarget(), r, out);
            List<RecordedCall> slowest = r.calls().slowest();
            out.append("Slowest calls (").append(Math.min(LEAD_ROWS, slowest.size())).append(" of the ").append(slowest.size())
                    .append(" slowest of ").append(Units.count(r.calls().count())).append(" recorded; ")
                    .append(r.options().includeWaits() ? "whole calls, waits included" : "working time, waits apart")
                    .append("):\n");
            slowestTable(r, slowest.subList(0, Math.min(LEAD_ROWS, slowest.size())), out);
        } else if (r.hasIo()) {
            out.append("No slow calls recorded (lwp4j.Syscall events: calls over the threshold, 20 ms by default).\n");
        }
    }

    private static void ioTable(Report r, StringBuilder out) {
        if (r.io().isEmpty()) {
            if (!r.verdict().olderIoSchema()) out.append("\nNo I/O summaries in the recording (lwp4j.SyscallSummary).\n");
            return;
        }
        out.append("\nWhere I/O time went: ").append(Units.count(r.ioCalls())).append(" calls in ")
                .append(Units.offset(r.rangeNanos())).append("; work (the call minus its waits), then waits\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"operation", "kind", "calls", "bytes", "work", "of wall", "p50", "p99", "p99.9", "max",
                               "waited", "wait", "wait p99"});
        List<IoRangeTotals> all = r.ioRows();
        for (IoRangeTotals t : all.subList(0, Math.min(LEAD_ROWS, all.size()))) {
            rows.add(new String[] {t.operation, t.kind, Units.count(t.calls), Units.bytes(t.bytes),
                                   Units.duration(t.workNanos, true), Findings.percent(t.workNanos, r.rangeNanos()),
                                   Units.duration(t.workQuantile(0.5), true), Units.duration(t.workQuantile(0.99), true),
                                   Units.duration(t.workQuantile(0.999), true), Units.duration(t.maxWorkNanos, true),
                                   Units.count(t.waits), Units.duration(t.waitNanos, true),
                                   t.waits == 0 ? "-" : Units.duration(t.waitQuantile(0.99), true)});
        }
        table(rows, List.of(0, 1), out);
        if (all.size() > LEAD_ROWS) out.append("  ... ").append(all.size() - LEAD_ROWS).append(" more in the HTML report\n");
    }

    private static void tallies(String title, List<RecordedCalls.Tally> tallies, Report r, StringBuilder out) {
        out.append(title).append(": ");
        List<String> parts = new ArrayList<>();
        for (RecordedCalls.Tally t : tallies.subList(0, Math.min(3, tallies.size()))) {
            long nanos = t.workNanos + (r.options().includeWaits() ? t.waitNanos : 0);
            parts.add(t.key + (t.threads.size() > 1 && t.key.endsWith(ThreadGroupName.ELLIPSIS) ? " (" + t.threads.size() + " threads)" : "")
                    + " " + Units.count(t.calls) + " calls " + Units.duration(nanos, true));
        }
        out.append(String.join("; ", parts));
        if (tallies.size() > 3) out.append("; ").append(tallies.size() - 3).append(" more");
        out.append('\n');
    }

    private static void slowestTable(Report r, List<RecordedCall> calls, StringBuilder out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"at", "thread", "operation", "file or peer", "took", "waited", "bytes", "where"});
        for (RecordedCall c : calls) {
            List<String> frames = c.applicationFrames(2);
            rows.add(new String[] {"+" + Units.offset(c.startEpochNanos() - r.verdict().startEpochNanos), c.thread(),
                                   c.operation() + " " + c.kind(), shorten(c.target(), 40),
                                   Units.duration(c.durationNanos(), true), Units.duration(c.waitNanos(), true),
                                   Units.bytes(c.bytes()), frames.isEmpty() ? "(no application frame)" : String.join(" < ", frames)
                                           + (c.error().isEmpty() ? "" : " threw " + c.error())});
        }
        table(rows, List.of(1, 2, 3, 7), out);
    }

    private static void kernel(Report r, StringBuilder out) {
        RecordedKernelCosts k = r.kernel();
        if (k.isEmpty()) return;
        out.append("\nKernel costs:\n");
        if (k.hasCanary()) {
            RecordedKernelCosts.CanaryCall getpid = k.canary.get("getpid");
            out.append("  syscall path: ");
            List<String> parts = new ArrayList<>();
            for (String call : k.canaryCalls()) {
                parts.add(call + " " + Units.duration(k.canary.get(call).medians.getValueAtPercentile(50), true));
            }
            out.append(String.join(", ", parts));
            if (getpid != null) {
                out.append(" (").append(Seeds.GETPID_SOURCE).append(": getpid ").append(Seeds.GETPID_UEK5_NANOS).append(" ns UEK5, ")
                        .append(Seeds.GETPID_UEK6_NANOS).append(" ns UEK6)");
            }
            out.append('\n');
            if (!k.environments.isEmpty()) {
                RecordedKernelCosts.Environment e = k.environments.keySet().iterator().next();
                out.append("    seccomp ").append(e.seccompMode()).append(" (").append(e.seccompFilters()).append(" filters), audit ")
                        .append(e.audit()).append(e.auditRules() >= 0 ? " (" + e.auditRules() + " syscall rules)" : "")
                        .append(", ").append(e.mitigations().size()).append(" CPU mitigations in force\n");
            }
        }
        if (k.hasWriteFaults()) {
            out.append("  write faults: ");
            if (k.writeFaults > 0) {
                out.append(Units.count(k.writeFaults)).append(" handled, median ")
                        .append(Units.duration(k.faultHandle.getValueAtPercentile(50), true)).append(" in lwp4j's handler; ");
            }
            var total = k.faultProbeSteps.get("totalTime");
            if (total.getTotalCount() > 0) {
                out.append("canary fault median ").append(Units.duration(total.getValueAtPercentile(50), true))
                        .append(" (").append(Seeds.FAULT_SOURCE).append(": 4.74 us)");
            }
            out.append('\n');
        }
        if (k.hasDirtyPages()) {
            out.append("  async dirty-page scans: ").append(Units.count(k.scans)).append(", ")
                    .append(Units.count(k.writtenPages)).append(" of ").append(Units.count(k.scannedPages))
                    .append(" pages written, scan median ").append(Units.duration(k.scanTime.getValueAtPercentile(50), true)).append('\n');
        }
        if (k.hasCodeLoading()) {
            out.append("  code loading per iteration: ");
            List<String> parts = new ArrayList<>();
            k.strategies.forEach((name, s) -> parts.add(name + " " + (s.medians.getTotalCount() == 0 ? "refused"
                    : Units.duration(s.medians.getValueAtPercentile(50), true))));
            out.append(String.join(", ", parts)).append('\n');
        }
    }

    /** Columns padded to their widest cell; those named in {@code textColumns} left-aligned, numbers right-aligned. */
    static void table(List<String[]> rows, List<Integer> textColumns, StringBuilder out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                if (c > 0) line.append("  ");
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(textColumns.contains(c) ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : "..." + text.substring(text.length() - max + 3);
    }

    /** "OpenJDK 64-Bit Server VM (25.0.1+8-LTS)" of the JDK's long version line. */
    static String jvmName(String jvmVersion) {
        int cut = jvmVersion.indexOf(" for ");
        return (cut < 0 ? jvmVersion : jvmVersion.substring(0, cut)).strip();
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
