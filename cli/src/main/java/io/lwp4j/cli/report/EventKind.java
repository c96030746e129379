package io.lwp4j.cli.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lwp4j event type found in the recording: its JFR metadata, which fields are charted in
 * which role, its group field, and the statistics of its events per group.
 */
public final class EventKind {
    /** A text field with at most this many distinct values may split the events into groups. */
    public static final int MAX_GROUPS = 12;
    /** Distinct values of a text field counted for its value table. */
    public static final int MAX_TEXT_VALUES = 50;
    /** Of those, the most frequent ones the report lists. */
    public static final int LISTED_TEXT_VALUES = 10;

    private final String name;
    private final String label;
    private final String description;
    private final List<String> category;
    private final List<FieldInfo> timespanFields;
    private final List<FieldInfo> quantityFields;
    private final List<FieldInfo> textFields;
    private final FieldInfo groupField;
    private final Map<String, Map<String, Long>> textValueCounts;
    private final Map<String, Boolean> textValuesTruncated;
    private final Map<String, EventGroup> groups = new LinkedHashMap<>();
    private final long count;
    private final long firstEpochNanos;
    private final long lastEpochNanos;

    EventKind(String name, String label, String description, List<String> category,
              List<FieldInfo> timespanFields, List<FieldInfo> quantityFields, List<FieldInfo> textFields,
              FieldInfo groupField, Map<String, Map<String, Long>> textValueCounts,
              Map<String, Boolean> textValuesTruncated, long count, long firstEpochNanos, long lastEpochNanos) {
        this.name = name;
        this.label = label;
        this.description = description;
        this.category = List.copyOf(category);
        this.timespanFields = List.copyOf(timespanFields);
        this.quantityFields = List.copyOf(quantityFields);
        this.textFields = List.copyOf(textFields);
        this.groupField = groupField;
        this.textValueCounts = textValueCounts;
        this.textValuesTruncated = textValuesTruncated;
        this.count = count;
        this.firstEpochNanos = firstEpochNanos;
        this.lastEpochNanos = lastEpochNanos;
    }

    /** Groups in order of their value counts, largest first (the order of the group field's values). */
    void createGroups(int buckets) {
        if (groupField == null) {
            groups.put("", new EventGroup("", this, buckets));
        } else {
            for (String value : textValueCounts.get(groupField.name()).keySet()) {
                groups.put(value, new EventGroup(value, this, buckets));
            }
        }
    }

    EventGroup groupOf(String groupValue) {
        return groups.get(groupField == null ? "" : groupValue);
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public List<String> category() {
        return category;
    }

    /** Fields annotated {@code @Timespan}, and the event's own duration where some event has one. */
    public List<FieldInfo> timespanFields() {
        return timespanFields;
    }

    public List<FieldInfo> quantityFields() {
        return quantityFields;
    }

    public List<FieldInfo> textFields() {
        return textFields;
    }

    /** The text field that splits the events into groups, or null. */
    public FieldInfo groupField() {
        return groupField;
    }

    public List<EventGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Distinct values of a text field with their counts, largest first, at most {@link #MAX_TEXT_VALUES}. */
    public Map<String, Long> textValues(String field) {
        return Collections.unmodifiableMap(textValueCounts.get(field));
    }

    /** Whether the field had more distinct values than {@link #textValues} holds. */
    public boolean textValuesTruncated(String field) {
        return textValuesTruncated.get(field);
    }

    public long count() {
        return count;
    }

    public long firstEpochNanos() {
        return firstEpochNanos;
    }

    public long lastEpochNanos() {
        return lastEpochNanos;
    }

    /** Timespan fields with more than one value: histograms, percentiles over time, side by side. */
    public List<FieldInfo> chartedTimespanFields() {
        return timespanFields.stream().filter(f -> constantValue(f) == null).toList();
    }

    /**
     * Quantities charted over time: those with a unit (bytes, fractions, frequencies), and every
     * varying quantity of a kind without charted latencies (lost records, buffer statistics),
     * where the numbers are the whole story.
     */
    public List<FieldInfo> chartedQuantityFields() {
        boolean numbersOnly = chartedTimespanFields().isEmpty();
        return quantityFields.stream()
                .filter(f -> constantValue(f) == null && (numbersOnly || f.quantity() != Units.Quantity.COUNT)).toList();
    }

    /** Varying unitless numbers beside latencies (descriptors, ids, positions): in a table only. */
    public List<FieldInfo> tabulatedQuantityFields() {
        List<FieldInfo> charted = chartedQuantityFields();
        return quantityFields.stream().filter(f -> constantValue(f) == null && !charted.contains(f)).toList();
    }

    /** Fields with one value across all events, with that value as text: stated once, not charted. */
    public Map<FieldInfo, String> constants() {
        Map<FieldInfo, String> constants = new LinkedHashMap<>();
        for (List<FieldInfo> fields : List.of(textFields, quantityFields, timespanFields)) {
            for (FieldInfo f : fields) {
                String value = constantValue(f);
                if (value != null) constants.put(f, value);
            }
        }
        return constants;
    }

    /** The field's only value as text, or null when it has several (or none). */
    private String constantValue(FieldInfo f) {
        switch (f.role()) {
            case TEXT -> {
                Map<String, Long> values = textValueCounts.get(f.name());
                return values.size() == 1 && !textValuesTruncated.get(f.name()) ? values.keySet().iterator().next() : null;
            }
            case QUANTITY -> {
                Double value = null;
                for (EventGroup g : groups.values()) {
                    QuantityStatistics s = g.quantity(f.name());
                    if (s.count() == 0) continue;
                    if (s.min() != s.max() || (value != null && value != s.min()) || s.count() != g.count()) return null;
                    value = s.min();
                }
                return value == null ? null : f.quantity().format(value);
            }
            case TIMESPAN -> {
                Long value = null;
                for (EventGroup g : groups.values()) {
                    LatencyStatistics s = g.latency(f.name());
                    if (s.unmeasurable() > 0) return null;
                    if (s.count() == 0) continue;
                    if (s.min() != s.max() || (value != null && value != s.min())) return null;
                    value = s.min();
                }
                return value == null ? null : Units.duration(value);
            }
        }
        return null;
    }
}
