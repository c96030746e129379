package io.lwp4j.cli.report;

import jdk.jfr.ValueDescriptor;

/**
 * One field of an lwp4j event type and what the report does with it, decided from JFR's own
 * metadata: fields annotated {@code @Timespan} are latencies (histograms, percentiles over
 * time), other numbers are quantities (values over time), strings and booleans are text
 * (value counts; one of them may split the events into groups).
 *
 * @param flag a boolean field (text "true"/"false", shown as "Label: yes/no")
 */
public record FieldInfo(String name, String label, String description, Role role, Units.Quantity quantity, boolean flag) {

    public enum Role { TIMESPAN, QUANTITY, TEXT }

    /** The event's own duration: a latency only where some event of the type has one. */
    static final String DURATION = "duration";

    private static final java.util.Set<String> NOT_CHARTED = java.util.Set.of("startTime", "eventThread", "stackTrace");
    private static final java.util.Set<String> NUMBER_TYPES = java.util.Set.of("long", "int", "short", "byte", "float", "double");

    /** The role of a top-level field, or null for fields the report does not chart (threads, stack traces, ...). */
    static FieldInfo of(ValueDescriptor field) {
        String type = field.getTypeName();
        String contentType = field.getContentType();
        String label = field.getLabel() != null ? field.getLabel() : field.getName();
        Role role;
        if (NOT_CHARTED.contains(field.getName()) || field.isArray()) {
            return null;
        } else if ("jdk.jfr.Timespan".equals(contentType) && NUMBER_TYPES.contains(type)) {
            role = Role.TIMESPAN;
        } else if (NUMBER_TYPES.contains(type)) {
            if ("jdk.jfr.Timestamp".equals(contentType) || "jdk.jfr.MemoryAddress".equals(contentType)) return null;
            role = Role.QUANTITY;
        } else if ("java.lang.String".equals(type) || "boolean".equals(type)) {
            role = Role.TEXT;
        } else {
            return null;
        }
        return new FieldInfo(field.getName(), label, field.getDescription(), role, Units.Quantity.ofContentType(contentType),
                "boolean".equals(type));
    }
}
