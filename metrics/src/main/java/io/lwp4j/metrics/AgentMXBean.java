package io.lwp4j.metrics;

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

    /**
     * One operation on one kind of descriptor. A record: the MXBean maps its components to the
     * {@code CompositeData} items of the same names, and a proxy rebuilds it through its
     * canonical constructor (JMX's record mapping, JDK 17).
     */
    record IoCallTotals(String operation, String kind, long calls, long bytes, long errors, double workSeconds,
            double waitSeconds, long waits) {}

    /**
     * One label of a kernel-cost histogram ({@link KernelCosts}).
     *
     * @param label the label's name and value, {@code step=total}
     * @param p50Seconds midpoint of the bucket holding the median (2.2 % at most from the value)
     */
    record KernelCostTotals(String metric, String label, long count, double sumSeconds, double p50Seconds,
            double p99Seconds) {}
}
