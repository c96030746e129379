package io.lwp4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.ScrapeCost
 * agent/target/lwp4j-agent.jar [rounds] [seconds]}: what a Prometheus scrape of {@code
 * prometheus=} costs the JVM it scrapes. Two child JVMs run the same {@link Target} under the
 * agent (each serving its metrics) and then idle; after 300 scrapes of each (the JIT compiles the
 * scrape's path meanwhile) round by round one of them, alternating, is
 * scraped every second the way Prometheus does it by default (text format, gzip) while the other
 * is not. The CPU time of every thread of each JVM ({@code /proc/PID/task/TID/schedstat}, ns)
 * over the round, scraped minus not scraped, over the scrapes made, is the CPU per scrape; the
 * median of the rounds is printed with the bytes of one scrape in each format.
 */
public final class ScrapeCost {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final String TEXT = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;"
            + "q=0.5,*/*;q=0.1";
    private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited";

    private static final int WARMUP_SCRAPES = 300;

    private ScrapeCost() {}

    public static void main(String[] args) throws Exception {
        Path agent = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<Process> children = new ArrayList<>();
        int[] ports = {freePort(), freePort()};
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (int port : ports) {
                children.add(new ProcessBuilder(JAVA, "-javaagent:" + agent + "=prometheus=127.0.0.1:" + port, "-cp",
                        CLASSPATH, Target.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            }
            for (Process c : children) {
                String ready = new String(c.getInputStream().readNBytes(6));
                if (!ready.equals("ready\n")) throw new IllegalStateException("target said " + ready);
            }
            for (int i = 0; i < WARMUP_SCRAPES; i++) {
                for (int port : ports) scrape(http, port, TEXT, true);   // both alike, until the JIT has compiled the path
            }
            double[] perScrapeMs = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                int scraped = r % 2;
                long[] before = {cpuNanos(children.get(0).pid()), cpuNanos(children.get(1).pid())};
                long start = System.nanoTime();
                int scrapes = 0;
                for (int s = 0; s < seconds; s++) {
                    scrape(http, ports[scraped], TEXT, true);
                    scrapes++;
                    long next = start + (s + 1) * 1_000_000_000L;
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                }
                long[] used = {cpuNanos(children.get(0).pid()) - before[0], cpuNanos(children.get(1).pid()) - before[1]};
                perScrapeMs[r] = (used[scraped] - used[1 - scraped]) / 1e6 / scrapes;
                System.out.printf(Locale.ROOT, "round %d: JVM %d scraped %d times: cpu %.1f ms, the other %.1f ms; "
                        + "%.2f ms per scrape%n", r + 1, scraped, scrapes, used[scraped] / 1e6, used[1 - scraped] / 1e6,
                        perScrapeMs[r]);
            }
            Arrays.sort(perScrapeMs);
            double median = perScrapeMs[rounds / 2];
            System.out.printf(Locale.ROOT, "cpu per scrape: median %.2f ms of %d rounds; at one scrape a second %.2f %% "
                    + "of one CPU%n", median, rounds, median / 10);
            System.out.printf(Locale.ROOT, "bytes per scrape: text %d, text gzip %d, protobuf (native histograms) %d%n",
                    scrape(http, ports[0], TEXT, false), scrape(http, ports[0], TEXT, true),
                    scrape(http, ports[0], PROTOBUF, false));
        } finally {
            for (Process c : children) c.destroyForcibly();
        }
    }

    /** Scrapes once; the bytes that came over the wire. */
    private static long scrape(HttpClient http, int port, String accept, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", accept);
        if (gzip) b.header("Accept-Encoding", "gzip");
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException("scrape answered " + r.statusCode());
        return r.body().length;
    }

    /** CPU time of every live thread of a process, ns. */
    private static long cpuNanos(long pid) throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    sum += Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * The scraped JVM: file writes, reads and fsyncs, socket connects, accepts, reads and writes
     * on two threads (so every I/O family has series), then "ready" and idle until killed.
     */
    public static final class Target {
        public static void main(String[] args) throws Exception {
            Path file = Files.createTempFile("lwp4j-scrape", ".dat");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.allocate(4096);
                for (int i = 0; i < 2000; i++) {
                    b.clear();
                    ch.write(b);
                    b.clear();
                    ch.read(b, 0);
                    if (i % 100 == 0) ch.force(false);
                }
            } finally {
                Files.delete(file);
            }
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread echo = new Thread(() -> {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream();
                            OutputStream out = s.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                echo.start();
                try (Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    byte[] m = new byte[256];
                    for (int i = 0; i < 2000; i++) {
                        c.getOutputStream().write(m);
                        c.getInputStream().readNBytes(m, 0, m.length);
                    }
                }
                echo.join();
            }
            System.out.print("ready\n");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
