package io.lwp4j.metrics;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.iocount.IoTotals;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/** The MBean {@value AgentMXBean#OBJECT_NAME}: reads {@link MetricSources} at each attribute read. */
public final class AgentView implements AgentMXBean {
    private final MetricSources sources;
    private final Map<String, String> options;
    private final Supplier<String> prometheusEndpoint;

    /**
     * @param options every option's key and the value in force
     * @param prometheusEndpoint host:port served, or empty
     */
    public AgentView(MetricSources sources, Map<String, String> options, Supplier<String> prometheusEndpoint) {
        this.sources = sources;
        this.options = Map.copyOf(options);
        this.prometheusEndpoint = prometheusEndpoint;
    }

    /** Registers this view in the platform MBean server under {@value AgentMXBean#OBJECT_NAME}. */
    public void register() throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
    }

    @Override
    public long getIoCalls() {
        return sources.io().collect().calls();
    }

    @Override
    public List<IoCallTotals> getIoTotals() {
        List<IoCallTotals> out = new ArrayList<>();
        for (IoTotals.CallTotals c : sources.io().collect().pairs()) {
            out.add(new IoCallTotals(c.operationName(), c.kindName(), c.calls(), c.bytes(), c.errors(),
                    c.workNanos() / 1e9, c.waitNanos() / 1e9, c.waits()));
        }
        return out;
    }

    @Override
    public List<KernelCostTotals> getKernelCosts() {
        List<KernelCostTotals> out = new ArrayList<>();
        for (KernelCosts.Series s : sources.kernelCosts().series()) {
            out.add(new KernelCostTotals(s.family().metricName(), s.family().labelName() + "=" + s.label(),
                    s.durations().count(), s.sumNanos() / 1e9, s.durations().percentileNanos(50) / 1e9,
                    s.durations().percentileNanos(99) / 1e9));
        }
        return out;
    }

    @Override
    public long getRecordsProduced() {
        return sources.drain().get().produced();
    }

    @Override
    public long getRecordsLost() {
        return sources.drain().get().lost();
    }

    @Override
    public long getBuffersLocked() {
        return sources.buffers().get().buffersLocked();
    }

    @Override
    public long getBuffersUnlocked() {
        BufferStatistics b = sources.buffers().get();
        return b.buffersLive() - b.buffersLocked();
    }

    @Override
    public Map<String, String> getOptions() {
        return options;
    }

    @Override
    public Map<String, String> getFeatures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Features.Feature f : sources.features().all()) out.put(f.name(), f.state().name().toLowerCase(Locale.ROOT));
        return out;
    }

    @Override
    public Map<String, String> getRefusedFeatures() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Features.Feature f : sources.features().all()) {
            if (f.state() == Features.State.REFUSED) out.put(f.name(), f.cause());
        }
        return out;
    }

    @Override
    public String getPrometheusEndpoint() {
        return prometheusEndpoint.get();
    }
}
