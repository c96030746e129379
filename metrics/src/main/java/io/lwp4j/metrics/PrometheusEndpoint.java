package io.lwp4j.metrics;

import com.sun.net.httpserver.HttpServer;
import io.lwp4j.sampler.AgentThread;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} on the JDK's HTTP server, answered by the Prometheus Java client's handler
 * (content negotiation, gzip, {@code name[]} filters): the text format, or protobuf with native
 * histograms when the scraper asks for it.
 *
 * <p>Every thread of it is lwp4j's, so its own I/O counts nowhere: requests run on one {@link
 * AgentThread}, and the server is started from it, so the JDK's dispatcher thread is in lwp4j's
 * thread group. The client's configuration comes from the defaults alone, not from any {@code
 * prometheus.properties} or {@code io.prometheus.*} setting of the application; the client's
 * {@code HTTPServer} class is not used, because loading it sets two {@code sun.net.httpserver.*}
 * system properties of the whole JVM.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService requests;

    private PrometheusEndpoint(HttpServer server, ExecutorService requests) {
        this.server = server;
        this.requests = requests;
    }

    /**
     * Binds {@code address} and serves {@code metrics} at {@code /metrics}.
     *
     * @throws IOException when the address cannot be bound (in use, not local, not permitted)
     */
    public static PrometheusEndpoint start(InetSocketAddress address, MultiCollector metrics) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        HttpServer server = HttpServer.create(address, 8);
        ExecutorService requests = Executors.newSingleThreadExecutor(r -> new AgentThread("lwp4j-prometheus", r));
        server.createContext("/metrics", new MetricsHandler(PrometheusProperties.builder().build(), registry));
        server.setExecutor(requests);
        try {
            requests.submit(server::start).get();
        } catch (InterruptedException | ExecutionException e) {
            server.stop(0);
            requests.shutdown();
            throw new IOException("the HTTP server did not start", e);
        }
        return new PrometheusEndpoint(server, requests);
    }

    /** The address bound (its port chosen by the kernel when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdown();
    }
}
