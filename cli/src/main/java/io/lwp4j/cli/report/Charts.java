package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The report's charts as inline SVG. Every chart carries its numbers in {@code data-*}
 * attributes (series name, total) so that a test can hold them against the recording.
 */
final class Charts {
    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"
    };
    /** The statistics a latency-over-time chart can show, switched in the page; p99 first shown. */
    static final List<String> LATENCY_LAYERS = List.of("p50", "p90", "p99", "max");
    static final String LATENCY_DEFAULT_LAYER = "p99";
    static final List<String> QUANTITY_LAYERS = List.of("max", "mean", "sum");
    static final String QUANTITY_DEFAULT_LAYER = "max";

    private static final int WIDTH = 552;
    private static final int HEIGHT = 230;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 36;
    /** Width of a character of an 11 px label, for sizing the label column. */
    private static final double LABEL_CHAR_WIDTH = 6.2;
    private static final int MIN_BAR_WIDTH = 260;
    /** Pixels between labelled ticks. */
    private static final int MIN_TICK_SPACING = 48;

    private Charts() {
    }

    static String color(int seriesIndex) {
        return PALETTE[seriesIndex % PALETTE.length];
    }

    /** Events per time bucket, the groups' counts stacked in each bucket's bar. */
    static String eventsOverTime(EventKind kind, TimeAxis axis) {
        List<EventGroup> groups = kind.groups();
        long peak = 4;  // whole-number ticks even for a handful of events
        for (int b = 0; b < axis.buckets(); b++) {
            long inBucket = 0;
            for (EventGroup g : groups) inBucket += g.countInBucket(b);
            peak = Math.max(peak, inBucket);
        }
        Plot plot = new Plot("events-over-time", "Events of " + kind.name() + " per " + Units.offset(axis.bucketNanos()), 0, peak);
        plot.timeAxis(axis).yAxis(Units::count);
        long[] below = new long[axis.buckets()];
        double barWidth = plot.plotWidth / axis.buckets();
        for (int i = 0; i < groups.size(); i++) {
            EventGroup g = groups.get(i);
            plot.svg.open("class=\"series\" data-series=\"" + Html.escape(seriesName(g)) + "\" data-total=\"" + g.count() + "\"");
            for (int b = 0; b < axis.buckets(); b++) {
                long count = g.countInBucket(b);
                if (count == 0) continue;
                double top = plot.y(below[b] + count);
                plot.svg.rect(plot.left + b * barWidth + 0.5, top, barWidth - 1, plot.y(below[b]) - top, color(i), "bar",
                        seriesPrefix(g) + "+" + Units.offset(b * axis.bucketNanos()) + ": " + Units.events(count));
                below[b] += count;
            }
            plot.svg.close();
        }
        return plot.svg.finish();
    }

    /**
     * The distribution of one timespan field: counts per latency bin on a logarithmic axis
     * (bins 1-2-5 per decade), one set of translucent bars per group.
     */
    static String latencyHistogram(EventKind kind, FieldInfo field) {
        List<EventGroup> groups = kind.groups();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (EventGroup g : groups) {
            LatencyStatistics s = g.latency(field.name());
            if (s.count() == 0) continue;
            min = Math.min(min, s.min());
            max = Math.max(max, s.max());
        }
        if (min == Long.MAX_VALUE) min = 0;
        long[] edges = binEdges(min, max);
        long[] lowerEdges = java.util.Arrays.copyOf(edges, edges.length - 1);
        List<long[]> countsPerGroup = new ArrayList<>();
        long peak = 1;
        for (EventGroup g : groups) {
            long[] counts = g.latency(field.name()).countsPerBin(lowerEdges);
            countsPerGroup.add(counts);
            for (long c : counts) peak = Math.max(peak, c);
        }
        Plot plot = new Plot("latency-histogram", "Distribution of " + field.label() + " (" + kind.name() + ")", 0, peak);
        plot.yAxis(v -> Units.count(v));
        double logLo = Math.log10(edges[0]);
        double logHi = Math.log10(edges[edges.length - 1]);
        LongFunction<Double> x = v -> plot.left + (Math.log10(v) - logLo) / (logHi - logLo) * plot.plotWidth;
        List<Long> ticks = oneTwoFive(edges[0], edges[edges.length - 1]);
        boolean crowded = plot.plotWidth / (logHi - logLo) < 150;
        for (long tick : ticks) {
            plot.svg.line(x.apply(tick), plot.bottom, x.apply(tick), plot.bottom + 4, "tick");
            if (!crowded || Long.toString(tick).matches("10*")) {
                plot.svg.text(x.apply(tick), plot.bottom + 16, "middle", "label", tickDuration(tick));
            }
        }
        plot.svg.text(plot.left + plot.plotWidth / 2.0, HEIGHT - 4, "middle", "axis-title", field.label() + " (log scale)");
        for (int i = 0; i < groups.size(); i++) {
            EventGroup g = groups.get(i);
            long[] counts = countsPerGroup.get(i);
            long total = 0;
            StringBuilder countList = new StringBuilder();
            for (long c : counts) {
                total += c;
                countList.append(countList.isEmpty() ? "" : " ").append(c);
            }
            plot.svg.open("class=\"series bars\" data-series=\"" + Html.escape(seriesName(g)) + "\" data-total=\"" + total
                    + "\" data-counts=\"" + countList + "\"");
            for (int bin = 0; bin < counts.length; bin++) {
                if (counts[bin] == 0) continue;
                double x0 = x.apply(edges[bin]);
                double x1 = x.apply(edges[bin + 1]);
                double y = plot.y(counts[bin]);
                plot.svg.rect(x0 + 0.5, y, x1 - x0 - 1, plot.bottom - y, color(i), "bar",
                        seriesPrefix(g) + tickDuration(edges[bin]) + " to " + tickDuration(edges[bin + 1]) + ": "
                                + Units.count(counts[bin]) + " events");
            }
            plot.svg.close();
        }
        return plot.svg.finish();
    }

    /**
     * Percentiles of one timespan field per time bucket, one line per group; layers p50, p90,
     * p99 and max, each with its own y axis.
     */
    static String latencyOverTime(EventKind kind, FieldInfo field, TimeAxis axis) {
        List<EventGroup> groups = kind.groups();
        Plot plot = new Plot("latency-over-time", field.label() + " over time (" + kind.name() + ")", 0, 1);
        plot.timeAxis(axis);
        for (String layer : LATENCY_LAYERS) {
            List<double[]> values = new ArrayList<>();
            List<boolean[]> present = new ArrayList<>();
            double peak = 1;
            for (EventGroup g : groups) {
                LatencyStatistics s = g.latency(field.name());
                double[] ys = new double[axis.buckets()];
                boolean[] has = new boolean[axis.buckets()];
                for (int b = 0; b < axis.buckets(); b++) {
                    long v = layer.equals("max") ? s.maxInBucket(b) : s.percentileInBucket(b, Double.parseDouble(layer.substring(1)));
                    has[b] = v >= 0;
                    ys[b] = v;
                    peak = Math.max(peak, v);
                }
                values.add(ys);
                present.add(has);
            }
            plot.range(0, peak);
            layer(plot, layer, layer.equals(LATENCY_DEFAULT_LAYER), v -> tickDuration((long) v), groups, axis, values, present);
        }
        return plot.svg.finish();
    }

    /**
     * The values of one quantity field per time bucket, one line per group; layers max, mean
     * and sum, each with its own y axis.
     */
    static String quantityOverTime(EventKind kind, FieldInfo field, TimeAxis axis) {
        List<EventGroup> groups = kind.groups();
        Plot plot = new Plot("quantity-over-time", field.label() + " over time (" + kind.name() + ")", 0, 1);
        plot.timeAxis(axis);
        for (String layer : QUANTITY_LAYERS) {
            List<double[]> values = new ArrayList<>();
            List<boolean[]> present = new ArrayList<>();
            double low = 0;
            double high = 0;
            for (EventGroup g : groups) {
                QuantityStatistics s = g.quantity(field.name());
                double[] ys = new double[axis.buckets()];
                boolean[] has = new boolean[axis.buckets()];
                for (int b = 0; b < axis.buckets(); b++) {
                    has[b] = s.hasBucket(b);
                    if (!has[b]) continue;
                    ys[b] = switch (layer) {
                        case "max" -> s.maxInBucket(b);
                        case "mean" -> s.meanInBucket(b);
                        default -> s.sumInBucket(b);
                    };
                    low = Math.min(low, ys[b]);
                    high = Math.max(high, ys[b]);
                }
                values.add(ys);
                present.add(has);
            }
            plot.range(low, high > low ? high : low + 1);
            plot.tickUnit = field.quantity() == Units.Quantity.BYTES ? binaryUnit(Math.max(Math.abs(low), Math.abs(high))) : 1;
            layer(plot, layer, layer.equals(QUANTITY_DEFAULT_LAYER), field.quantity()::format, groups, axis, values, present);
        }
        return plot.svg.finish();
    }

    /** One switchable layer of an over-time chart: its y axis and one line per group. */
    private static void layer(Plot plot, String layer, boolean shown, java.util.function.DoubleFunction<String> format,
                              List<EventGroup> groups, TimeAxis axis, List<double[]> values, List<boolean[]> present) {
        plot.svg.open("class=\"layer" + (shown ? " active" : "") + "\" data-layer=\"" + layer + "\"");
        plot.yAxis(format);
        for (int i = 0; i < groups.size(); i++) {
            plot.svg.open("class=\"series\" data-series=\"" + Html.escape(seriesName(groups.get(i))) + "\"");
            plot.series(axis, values.get(i), present.get(i), color(i));
            plot.svg.close();
        }
        plot.svg.close();
    }

    /** One row of a side-by-side chart. */
    record Row(String label, int colorIndex, LatencyStatistics stats) {
    }

    /** The groups of a kind side by side for one timespan field (strategies, operations, probed calls). */
    static String groupsSideBySide(EventKind kind, FieldInfo field) {
        List<Row> rows = new ArrayList<>();
        List<EventGroup> groups = kind.groups();
        for (int i = 0; i < groups.size(); i++) {
            LatencyStatistics s = groups.get(i).latency(field.name());
            if (s.count() > 0) rows.add(new Row(groups.get(i).label(), i, s));
        }
        return sideBySide(field.label() + " per " + kind.groupField().label() + " (" + kind.name() + ")", rows);
    }

    /** Most rows of a fields-side-by-side chart: fields times groups. */
    static final int MAX_FIELD_ROWS = 12;

    /**
     * The timespan fields of a kind side by side (the steps of a write fault), each split by
     * group when the kind has groups; colored by group, or by field when there are none.
     */
    static String fieldsSideBySide(EventKind kind) {
        List<Row> rows = new ArrayList<>();
        List<FieldInfo> fields = kind.chartedTimespanFields();
        List<EventGroup> groups = kind.groups();
        boolean grouped = kind.groupField() != null;
        for (int f = 0; f < fields.size(); f++) {
            for (int g = 0; g < groups.size(); g++) {
                LatencyStatistics s = groups.get(g).latency(fields.get(f).name());
                if (s.count() == 0) continue;
                String label = grouped ? fields.get(f).label() + " · " + groups.get(g).label() : fields.get(f).label();
                rows.add(new Row(label, grouped ? g : f, s));
            }
        }
        return sideBySide("Fields of " + kind.name() + " side by side", rows);
    }

    /**
     * Rows side by side: a bar to the median and a whisker to p99, on a linear axis, or on a
     * logarithmic one when the rows span more than two decades.
     */
    private static String sideBySide(String title, List<Row> rows) {
        int rowHeight = 24;
        int longestLabel = rows.stream().mapToInt(r -> r.label.length()).max().orElse(0);
        int labelWidth = Math.max(100, (int) Math.ceil(longestLabel * LABEL_CHAR_WIDTH) + 16);
        int valueWidth = 168;
        int width = Math.max(WIDTH, labelWidth + MIN_BAR_WIDTH + valueWidth);
        int height = TOP + rows.size() * rowHeight + BOTTOM;
        Svg svg = new Svg(width, height, "side-by-side", title);
        long peak = 1;
        long smallest = Long.MAX_VALUE;
        for (Row r : rows) {
            peak = Math.max(peak, r.stats.percentile(99));
            if (r.stats.percentile(50) > 0) smallest = Math.min(smallest, r.stats.percentile(50));
        }
        boolean logarithmic = smallest != Long.MAX_VALUE && peak / smallest > 100;
        double plotLeft = labelWidth;
        double plotWidth = width - labelWidth - valueWidth;
        double bottom = TOP + rows.size() * rowHeight;
        java.util.function.DoubleUnaryOperator x;
        List<Long> ticks = new ArrayList<>();
        if (logarithmic) {
            long decade = 1;
            while (decade * 10 <= smallest) decade *= 10;
            long low = decade;
            while (decade < peak) decade *= 10;
            double logLow = Math.log10(low);
            double logHigh = Math.log10(decade);
            x = v -> plotLeft + (Math.log10(Math.max(v, low)) - logLow) / (logHigh - logLow) * plotWidth;
            for (long t = low; t <= decade; t *= 10) ticks.add(t);
        } else {
            long max = peak;
            x = v -> plotLeft + v / max * plotWidth;
            for (double t : niceTicks(0, peak, 4)) ticks.add((long) t);
        }
        int labelEvery = (int) Math.ceil(MIN_TICK_SPACING / (plotWidth / Math.max(1, ticks.size() - 1)));
        for (int i = 0; i < ticks.size(); i++) {
            double tx = x.applyAsDouble(ticks.get(i));
            svg.line(tx, TOP, tx, bottom, "grid");
            if (i % labelEvery == 0) svg.text(tx, bottom + 16, "middle", "label", tickDuration(ticks.get(i)));
        }
        if (logarithmic) svg.text(plotLeft + plotWidth / 2, height - 4, "middle", "axis-title", "log scale");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double y = TOP + i * rowHeight;
            long p50 = r.stats.percentile(50);
            long p99 = r.stats.percentile(99);
            double xp50 = x.applyAsDouble(p50);
            double xp99 = x.applyAsDouble(p99);
            svg.open("class=\"row\" data-row=\"" + Html.escape(r.label) + "\" data-p50=\"" + p50 + "\" data-p99=\"" + p99 + "\"");
            svg.text(plotLeft - 8, y + rowHeight * 0.65, "end", "label", r.label);
            svg.rect(plotLeft, y + 5, xp50 - plotLeft, rowHeight - 10, color(r.colorIndex), "bar",
                    r.label + ": median " + Units.duration(p50) + ", p99 " + Units.duration(p99));
            svg.line(xp50, y + rowHeight / 2.0, xp99, y + rowHeight / 2.0, "whisker")
                    .line(xp99, y + 6, xp99, y + rowHeight - 6, "whisker");
            svg.text(width - valueWidth + 8, y + rowHeight * 0.65, "start", "label",
                    "p50 " + Units.duration(p50) + " · p99 " + Units.duration(p99));
            svg.close();
        }
        svg.line(plotLeft, bottom, plotLeft + plotWidth, bottom, "axis");
        return svg.finish();
    }

    /** Histogram bins per decade of latency, evenly spaced on the logarithmic axis. */
    static final int BINS_PER_DECADE = 10;

    /**
     * Bin edges {@link #BINS_PER_DECADE} per decade (10^(i/10) rounded to whole nanoseconds),
     * from the last edge at or below {@code min} to the first above {@code max}.
     */
    static long[] binEdges(long min, long max) {
        List<Long> edges = new ArrayList<>();
        for (int i = 0; i <= 18 * BINS_PER_DECADE; i++) {
            long edge = Math.round(Math.pow(10, i / (double) BINS_PER_DECADE));
            if (!edges.isEmpty() && edge == edges.get(edges.size() - 1)) continue;
            if (edge <= min && !edges.isEmpty()) edges.clear();
            edges.add(edge);
            if (edge > max && edges.size() >= 2) break;
        }
        return edges.stream().mapToLong(Long::longValue).toArray();
    }

    /** Round values (1, 2, 5 times a power of ten) within [low, high], for the labels of a log axis. */
    static List<Long> oneTwoFive(long low, long high) {
        List<Long> values = new ArrayList<>();
        for (long decade = 1; decade <= high && decade <= Long.MAX_VALUE / 10; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                long v = decade * step;
                if (v >= low && v <= high) values.add(v);
            }
        }
        return values;
    }

    /** The power of 1024 a byte count is shown in (1 for bytes, 1024 for KiB, ...). */
    private static double binaryUnit(double bytes) {
        double unit = 1;
        while (bytes >= unit * 1024 && unit < Math.pow(1024, 4)) unit *= 1024;
        return unit;
    }

    static String seriesName(EventGroup g) {
        return g.value().isEmpty() ? "all" : g.value();
    }

    private static String seriesPrefix(EventGroup g) {
        return g.value().isEmpty() ? "" : g.label() + ", ";
    }

    /** A duration for a tick label: three significant digits without trailing zeros. */
    static String tickDuration(long nanos) {
        return Units.duration(nanos).replaceAll("\\.0+ ", " ").replaceAll("(\\.\\d*?)0+ ", "$1 ");
    }

    /** Round tick values (1, 2 or 5 times a power of ten apart) covering [low, high]. */
    static List<Double> niceTicks(double low, double high, int maxTicks) {
        double span = Math.max(high - low, 1e-12);
        double raw = span / maxTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) break;
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(low / step) * step; t <= high + step * 1e-9; t += step) ticks.add(t);
        return ticks;
    }

    /** A plot area with a linear y axis; x is either the shared time axis or set up by the chart. */
    private static final class Plot {
        final Svg svg;
        final double left = LEFT;
        final double top = TOP;
        final double bottom = HEIGHT - BOTTOM;
        final double plotWidth = WIDTH - LEFT - RIGHT;
        double low;
        double high;
        /** Ticks are round multiples of this unit (1024 for KiB, ...), 1 for plain numbers. */
        double tickUnit = 1;

        Plot(String chartKind, String title, double low, double high) {
            this.svg = new Svg(WIDTH, HEIGHT, chartKind, title);
            this.low = low;
            this.high = high;
        }

        void range(double low, double high) {
            this.low = low;
            this.high = high;
        }

        double y(double value) {
            return bottom - (value - low) / (high - low) * (bottom - top);
        }

        double x(TimeAxis axis, int bucket) {
            return left + (bucket + 0.5) / axis.buckets() * plotWidth;
        }

        Plot yAxis(java.util.function.DoubleFunction<String> format) {
            for (double unitTick : niceTicks(low / tickUnit, high / tickUnit, 4)) {
                double tick = unitTick * tickUnit;
                double y = y(tick);
                svg.line(left, y, left + plotWidth, y, "grid").text(left - 6, y + 4, "end", "label", format.apply(tick));
            }
            svg.line(left, bottom, left + plotWidth, bottom, "axis");
            return this;
        }

        Plot timeAxis(TimeAxis axis) {
            double span = axis.spanNanos();
            for (double tick : niceTicks(0, span, 8)) {
                double x = left + tick / span * plotWidth;
                svg.line(x, bottom, x, bottom + 4, "tick").text(x, bottom + 16, "middle", "label", Units.offset((long) tick));
            }
            svg.text(left + plotWidth / 2, HEIGHT - 4, "middle", "axis-title",
                    "time since the first lwp4j event (buckets of " + Units.offset(axis.bucketNanos()) + ")");
            return this;
        }

        /** A line through the buckets that have a value, broken at buckets without one; lone points as dots. */
        void series(TimeAxis axis, double[] ys, boolean[] present, String color) {
            StringBuilder d = new StringBuilder();
            for (int b = 0; b < ys.length; b++) {
                if (!present[b]) continue;
                boolean joinsPrevious = b > 0 && present[b - 1];
                boolean joinsNext = b + 1 < ys.length && present[b + 1];
                double x = x(axis, b);
                double y = y(ys[b]);
                if (!joinsPrevious && !joinsNext) svg.circle(x, y, 2.5, color);
                d.append(joinsPrevious ? " L" : (d.isEmpty() ? "M" : " M")).append(Svg.n(x)).append(' ').append(Svg.n(y));
            }
            if (!d.isEmpty()) svg.path(d.toString(), color, "line");
        }
    }
}
