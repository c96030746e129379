package io.lwp4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentThroughput
 * agent/target/lwp4j-agent.jar [rounds] [seconds]}: runs {@link H2Workload} in child JVMs, in
 * its embedded mode and then its TCP-server mode, in four configurations alternating round by
 * round (so drift of a shared machine hits all alike): without anything; with the JDK's own
 * recording alone ({@code -XX:StartFlightRecording}, the JDK {@code default} settings: the
 * price of JFR itself); with the agent at its defaults ({@code -javaagent:lwp4j-agent.jar}: every
 * I/O call counted, no recording); and with the agent writing its own recording ({@code
 * -javaagent:lwp4j-agent.jar=jfr=<file>}: the same JDK settings plus lwp4j.jfc). Prints each
 * run, the median throughputs and the two ratios of issue 14 (targets >= 0.97): agent /
 * without, and agent's recording / the JDK's recording alone (lwp4j's own share of a
 * recording), the medians of CPU time per statement (steadier than throughput on a shared
 * machine), and what the agent recorded of H2's I/O: calls per operation from the {@code
 * lwp4j.SyscallSummary} events of the last recording, and how many {@code lwp4j.Syscall} events
 * (calls of 20 ms or more) it holds.
 *
 * <p>The two configurations of each ratio run next to each other, and the order of all four
 * flips every round (without, agent, agent recording, JDK recording; then the reverse), so
 * neither side of a ratio always runs first, or always after the other pair: this host's speed
 * changes over minutes (BENCHMARKS.md), and a fixed order put the agent's recording last in
 * every round. Besides the ratio of the medians, each ratio is also given as the median of its
 * per-round ratios, whose two runs were seconds apart. A run's database is deleted when it
 * ends, so no run shares the disk with an earlier run's write-back.
 */
public final class AgentThroughput {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final int CLIENTS = 2;
    /** Indexes of the configurations in {@code ops} and {@code cpu}. */
    private static final int WITHOUT = 0;
    private static final int JDK_RECORDING = 1;
    private static final int AGENT = 2;
    private static final int AGENT_RECORDING = 3;
    /**
     * Default warm-up. At 8 s C2 is still compiling H2 (1.1 to 1.7 s of compile time in the 7 s
     * after it, JFR's jdk.Compilation, BENCHMARKS.md); 20 s measures the steady state.
     */
    private static final int WARMUP_SECONDS = 8;

