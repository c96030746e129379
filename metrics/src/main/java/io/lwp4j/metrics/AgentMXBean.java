package io.lwp4j.metrics;

import java.beans.ConstructorProperties;
import java.util.List;
import java.util.Map;

/**
 * The MBean {@value #OBJECT_NAME}: lwp4j's totals, effective options and refused features,
 * for JConsole, JMC's MBean browser and the JMX-to-metrics bridges, with no port of lwp4j's own.
 * An MXBean: every attribute is of the JMX open types (numbers, strings, {@code CompositeData}
 * and {@code TabularData}), so a client needs no lwp4j class. Totals are cumulative since lwp4j
 * started, as in the Prometheus metrics ({@link Lwp4jMetrics}).
 */
public interface AgentMXBean {
    String OBJECT_NAME = "io.lwp4j:type=Agent";

    /** The application's I/O calls, every operation and kind. */
    long getIoCalls();

    /** Per operation and kind with calls: calls, bytes, errors, work and wait time. */
    List<IoCallTotals> getIoTotals();

    /** Per kernel-cost histogram and label: values, their sum and percentiles. */
    List<KernelCostTotals> getKernelCosts();

    /** Records written into ring buffers (slow or failed I/O calls, samples, faults, probes). */
    long getRecordsProduced();

    /** Records dropped because a buffer was full. */
    long getRecordsLost();

    /** Live ring buffers locked in memory. */
    long getBuffersLocked();

    /** Live ring buffers not locked (refused by lockbudget or RLIMIT_MEMLOCK). */
    long getBuffersUnlocked();

    /** Every agent option and the value in force (the default where none or a bad one was given). */
    Map<String, String> getOptions();

    /** Every optional part: on, off or refused. */
    Map<String, String> getFeatures();

    /** The refused parts and the cause of each. */
    Map<String, String> getRefusedFeatures();

    /** host:port of the Prometheus endpoint, empty when there is none. */
    String getPrometheusEndpoint();

    /** One operation on one kind of descriptor. */
    final class IoCallTotals {
        private final String operation;
        private final String kind;
        private final long calls;
        private final long bytes;
        private final long errors;
        private final double workSeconds;
        private final double waitSeconds;
        private final long waits;

        @ConstructorProperties({"operation", "kind", "calls", "bytes", "errors", "workSeconds", "waitSeconds", "waits"})
        public IoCallTotals(String operation, String kind, long calls, long bytes, long errors, double workSeconds,
                double waitSeconds, long waits) {
            this.operation = operation;
            this.kind = kind;
            this.calls = calls;
            this.bytes = bytes;
            this.errors = errors;
            this.workSeconds = workSeconds;
            this.waitSeconds = waitSeconds;
            this.waits = waits;
        }

        public String getOperation() {
            return operation;
        }

        public String getKind() {
            return kind;
        }

        public long getCalls() {
            return calls;
        }

        public long getBytes() {
            return bytes;
        }

        public long getErrors() {
            return errors;
        }

        public double getWorkSeconds() {
            return workSeconds;
        }

        public double getWaitSeconds() {
            return waitSeconds;
        }

        public long getWaits() {
            return waits;
        }
    }

    /** One label of a kernel-cost histogram ({@link KernelCosts}). */
    final class KernelCostTotals {
        private final String metric;
        private final String label;
        private final long count;
        private final double sumSeconds;
        private final double p50Seconds;
        private final double p99Seconds;

        @ConstructorProperties({"metric", "label", "count", "sumSeconds", "p50Seconds", "p99Seconds"})
        public KernelCostTotals(String metric, String label, long count, double sumSeconds, double p50Seconds,
                double p99Seconds) {
            this.metric = metric;
            this.label = label;
            this.count = count;
            this.sumSeconds = sumSeconds;
            this.p50Seconds = p50Seconds;
            this.p99Seconds = p99Seconds;
        }

        public String getMetric() {
            return metric;
        }

        /** The label's name and value, {@code step=total}. */
        public String getLabel() {
            return label;
        }

        public long getCount() {
            return count;
        }

        public double getSumSeconds() {
            return sumSeconds;
        }

        /** Midpoint of the bucket holding the median (2.2 % at most from the value). */
        public double getP50Seconds() {
            return p50Seconds;
        }

        public double getP99Seconds() {
            return p99Seconds;
        }
    }
}
