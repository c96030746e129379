package io.lwp4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentThroughput
 * agent/target/lwp4j-agent.jar [rounds] [seconds]}: runs {@link H2Workload} in child JVMs, in
 * its embedded mode and then its TCP-server mode, alternately without and with the agent ({@code -javaagent:lwp4j-agent.jar=jfr=<file>}, every
 * other option at its default), {@code rounds} times each, and prints each run's throughput,
 * the medians and their ratio (target: with / without >= 0.95), the medians of CPU time per
 * statement (steadier than throughput on a shared machine), and what the agent recorded of
 * H2's I/O: calls per operation from the {@code lwp4j.SyscallSummary} events of the last
 * recording, and how many {@code lwp4j.Syscall} events (calls of 20 ms or more) it holds.
 */
public final class AgentThroughput {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final int CLIENTS = 2;
    private static final int WARMUP_SECONDS = 10;   // C2 is still compiling the agent's and H2's paths before

    private AgentThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentThroughput /path/to/lwp4j-agent.jar [rounds] [seconds]");
            System.exit(2);
        }
        Path agent = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path work = Files.createTempDirectory("lwp4j-h2");
        for (String mode : List.of("embedded", "tcp")) {
            compare(mode, agent, rounds, seconds, work.resolve(mode));
        }
    }

    private static void compare(String mode, Path agent, int rounds, int seconds, Path work) throws Exception {
        Files.createDirectories(work);
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double[] cpuWithout = new double[rounds];
        double[] cpuWith = new double[rounds];
        Path recording = work.resolve("h2.jfr");
        for (int i = 0; i < rounds; i++) {
            double[] plain = run(mode, List.of(), work.resolve("plain-" + i), seconds);
            Files.deleteIfExists(recording);
            double[] agentRun = run(mode, List.of("-javaagent:" + agent + "=jfr=" + recording),
                    work.resolve("agent-" + i), seconds);
            without[i] = plain[0];
            cpuWithout[i] = plain[1];
            with[i] = agentRun[0];
            cpuWith[i] = agentRun[1];
            System.out.printf("%s round %d: without %.0f ops/s (%.2f us CPU/op), with agent %.0f ops/s (%.2f us CPU/op)%n",
                    mode, i + 1, without[i], cpuWithout[i], with[i], cpuWith[i]);
        }
        double w = median(with);
        double wo = median(without);
        System.out.printf("H2 %s (%d JDBC clients, file database), %d rounds of %d s: median without %.0f ops/s, "
                + "with agent %.0f ops/s, ratio %.3f%n", mode, CLIENTS, rounds, seconds, wo, w, w / wo);
        System.out.printf("H2 %s CPU per statement (all threads): median without %.2f us, with agent %.2f us, ratio %.3f%n",
                mode, median(cpuWithout), median(cpuWith), median(cpuWith) / median(cpuWithout));
        report(mode, recording);
    }

    /** Runs the workload once; returns {ops/s, CPU us per op}. */
    private static double[] run(String mode, List<String> agentArgs, Path dir, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        cmd.addAll(agentArgs);
        cmd.addAll(List.of("-cp", CLASSPATH, H2Workload.class.getName(), dir.toString(), mode, Integer.toString(CLIENTS),
                Integer.toString(WARMUP_SECONDS), Integer.toString(seconds)));
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
                case "lwp4j.SyscallSummary" -> calls.merge(e.getString("operation"), e.getLong("count"), Long::sum);
                case "lwp4j.Syscall" -> syscallEvents++;
                default -> { }
            }
        }
        System.out.println("H2 " + mode + ", last agent run recorded (lwp4j.SyscallSummary, calls per operation): "
                + calls + "; lwp4j.Syscall events (calls of 20 ms or more): " + syscallEvents);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
