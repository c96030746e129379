package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.List;

/** The plain-text tables {@code lwp4j report} prints on the terminal: latencies, then quantities. */
public final class TextSummary {
    private TextSummary() {
    }

    public static String render(Recording recording) {
        StringBuilder out = new StringBuilder();
        out.append(recording.file()).append(": ").append(Units.count(recording.lwp4jEvents())).append(" lwp4j events of ")
                .append(recording.kinds().size()).append(" kinds\n\n");
        List<String[]> latencies = new ArrayList<>();
        List<String> latencyHeader = new ArrayList<>(List.of("event", "field", "group", "count", "min"));
        for (double p : LatencyStatistics.PERCENTILES) latencyHeader.add(HtmlReport.percentileName(p));
        latencyHeader.add("max");
        latencies.add(latencyHeader.toArray(String[]::new));
        List<String[]> quantities = new ArrayList<>();
        quantities.add(new String[] {"event", "field", "group", "count", "min", "mean", "max", "sum", "last"});
        List<String> countsOnly = new ArrayList<>();
        for (EventKind kind : recording.kinds()) {
            for (FieldInfo f : kind.chartedTimespanFields()) {
                for (EventGroup g : kind.groups()) {
                    LatencyStatistics s = g.latency(f.name());
                    List<String> row = new ArrayList<>(List.of(kind.name(), f.name(), g.value().isEmpty() ? "" : g.label(), Units.count(s.count())));
                    if (s.count() > 0) {
                        row.add(Units.duration(s.min(), true));
                        for (double p : LatencyStatistics.PERCENTILES) row.add(Units.duration(s.percentile(p), true));
                        row.add(Units.duration(s.max(), true));
                    }
                    latencies.add(row.toArray(String[]::new));
                }
            }
            for (FieldInfo f : kind.chartedQuantityFields()) {
                for (EventGroup g : kind.groups()) {
                    QuantityStatistics s = g.quantity(f.name());
                    Units.Quantity q = f.quantity();
                    String group = g.value().isEmpty() ? "" : g.label();
                    quantities.add(s.count() == 0
                            ? new String[] {kind.name(), f.name(), group, "0"}
                            : new String[] {kind.name(), f.name(), group, Units.count(s.count()), q.format(s.min()),
                                            q.format(s.mean()), q.format(s.max()), q.format(s.sum()), q.format(s.last())});
                }
            }
            if (kind.chartedTimespanFields().isEmpty() && kind.chartedQuantityFields().isEmpty()) {
                countsOnly.add(kind.name() + " (" + Units.count(kind.count()) + ")");
            }
        }
        if (latencies.size() > 1) table(out, latencies);
        if (quantities.size() > 1) table(out.append('\n'), quantities);
        if (!countsOnly.isEmpty()) out.append("\nevents without numbers: ").append(String.join(", ", countsOnly)).append('\n');
        return out.toString();
    }

    /** Columns padded to their widest cell; the first three left-aligned, the numbers right-aligned. */
    private static void table(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) line.append("  ");
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c < 3 ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
