package io.lwp4j.cli.report;

import java.util.List;

/**
 * Latency over time on a logarithmic scale, as inline SVG: lines of percentiles per time bucket
 * and marks for single calls. A log scale keeps a 50 us p50 and a 60 ms slow call readable on
 * one chart, where a linear one flattens everything under the largest value onto zero.
 */
final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 230;
    private static final int LEFT = 62, RIGHT = 12, TOP = 12, BOTTOM = 34;
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private Charts() {
    }

    /** One line: a value (ns) per time bucket, 0 where the bucket is empty. */
    record Line(String name, String color, String dash, long[] values) {}

    /** One mark: a call at a time (epoch ns) and how long it took. */
    record Point(long epochNanos, long nanos, String tooltip) {}

    /**
     * A chart of lines over {@code buckets} time buckets of {@code widthNanos} from {@code origin},
     * covering [rangeStart, rangeEnd], with marks.
     */
    static String latencyOverTime(String title, String kind, long origin, long widthNanos, long rangeStart, long rangeEnd,
                                  List<Line> lines, List<Point> points) {
        long lo = Long.MAX_VALUE, hi = 0;
        for (Line l : lines) {
            for (long v : l.values()) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (Point p : points) {
            lo = Math.min(lo, Math.max(1, p.nanos()));
            hi = Math.max(hi, p.nanos());
        }
        Svg svg = new Svg(WIDTH, HEIGHT, kind, title);
        double plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        if (hi == 0) {
            svg.text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "label", "no values in this range");
            return svg.finish();
        }
        double logLo = Math.floor(Math.log10(lo)), logHi = Math.max(logLo + 1, Math.ceil(Math.log10(hi)));
        long span = Math.max(1, rangeEnd - rangeStart);
        // y axis: one grid line per power of ten
        for (double d = logLo; d <= logHi; d++) {
            double y = TOP + plotH - (d - logLo) / (logHi - logLo) * plotH;
            svg.line(LEFT, y, LEFT + plotW, y, "grid");
            svg.text(LEFT - 4, y + 4, "end", "label", Units.duration((long) Math.pow(10, d)));
        }
        svg.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "axis");
        svg.line(LEFT, TOP, LEFT, TOP + plotH, "axis");
        for (int i = 0; i <= 4; i++) {
            double x = LEFT + plotW * i / 4;
            svg.line(x, TOP + plotH, x, TOP + plotH + 4, "tick");
            svg.text(x, TOP + plotH + 16, i == 0 ? "start" : i == 4 ? "end" : "middle", "label",
                    "+" + Units.offset(span * i / 4));
        }
        svg.text(LEFT + plotW / 2, HEIGHT - 3, "middle", "axis-title", "time since the start of the range");
        for (Line line : lines) {
            StringBuilder d = new StringBuilder();
            long[] v = line.values();
            for (int i = 0; i < v.length; i++) {
                if (v[i] <= 0) continue;
                long middle = origin + widthNanos * i + widthNanos / 2;
                double x = x(middle, rangeStart, span, plotW);
                double y = y(v[i], logLo, logHi, plotH);
                d.append(d.isEmpty() || v[i - 1] <= 0 ? "M" : "L").append(Svg.n(x)).append(' ').append(Svg.n(y));
            }
            svg.path(d.toString(), line.color(), "line" + (line.dash().isEmpty() ? "" : " " + line.dash()));
        }
        svg.open("class=\"marks\"");
        for (Point p : points) {
            svg.circleWithTitle(x(p.epochNanos(), rangeStart, span, plotW), y(Math.max(1, p.nanos()), logLo, logHi, plotH), 3,
                    "#111", p.tooltip());
        }
        svg.close();
        return svg.finish();
    }

    private static double x(long epochNanos, long rangeStart, long span, double plotW) {
        return LEFT + plotW * Math.clamp((double) (epochNanos - rangeStart) / span, 0, 1);
    }

    private static double y(long nanos, double logLo, double logHi, double plotH) {
        return TOP + plotH - (Math.log10(nanos) - logLo) / (logHi - logLo) * plotH;
    }

    /** A legend for lines, as HTML. */
    static String legend(List<Line> lines, boolean marks) {
        StringBuilder out = new StringBuilder("<p class=\"legend\">");
        for (Line l : lines) {
            out.append("<span><i style=\"background:").append(l.color()).append("\"></i>").append(Html.escape(l.name()))
                    .append("</span>");
        }
        if (marks) out.append("<span><i style=\"background:#111;border-radius:50%\"></i>recorded slow calls</span>");
        return out.append("</p>").toString();
    }
}
