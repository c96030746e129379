package io.lwp4j.cli.report;

import java.util.Locale;

/** A minimal streaming JSON writer: objects, arrays, strings escaped per RFC 8259, numbers, null. */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Whether the next value in the current object or array needs a comma before it. */
    private boolean comma;

    JsonWriter beginObject() {
        return token("{", false);
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        return token("[", false);
    }

    JsonWriter endArray() {
        return close(']');
    }

    private JsonWriter close(char bracket) {
        out.append(bracket);
        comma = true;
        return this;
    }

    JsonWriter name(String name) {
        value(name);
        out.append(':');
        comma = false; // the member's value follows the colon
        return this;
    }

    JsonWriter value(String value) {
        if (value == null) return nullValue();
        separate();
        string(value);
        comma = true;
        return this;
    }

    JsonWriter value(long value) {
        return literal(Long.toString(value));
    }

    JsonWriter value(double value) {
        return literal(Double.isFinite(value) ? Double.toString(value) : "null");
    }

    JsonWriter value(boolean value) {
        return literal(Boolean.toString(value));
    }

    JsonWriter nullValue() {
        return literal("null");
    }

    /** A number, true, false or null: written as it is. */
    private JsonWriter literal(String text) {
        return token(text, true);
    }

    /**
     * Writes {@code text} after the comma a finished value before it is owed; {@code endsValue}:
     * whether a comma is owed after it (not after an opening bracket).
     */
    private JsonWriter token(String text, boolean endsValue) {
        separate();
        out.append(text);
        comma = endsValue;
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    private void separate() {
        if (comma) out.append(',');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
