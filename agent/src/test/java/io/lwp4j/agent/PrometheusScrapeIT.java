package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.FleetWorkload;
import io.lwp4j.sampler.Soak;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet view against real Prometheus servers: three child JVMs under the agent, each
 * serving {@code prometheus=127.0.0.1:0}, make a known number of file and socket calls and then
 * stop doing I/O, while two servers scrape them every second: one as Prometheus runs by default
 * (text format, classic histograms), one with {@code --enable-feature=native-histograms}
 * (protobuf, native histograms).
 * <ul>
 *   <li>Both servers' HTTP API answer the sum of the calls' counts with exactly the sum of what
 *       the programs did, and it stays so scrape after scrape: the endpoint's own I/O counts
 *       nowhere.
 *   <li>{@code histogram_quantile(0.99, ...)} of the file writes agrees with HdrHistogram's p99
 *       of the same calls (their {@code lwp4j.Syscall} events, every call one at {@code
 *       jfrthreshold=0ms}) within the bucket error: a factor 2<sup>1/16</sup> for the native
 *       buckets, 2 for the classic ones.
 * </ul>
 */
class PrometheusScrapeIT {
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final int[][] WORK = {{3000, 20, 150}, {4000, 30, 200}, {5000, 40, 250}}; // writes, fsyncs, socket writes

    @Test
    void prometheusSeesExactlyTheProgramsCallsAndTheirP99(@TempDir Path dir) throws Exception {
        List<Process> children = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        long expected = 0;
        try {
            for (int i = 0; i < WORK.length; i++) {
                int[] w = WORK[i];
                expected += w[0] + w[1] + w[2] + 2;   // + one connect, one accept
                List<String> cmd = ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                        + "=prometheus=127.0.0.1:0,ops=write+force+connect+accept,jfrthreshold=0ms,jfr="
                        + dir.resolve("child-" + i + ".jfr")), FleetWorkload.class, Integer.toString(w[0]),
                        Integer.toString(w[1]), Integer.toString(w[2]));
                children.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child-" + i + ".out").toFile()).start());
            }
            for (Process child : children) targets.add("127.0.0.1:" + metricsPort(child));
            try (PrometheusServer classic = PrometheusServer.start(dir.resolve("classic"), targets, false);
                    PrometheusServer nativeHistograms = PrometheusServer.start(dir.resolve("native"), targets, true)) {
                for (PrometheusServer s : List.of(classic, nativeHistograms)) {
                    s.await("count(up{job=\"lwp4j\"} == 1)", v -> v == 3, "all three targets up", BOUND);
                }
                for (Process child : children) {
                    OutputStream in = child.getOutputStream();
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
                long total = expected;
                String classicCount = "sum(lwp4j_io_call_duration_seconds_count)";
                String nativeCount = "sum(histogram_count(lwp4j_io_call_duration_seconds))";
                classic.await(classicCount, v -> v >= total, total + " calls", BOUND);
                nativeHistograms.await(nativeCount, v -> v >= total, total + " calls", BOUND);
                // three scrapes more of every target: still exactly the programs' calls
                double scrapedAt = classic.query("min(timestamp(up{job=\"lwp4j\"}))");
                classic.await("min(timestamp(up{job=\"lwp4j\"}))", t -> t >= scrapedAt + 3, "three more scrapes", BOUND);
                assertEquals(total, classic.query(classicCount), "the classic server's count of calls");
                assertEquals(total, nativeHistograms.query(nativeCount), "the native server's count of calls");
                assertTrue(Double.isNaN(nativeHistograms.query(classicCount)),
                        "a server that asks for native histograms stores them instead of the classic series");

                String writes = "{operation=\"write\",kind=\"file\"}";
                double classicP99 = classic.query("histogram_quantile(0.99, sum by (le) "
                        + "(lwp4j_io_call_duration_seconds_bucket" + writes + "))");
                double nativeP99 = nativeHistograms.query("histogram_quantile(0.99, sum(lwp4j_io_call_duration_seconds"
                        + writes + "))");
                assertEquals(3, classic.query("count(lwp4j_write_fault_duration_seconds_count{step=\"total\"})"),
                        "each JVM's canary faults");
                assertEquals(3, classic.query("sum(lwp4j_feature_enabled{feature=\"prometheus\"})"));
                for (String promql : readmeQueries()) {
                    classic.answer(promql);   // the README's queries parse and run
                    nativeHistograms.answer(promql);
                }

                for (Process child : children) child.getOutputStream().close();
                for (int i = 0; i < children.size(); i++) {
                    assertTrue(children.get(i).waitFor(60, TimeUnit.SECONDS), "child " + i + " exits");
                    assertEquals(0, children.get(i).exitValue(), Files.readString(dir.resolve("child-" + i + ".out")));
                }
                Histogram hdr = new Histogram(3);
                for (int i = 0; i < WORK.length; i++) {
                    long events = 0;
                    for (RecordedEvent e : RecordingFile.readAllEvents(dir.resolve("child-" + i + ".jfr"))) {
                        if (e.getEventType().getName().equals("lwp4j.Syscall") && e.getString("operation").equals("write")
                                && e.getString("kind").equals("file")) {
                            hdr.recordValue(Math.max(1, e.getLong("callTime") - e.getLong("waitTime")));
                            events++;
                        }
                    }
                    assertEquals(WORK[i][0], events, "child " + i + ": one lwp4j.Syscall per file write");
                }
                double hdrP99 = hdr.getValueAtPercentile(99) / 1e9;
                Soak.report("prometheus-scrape", "calls", total, "hdr_p99_us", hdrP99 * 1e6, "native_p99_us",
                        nativeP99 * 1e6, "classic_p99_us", classicP99 * 1e6);
                double nativeError = Math.pow(2, 1.0 / 16) * 1.001;   // one native bucket, HdrHistogram's 3 digits
                assertTrue(nativeP99 / hdrP99 <= nativeError && hdrP99 / nativeP99 <= nativeError,
                        "native p99 " + nativeP99 + " s against HdrHistogram's " + hdrP99 + " s");
                assertTrue(classicP99 / hdrP99 <= 2.002 && hdrP99 / classicP99 <= 2.002,
                        "classic p99 " + classicP99 + " s against HdrHistogram's " + hdrP99 + " s");
            }
        } finally {
            for (Process child : children) child.destroyForcibly();
        }
    }

    /** The PromQL block of the README's "Fleet" section, one query per entry (indented lines continue one). */
    private static List<String> readmeQueries() throws Exception {
        String readme = Files.readString(PrometheusServer.PROJECT.resolve("README.md"));
        String block = readme.substring(readme.indexOf("```promql\n") + 10);
        block = block.substring(0, block.indexOf("```"));
        List<String> queries = new ArrayList<>();
        for (String line : block.lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) continue;
            if (Character.isWhitespace(line.charAt(0)) && !queries.isEmpty()) {
                queries.set(queries.size() - 1, queries.get(queries.size() - 1) + " " + line.strip());
            } else {
                queries.add(line);
            }
        }
        assertTrue(queries.size() >= 4, "the README's queries: " + queries);
        return queries;
    }

    /** The one port the child listens on before "go": its metrics endpoint. */
    private static int metricsPort(Process child) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        Set<Integer> ports;
        while ((ports = ListeningPorts.of(child.pid())).isEmpty()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("child " + child.pid() + " served no port within " + BOUND.toSeconds() + " s (alive: "
                        + child.isAlive() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(1, ports.size(), "before go the child listens on its metrics port alone: " + ports);
        return ports.iterator().next();
    }
}