    private AgentThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentThroughput /path/to/lwp4j-agent.jar [rounds] [seconds] [warm-up seconds]");
            System.exit(2);
        }
        Path agent = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : WARMUP_SECONDS;
        Path work = Files.createTempDirectory("lwp4j-h2");
        for (String mode : List.of("embedded", "tcp")) {
            compare(mode, agent, rounds, warmup, seconds, work.resolve(mode));
        }
    }

    private static void compare(String mode, Path agent, int rounds, int warmup, int seconds, Path work)
            throws Exception {
        Files.createDirectories(work);
        double[][] ops = new double[4][rounds];   // [configuration][round]
        double[][] cpu = new double[4][rounds];
        Path recording = work.resolve("h2.jfr");
        Path jdkRecording = work.resolve("jdk.jfr");
        List<List<String>> configs = List.of(List.of(),
                List.of("-XX:StartFlightRecording:filename=" + jdkRecording, "-Xlog:jfr+startup=off"),
                List.of("-javaagent:" + agent),
                List.of("-javaagent:" + agent + "=jfr=" + recording));
        List<Integer> order = new ArrayList<>(List.of(WITHOUT, AGENT, AGENT_RECORDING, JDK_RECORDING));
        for (int i = 0; i < rounds; i++) {
            Files.deleteIfExists(recording);   // the agent run of this round writes it anew
            for (int c : order) {
                Path dir = work.resolve("run-" + i + "-" + c);
                double[] run = run(mode, configs.get(c), dir, warmup, seconds);
                deleteTree(dir);
                ops[c][i] = run[0];
                cpu[c][i] = run[1];
            }
            Collections.reverse(order);
            System.out.printf("%s round %d: ops/s (us CPU/op): without %.0f (%.2f) | JDK recording %.0f (%.2f) | agent %.0f "
                    + "(%.2f) | agent recording %.0f (%.2f)%n", mode, i + 1, ops[0][i], cpu[0][i], ops[1][i], cpu[1][i],
                    ops[2][i], cpu[2][i], ops[3][i], cpu[3][i]);
        }
        double without = median(ops[WITHOUT]);
        double jdk = median(ops[JDK_RECORDING]);
        double with = median(ops[AGENT]);
        double withRecording = median(ops[AGENT_RECORDING]);
        System.out.printf("H2 %s (%d JDBC clients, file database), %d rounds of %d s after %d s: median ops/s without %.0f, "
                + "JDK recording %.0f, agent %.0f, agent recording %.0f; ratio agent / without %.3f (target >= 0.97), "
                + "agent recording / JDK recording %.3f (target >= 0.97), JDK recording / without %.3f%n",
                mode, CLIENTS, rounds, seconds, warmup, without, jdk, with, withRecording, with / without, withRecording / jdk,
                jdk / without);
        System.out.printf("H2 %s, median of the per-round ratios: agent / without %.3f, agent recording / JDK recording %.3f%n",
                mode, medianRatio(ops[AGENT], ops[WITHOUT]), medianRatio(ops[AGENT_RECORDING], ops[JDK_RECORDING]));
        System.out.printf("H2 %s CPU per statement (all threads), median: without %.2f us, JDK recording %.2f us, "
                + "agent %.2f us, agent recording %.2f us (agent / without %.3f, agent recording / JDK recording %.3f)%n",
                mode, median(cpu[WITHOUT]), median(cpu[JDK_RECORDING]), median(cpu[AGENT]), median(cpu[AGENT_RECORDING]),
                median(cpu[AGENT]) / median(cpu[WITHOUT]), median(cpu[AGENT_RECORDING]) / median(cpu[JDK_RECORDING]));
        report(mode, recording);
    }

    /** Runs the workload once; returns {ops/s, CPU us per op}. */
    private static double[] run(String mode, List<String> agentArgs, Path dir, int warmup, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        cmd.addAll(agentArgs);
        cmd.addAll(List.of("-cp", CLASSPATH, H2Workload.class.getName(), dir.toString(), mode, Integer.toString(CLIENTS),
                Integer.toString(warmup), Integer.toString(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("H2 workload failed: " + cmd + "\n" + out);
        }
        String line = out.lines().filter(l -> l.startsWith("ops_per_s=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result: " + out));
        if (!out.lines().allMatch(l -> l.startsWith("ops_per_s="))) {
            System.out.println("child output:\n" + out);
        }
        String[] fields = line.split(" ");
        return new double[] {Double.parseDouble(fields[0].substring("ops_per_s=".length())),
            Double.parseDouble(fields[1].substring("cpu_us_per_op=".length()))};
    }

    private static void report(String mode, Path recording) throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        long syscallEvents = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            switch (e.getEventType().getName()) {
                case "lwp4j.SyscallSummary" -> calls.merge(e.getString("operation") + "/" + e.getString("kind"),
                        e.getLong("calls"), Long::sum);
                case "lwp4j.Syscall" -> syscallEvents++;
                default -> { }
            }
        }
        System.out.println("H2 " + mode + ", last agent run recorded (lwp4j.SyscallSummary, calls per operation): "
                + calls + "; lwp4j.Syscall events (calls of 20 ms or more): " + syscallEvents);
    }

    /** The median of {@code a[i] / b[i]}: each ratio of two runs of one round. */
    private static double medianRatio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) ratios[i] = a[i] / b[i];
        return median(ratios);
    }

    /** Deletes {@code dir} and everything under it (a child run's database and recording). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
