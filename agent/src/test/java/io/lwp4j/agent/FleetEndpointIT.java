package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.AgentMBeanWaiter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint listens only when asked: without {@code prometheus=} the agent opens
 * no port at all (the kernel's table of listening sockets, read for the child's descriptors),
 * and a port already in use is one warning while the application runs as it would without lwp4j.
 */
class FleetEndpointIT {

    @Test
    void nothingListensUnlessAsked(@TempDir Path dir) throws Exception {
        Run run = start(dir, "");
        assertEquals("ready off", run.firstLine);
        assertEquals(Set.of(), ListeningPorts.of(run.child.pid()), "ports the child listens on");
        run.finish();
        assertEquals(List.of(), ChildJvm.warnings(Files.readString(run.stderr)));
    }

    /**
     * Without {@code prometheus=} the MBean, registered once the child makes the platform MBean
     * server, shows the kernel-cost histograms counting the canary's write faults.
     */
    @Test
    void theMBeansKernelCostsCountTheCanarysFaults(@TempDir Path dir) throws Exception {
        Run run = start(dir, List.of(), "", "kernel-costs");
        assertEquals("ready off", run.firstLine);
        assertEquals("kernel costs counted", run.stdout.readLine(), () -> "stderr: " + readQuietly(run.stderr));
        run.finish();
    }

    @Test
    void aPortInUseIsOneWarningAndTheApplicationRuns(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = start(dir, "=prometheus=" + port);
            assertEquals("ready refused", run.firstLine);
            assertEquals(Set.of(), ListeningPorts.of(run.child.pid()), "ports the child listens on");
            run.finish();
            List<String> warnings = ChildJvm.warnings(Files.readString(run.stderr));
            assertEquals(1, warnings.size(), warnings.toString());
            String w = warnings.get(0);
            assertTrue(w.startsWith("lwp4j: warning: prometheus=127.0.0.1:" + port + ": no metrics are served")
                    && w.contains("Address already in use") && w.contains("choose a free port"), w);
        }
    }

    /**
     * Under seccomp denying userfaultfd (native/target/tools/uffd_deny), the refused parts are
     * 0 in lwp4j_feature_enabled and each has one lwp4j_feature_refused_info naming the cause its
     * warning named; what runs is 1.
     */
    @Test
    void refusedFeaturesAreScrapedWithTheirCause(@TempDir Path dir) throws Exception {
        Path denier = ChildJvm.NATIVE_TOOLS.resolve("uffd_deny");
        assertTrue(Files.isExecutable(denier), denier + " is built by the native module");
        Run run = start(dir, List.of(denier.toString(), "--all", "--"), "=prometheus=127.0.0.1:0,writetracking=auto");
        assertEquals("ready on", run.firstLine);
        Set<Integer> ports = ListeningPorts.of(run.child.pid());
        assertEquals(1, ports.size(), ports.toString());
        String metrics;
        try (HttpClient http = HttpClient.newHttpClient()) {
            metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.iterator().next()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        run.finish();
        List<String> warnings = ChildJvm.warnings(Files.readString(run.stderr));
        assertEquals(2, warnings.size(), warnings.toString());
        List<String> refused = metrics.lines().filter(l -> l.startsWith("lwp4j_feature_refused_info{")).toList();
        assertEquals(2, refused.size(), metrics);
        for (String feature : List.of("writetracking", "canary")) {
            assertTrue(metrics.contains("lwp4j_feature_enabled{feature=\"" + feature + "\"} 0.0"), metrics);
            assertTrue(refused.stream().anyMatch(l -> l.contains("feature=\"" + feature + "\"") && l.contains("seccomp")
                    && l.endsWith(" 1")), refused.toString());
        }
        for (String feature : List.of("prometheus", "jmx", "syscalls", "jfr", "syscallprobe")) {
            assertTrue(metrics.contains("lwp4j_feature_enabled{feature=\"" + feature + "\"} 1.0"), feature + "\n" + metrics);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private record Run(Process child, BufferedReader stdout, Path stderr, String firstLine) {
        void finish() throws Exception {
            child.getOutputStream().close();
            assertEquals("app done", stdout.readLine());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits");
            assertEquals(0, child.exitValue(), Files.readString(stderr));
        }
    }

    private static Run start(Path dir, String agentOptions) throws Exception {
        return start(dir, List.of(), agentOptions);
    }

    private static Run start(Path dir, List<String> launcher, String agentOptions, String... args) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(ChildJvm.command(launcher, List.of("-javaagent:" + ChildJvm.agentJar()
                + agentOptions), AgentMBeanWaiter.class, args)).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertNotNull(first, "the child said nothing: " + Files.readString(stderr));
        return new Run(child, out, stderr, first);
    }
}
