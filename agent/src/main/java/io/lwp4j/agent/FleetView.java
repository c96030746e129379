package io.lwp4j.agent;

import io.lwp4j.metrics.AgentView;
import io.lwp4j.metrics.Features;
import io.lwp4j.metrics.KernelCosts;
import io.lwp4j.metrics.Lwp4jMetrics;
import io.lwp4j.metrics.MetricSources;
import io.lwp4j.metrics.PrometheusEndpoint;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServerFactory;

/**
 * Starts the fleet view the options ask for: the Prometheus endpoint ({@code prometheus=}, off
 * by default) and the MBean io.lwp4j:type=Agent ({@code jmx=}, on by default), both reading the
 * same {@link MetricSources}; and records which of lwp4j's own parts run ({@link Features}).
 *
 * <p>The kernel-cost histograms subscribe to the drain pipeline here, before the samplers start,
 * so they miss none of their records. Binding the port and registering the MBean happen on an
 * {@link AgentThread}: the application's start is not held up by them, and the JDK threads they
 * start are lwp4j's. Each refusal (a port in use, an address not local, JMX unavailable) is one
 * warning and a refused feature; the application and the rest of lwp4j go on.
 */
final class FleetView {
    static final Duration PLATFORM_SERVER_CHECK = Duration.ofSeconds(1);

    private FleetView() {}

    static void start(AgentOptions options, SamplingSession session, Features features, boolean jfrRuns,
            boolean heapAllowsMBean) {
        set(features, AgentOptions.SYSCALLS.key(), options.get(AgentOptions.SYSCALLS) != SyscallsMode.OFF);
        set(features, AgentOptions.JFR.key(), jfrRuns);
        boolean prometheus = !options.get(AgentOptions.PROMETHEUS).equals("off");
        boolean jmx = options.get(AgentOptions.JMX) && heapAllowsMBean; // HeapBudget's warning says when not
        if (!prometheus) features.off(AgentOptions.PROMETHEUS.key());
        if (!jmx) features.off(AgentOptions.JMX.key());
        if (!prometheus && !jmx) return;
        KernelCosts kernelCosts = new KernelCosts();
        DrainPipeline pipeline = session.drainPipeline();
        pipeline.subscribe(kernelCosts);
        MetricSources sources = new MetricSources(session.ioCounts(), kernelCosts, pipeline::statistics,
                BufferStatistics::read, features);
        AtomicReference<String> endpoint = new AtomicReference<>("");
        new AgentThread("lwp4j-fleet-view", () -> {
            if (prometheus) serve(options, sources, features, endpoint);
            if (jmx) {
                AgentView view = new AgentView(sources, options.effectiveTexts(), endpoint::get);
                registerOncePlatformServerExists(view, features);
            }
        }).start();
    }

    /**
     * Registers the MBean once the platform MBean server exists, made by someone else: the
     * application, a JMX agent, JConsole or JMC attaching (the JDK's management agent), so at
     * most a second after. Starting the platform MBean server for it would cost every JVM about
     * 0.2 s of its start and 6 MiB (BENCHMARKS.md, "Startup and footprint"), most of which never
     * asks for MBeans.
     */
    private static void registerOncePlatformServerExists(AgentView view, Features features) {
        while (!platformServerExists()) LockSupport.parkNanos(PLATFORM_SERVER_CHECK.toNanos());
        register(view, features);
    }

    /** Whether someone has made the platform MBean server (making it is left to them). */
    static boolean platformServerExists() {
        return !MBeanServerFactory.findMBeanServer(null).isEmpty();
    }

    private static void set(Features features, String key, boolean on) {
        if (on) features.on(key);
        else features.off(key);
    }

    private static void serve(AgentOptions options, MetricSources sources, Features features,
            AtomicReference<String> endpoint) {
        String key = AgentOptions.PROMETHEUS.key();
        String asked = key + "=" + options.get(AgentOptions.PROMETHEUS);
        try {
            PrometheusEndpoint served = PrometheusEndpoint.start(options.prometheusAddress(), new Lwp4jMetrics(sources));
            InetSocketAddress a = served.address();
            String host = a.getAddress().getHostAddress();
            endpoint.set((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort());
            features.on(key);
        } catch (Exception | LinkageError e) {
            String cause = AgentBootstrap.describe(e);
            Samplers.refused(features, key, cause, asked + ": no metrics are served, the address was refused ("
                    + cause + "); choose a free port, or an address of this host");
        }
    }

    private static void register(AgentView view, Features features) {
        String key = AgentOptions.JMX.key();
        try {
            view.register();
            features.on(key);
        } catch (Exception | LinkageError e) {
            String cause = AgentBootstrap.describe(e);
            Samplers.refused(features, key, cause, "the MBean " + AgentView.OBJECT_NAME + " is not registered (" + cause
                    + "); the Prometheus endpoint and JFR are unaffected, jmx=off leaves it out");
        }
    }
}
