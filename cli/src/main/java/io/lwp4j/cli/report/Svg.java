package io.lwp4j.cli.report;

import java.util.Locale;

/** A small writer of inline SVG: elements with escaped text and coordinates rounded to 0.1 px. */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String chartKind, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" data-chart=\"")
                .append(Html.escape(chartKind)).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">")
                .append("<title>").append(Html.escape(title)).append("</title>");
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
                .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append("\"/>");
        return this;
    }

    Svg text(double x, double y, String anchor, String cssClass, String text) {
        out.append("<text class=\"").append(cssClass).append("\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" text-anchor=\"").append(anchor).append("\">").append(Html.escape(text)).append("</text>");
        return this;
    }

    Svg path(String d, String color, String cssClass) {
        out.append("<path class=\"").append(cssClass).append("\" d=\"").append(d).append("\" stroke=\"").append(color).append("\"/>");
        return this;
    }

    /** A dot with a tooltip. */
    Svg circleWithTitle(double x, double y, double r, String color, String tooltip) {
        out.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(color).append("\"><title>").append(Html.escape(tooltip)).append("</title></circle>");
        return this;
    }

    /** Opens a group; {@code attributes} is raw markup, e.g. {@code class="layer" data-layer="p99"}. */
    Svg open(String attributes) {
        out.append("<g ").append(attributes).append('>');
        return this;
    }

    Svg close() {
        out.append("</g>");
        return this;
    }

    String finish() {
        return out.append("</svg>").toString();
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
