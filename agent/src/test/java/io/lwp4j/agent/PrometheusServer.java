package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.CiInstaller;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus}, installed by {@code
 * .ci/ensure-prometheus.sh} when missing) on 127.0.0.1 with a port the kernel picks, its own
 * config and data directory, scraping the given targets every second; stopped by {@link #close}.
 * Queries go through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();
    private static final int INSTALL_TIMEOUT_MINUTES = 10;
    private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.e+-]+,\"([^\"]+)\"\\]");

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a server in {@code dir} scraping {@code targets} (host:port) as job {@code lwp4j};
     * with {@code nativeHistograms} it runs with {@code --enable-feature=native-histograms}.
     */
    static PrometheusServer start(Path dir, List<String> targets, boolean nativeHistograms) throws Exception {
        Path binary = CiInstaller.ensure(PROJECT.resolve(".ci/ensure-prometheus.sh"), "prometheus",
                "the fleet test needs Prometheus", INSTALL_TIMEOUT_MINUTES);
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
                + "scrape_configs:\n  - job_name: lwp4j\n    static_configs:\n      - targets: ["
                + String.join(", ", targets.stream().map(t -> "'" + t + "'").toList()) + "]\n");
        List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:0"));
        if (nativeHistograms) cmd.add("--enable-feature=native-histograms");
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Set<Integer> ports;
            while ((ports = ListeningPorts.of(p.pid())).isEmpty()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail("prometheus did not listen within 60 s (alive: " + p.isAlive() + "):\n" + Files.readString(log));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertEquals(1, ports.size(), "prometheus listens on one port: " + ports);
            PrometheusServer server = new PrometheusServer(p, log, ports.iterator().next());
            server.awaitReady();
            return server;
        } catch (Throwable t) {
            p.destroyForcibly();
            throw t;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not accepting yet
            }
            if (System.nanoTime() > deadline) fail("prometheus was not ready within 60 s:\n" + Files.readString(log));
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** The value of a PromQL expression that gives one number, NaN when it gives none. */
    double query(String promql) throws Exception {
        String body = answer(promql);
        Matcher m = VALUE.matcher(body);
        if (!m.find()) return Double.NaN;
        double v = Double.parseDouble(m.group(1));
        assertFalse(m.find(), promql + " gives one value: " + body);
        return v;
    }

    /** The API's answer to a PromQL expression, checked to be a success. */
    String answer(String promql) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), promql + ": " + r.body());
        assertTrue(r.body().startsWith("{\"status\":\"success\""), promql + ": " + r.body());
        return r.body();
    }

    /**
     * Waits, bounded, until {@code promql} gives a value that {@code done} accepts, and returns it;
     * the failure names the expression, what it last gave and what was awaited.
     */
    double await(String promql, DoublePredicate done, String awaited, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        double v;
        while (!done.test(v = query(promql))) {
            if (System.nanoTime() > deadline) {
                fail(promql + " still gives " + v + " after " + bound.toSeconds() + " s; awaited " + awaited);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return v;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        http.close();
    }
}
