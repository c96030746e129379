package io.lwp4j.metrics;

import static io.lwp4j.sampler.layout.SyscallLayout.*;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.IoHistogram;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} over HTTP: the text format's classic buckets are exact counts of the
 * durations at each power of two, the protobuf format's native buckets are lwp4j's buckets as
 * they are, and every other family carries what its source holds, with labels from the fixed
 * tables only.
 */
class PrometheusEndpointTest {
    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited";
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_0-9]+)(\\{([^}]*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final Set<String> LABEL_NAMES = Set.of("operation", "kind", "step", "call", "strategy", "state",
            "feature", "cause", "le");

    private final IoCounts io = new IoCounts();
    private final Features features = new Features();
    private final long[] readNanos = new long[2000];
    private long readBytes;
    private PrometheusEndpoint endpoint;

    @BeforeEach
    void countAndServe() throws IOException {
        ThreadIoCounts counts = io.register(Thread.currentThread());
        Random random = new Random(18);
        int read = ThreadIoCounts.pair(READ, FILE);
        for (int i = 0; i < readNanos.length; i++) {
            // 0 ns to about 2 s, spread over the decades, some in the zero bucket
            readNanos[i] = i % 50 == 0 ? random.nextInt(9) : (long) Math.pow(10, 1 + random.nextDouble() * 8.3);
            counts.count(read, readNanos[i], i);
            readBytes += i;
        }
        counts.countError(read);
        int socketRead = ThreadIoCounts.pair(READ, SOCKET);
        counts.countWaited(socketRead, 0, 5_000_000, 100);
        counts.countWaited(socketRead, 0, 7_000_000, 100);
        features.on("canary");
        features.off("writetracking");
        features.refused("codeloadprobe", "mmap of executable memory is refused (SELinux execmem?)");
        DrainStatistics drain = new DrainStatistics(100, 90, 7, 3, 0, Map.of(), 0, Map.of(), Map.of(), 1, 1);
        BufferStatistics buffers = new BufferStatistics(5, 9, 0, 0, 0, 2, 0, -1, 3);
        MetricSources sources = new MetricSources(io, new KernelCosts(), () -> drain, () -> buffers, features);
        endpoint = PrometheusEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new Lwp4jMetrics(sources));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void textFormatHasExactClassicBucketsAndEveryFamily() throws Exception {
        HttpResponse<String> r = get(null, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
        Map<String, Double> samples = parse(r.body());

        String[] read = {"operation", "read", "kind", "file"};
        assertEquals(readNanos.length, samples.get(series("lwp4j_io_call_duration_seconds_count", read)));
        long sum = 0;
        for (long n : readNanos) sum += n;
        assertEquals(sum / 1e9, samples.get(series("lwp4j_io_call_duration_seconds_sum", read)), 1e-9);
        for (int e = HistogramPoints.FIRST_CLASSIC_POWER; e <= HistogramPoints.LAST_CLASSIC_POWER; e++) {
            double bound = Math.pow(2, e);
            long atMost = 0;
            for (long n : readNanos) if (n <= bound * 1e9) atMost++;
            assertEquals(atMost, samples.get(series("lwp4j_io_call_duration_seconds_bucket", "operation", "read", "kind",
                    "file", "le", Double.toString(bound))), "calls of at most 2^" + e + " s");
        }
        assertEquals(readNanos.length, samples.get(series("lwp4j_io_call_duration_seconds_bucket", "operation", "read",
                "kind", "file", "le", "+Inf")));
        assertEquals(readBytes, samples.get(series("lwp4j_io_bytes_total", read)));
        assertEquals(1, samples.get(series("lwp4j_io_errors_total", read)));

        String[] socket = {"operation", "read", "kind", "socket"};
        assertEquals(2, samples.get(series("lwp4j_io_call_duration_seconds_count", socket)));
        assertEquals(2, samples.get(series("lwp4j_io_wait_duration_seconds_count", socket)));
        assertEquals(0.012, samples.get(series("lwp4j_io_wait_duration_seconds_sum", socket)), 1e-12);
        assertNull(samples.get(series("lwp4j_io_wait_duration_seconds_count", read)), "file reads did not wait");

        assertEquals(7, samples.get(series("lwp4j_records_lost_total")));
        assertEquals(3, samples.get(series("lwp4j_buffers", "state", "locked")));
        assertEquals(2, samples.get(series("lwp4j_buffers", "state", "unlocked")));
        assertEquals(1, samples.get(series("lwp4j_feature_enabled", "feature", "canary")));
        assertEquals(0, samples.get(series("lwp4j_feature_enabled", "feature", "writetracking")));
        assertEquals(0, samples.get(series("lwp4j_feature_enabled", "feature", "codeloadprobe")));
        assertEquals(1, samples.get(series("lwp4j_feature_refused_info", "feature", "codeloadprobe", "cause",
                "mmap of executable memory is refused (SELinux execmem?)")));
        assertEquals(1, samples.keySet().stream().filter(k -> k.startsWith("lwp4j_feature_refused_info")).count());
        assertTrue(r.body().contains("# TYPE lwp4j_io_call_duration_seconds histogram"), r.body());
        assertTrue(r.body().contains("# TYPE lwp4j_io_bytes_total counter"), r.body());
    }

    @Test
    void protobufFormatHasLwp4jsBucketsAsNativeBuckets() throws Exception {
        HttpResponse<InputStream> r = get(PROTOBUF, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        Map<String, Metrics.MetricFamily> families = new HashMap<>();
        try (InputStream in = r.body()) {
            for (Metrics.MetricFamily f; (f = Metrics.MetricFamily.parseDelimitedFrom(in)) != null; ) {
                families.put(f.getName(), f);
            }
        }
        Metrics.Histogram h = families.get("lwp4j_io_call_duration_seconds").getMetricList().stream()
                .filter(m -> m.getLabelList().stream().anyMatch(l -> l.getValue().equals("file"))).findFirst()
                .orElseThrow().getHistogram();
        assertEquals(IoHistogramScheme.SCHEMA, h.getSchema());
        assertEquals(IoHistogramScheme.upperBoundSeconds(IoHistogramScheme.MIN_INDEX), h.getZeroThreshold());
        IoHistogram expected = io.collect().get(READ, FILE).workTimes();
        assertEquals(expected.countAt(IoHistogramScheme.MIN_INDEX), h.getZeroCount(), "durations up to 8 ns");
        Map<Integer, Long> buckets = new TreeMap<>();
        int index = 0;
        int delta = 0;
        long count = 0;
        for (Metrics.BucketSpan span : h.getPositiveSpanList()) {
            index += span.getOffset();
            for (int i = 0; i < span.getLength(); i++) {
                count += h.getPositiveDelta(delta++);
                if (count != 0) buckets.put(index, count);
                index++;
            }
        }
        Map<Integer, Long> lwp4j = new TreeMap<>();
        for (int k = IoHistogramScheme.MIN_INDEX + 1; k <= IoHistogramScheme.MAX_INDEX; k++) {
            if (expected.countAt(k) != 0) lwp4j.put(k, expected.countAt(k));
        }
        assertEquals(lwp4j, buckets, "native buckets are lwp4j's, bucket by bucket");
        assertEquals(readNanos.length, h.getSampleCount());
        assertFalse(h.getBucketList().isEmpty(), "the classic buckets ride along");
    }

    @Test
    void labelsComeFromTheFixedTablesOnly() throws Exception {
        String body = get(null, HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.lines().filter(l -> !l.startsWith("#")).toList()) {
            Matcher m = LABEL.matcher(line);
            while (m.find()) assertTrue(LABEL_NAMES.contains(m.group(1)), "label " + m.group(1) + " in " + line);
        }
    }

    @Test
    void anAddressInUseIsRefusedWithTheBindError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> PrometheusEndpoint.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()),
                    new Lwp4jMetrics(new MetricSources(io, new KernelCosts(), () -> null, () -> null, features))));
            assertTrue(e.getMessage().contains("in use"), e.toString());
        }
    }

    private <T> HttpResponse<T> get(String accept, HttpResponse.BodyHandler<T> body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.address().getPort()
                + "/metrics"));
        if (accept != null) b.header("Accept", accept);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(b.build(), body);
        }
    }

    /** The series key of {@link #parse}: the name, then the labels sorted by name. */
    static String series(String name, String... labelsAndValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) labels.put(labelsAndValues[i], labelsAndValues[i + 1]);
        return name + labels;
    }

    /** Sample lines of the text format by {@link #series} key. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a sample line: " + line);
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            out.put(m.group(1) + labels, Double.parseDouble(m.group(4)));
        }
        return out;
    }
}
