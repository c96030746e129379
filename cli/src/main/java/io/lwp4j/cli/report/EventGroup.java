package io.lwp4j.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of one kind that share a value of the kind's group field (one operation, one
 * strategy, one probed call), or all its events when the kind has no group field.
 */
public final class EventGroup {
    private final String value;
    private final String label;
    private final long[] countPerBucket;
    private final Map<String, LatencyStatistics> latencies = new LinkedHashMap<>();
    private final Map<String, QuantityStatistics> quantities = new LinkedHashMap<>();
    private long count;

    EventGroup(String value, EventKind kind, int buckets) {
        this.value = value;
        FieldInfo field = kind.groupField();
        this.label = field == null ? "all" : field.flag() ? field.label() + ": " + ("true".equals(value) ? "yes" : "no") : value;
        this.countPerBucket = new long[buckets];
        for (FieldInfo f : kind.timespanFields()) latencies.put(f.name(), new LatencyStatistics(buckets));
        for (FieldInfo f : kind.quantityFields()) quantities.put(f.name(), new QuantityStatistics(buckets));
    }

    void countEvent(int bucket) {
        count++;
        countPerBucket[bucket]++;
    }

    /** The group field's value shared by these events; empty when the kind is not grouped. */
    public String value() {
        return value;
    }

    /** How the group is named in the report: its value, "Label: yes/no" for a boolean, "all" when not grouped. */
    public String label() {
        return label;
    }

    public long count() {
        return count;
    }

    public long countInBucket(int bucket) {
        return countPerBucket[bucket];
    }

    public LatencyStatistics latency(String field) {
        return latencies.get(field);
    }

    public QuantityStatistics quantity(String field) {
        return quantities.get(field);
    }
}
