package io.lwp4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentOverhead
 * agent/target/lwp4j-agent.jar [rounds] [agent options]}: runs {@link SyscallAdviceBenchmark} in
 * five kinds of JMH fork, alternating for {@code rounds} rounds (so drift of a shared machine
 * hits all alike): without anything; with the JDK's own recording at its defaults ({@code
 * -XX:StartFlightRecording}, which turns on the timing inside the JDK's I/O methods and, in JDK
 * 25, emits calls of 1 ms or more, at most 100 a second: the yardstick of what timing a call
 * costs); the same with the JDK's I/O events at threshold 0 and not throttled (every call an
 * event); lwp4j at its defaults; lwp4j with {@code
 * syscalls=records} (a record per call). Prints each round, then per benchmark the median of
 * each and the medians of the per-round differences to "without": what each adds to one call
 * (lwp4j's targets: no more than the JDK's timing, and 30 ns or less on the empty read).
 * {@link AdvicePathBenchmark} splits lwp4j's cost into its pieces.
 *
 * <p>{@code -Dlwp4j.earlierAgent=/path/other/lwp4j-agent.jar} adds that build at its defaults
 * ("lwp4j earlier") to every round, to compare two builds side by side; {@code
 * -Dlwp4j.configs=without,lwp4j,lwp4j earlier} runs only the kinds of fork named ("without"
 * among them); {@code -Dlwp4j.benchmarks=socketWriteRead} only the benchmarks matching.
 */
public final class AgentOverhead {
    /** The JDK's file and socket events, every call an event: threshold 0, not throttled (JDK 25 default: 1 ms, 100/s). */
    private static final String JDK_IO_AT_ZERO = String.join(",", "jdk.FileRead#threshold=0ms",
            "jdk.FileRead#throttle=off", "jdk.FileWrite#threshold=0ms", "jdk.FileWrite#throttle=off",
            "jdk.FileForce#threshold=0ms", "jdk.SocketRead#threshold=0ms", "jdk.SocketRead#throttle=off",
            "jdk.SocketWrite#threshold=0ms", "jdk.SocketWrite#throttle=off");

    private AgentOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentOverhead /path/to/lwp4j-agent.jar [rounds] [agent options]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String agent = "-javaagent:" + Path.of(args[0]).toAbsolutePath();
        String options = args.length > 2 ? args[2] : "";
        Map<String, List<String>> configs = new LinkedHashMap<>();
        configs.put("without", List.of());
        configs.put("JDK JFR", List.of("-XX:StartFlightRecording", "-Xlog:jfr+startup=off"));
        configs.put("JDK JFR I/O at 0", List.of("-XX:StartFlightRecording:" + JDK_IO_AT_ZERO, "-Xlog:jfr+startup=off"));
        configs.put("lwp4j", List.of(options.isEmpty() ? agent : agent + "=" + options));
        configs.put("lwp4j records", List.of(agent + "=syscalls=records" + (options.isEmpty() ? "" : "," + options)));
        String earlier = System.getProperty("lwp4j.earlierAgent");
        if (earlier != null) {
            String earlierAgent = "-javaagent:" + Path.of(earlier).toAbsolutePath();
            configs.put("lwp4j earlier", List.of(options.isEmpty() ? earlierAgent : earlierAgent + "=" + options));
        }
        String only = System.getProperty("lwp4j.configs");
        if (only != null) configs.keySet().retainAll(List.of(only.split(",")));
        Map<String, Map<String, List<Double>>> scores = new LinkedHashMap<>();   // config -> benchmark -> rounds
        for (int i = 0; i < rounds; i++) {
            StringBuilder line = new StringBuilder("round " + (i + 1) + ":");
            for (var c : configs.entrySet()) {
                Map<String, List<Double>> byBenchmark = scores.computeIfAbsent(c.getKey(), k -> new LinkedHashMap<>());
                addTo(byBenchmark, run(c.getValue().toArray(String[]::new)));
                line.append(" | ").append(c.getKey()).append(' ').append(last(byBenchmark));
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.printf("%-16s", "benchmark");
        for (String c : configs.keySet()) System.out.printf(" %17s", c);
        for (String c : configs.keySet()) if (!c.equals("without")) System.out.printf(" %22s", c + " adds");
        System.out.println();
        Map<String, List<Double>> without = scores.get("without");
        for (String b : without.keySet()) {
            System.out.printf("%-16s", b);
            for (String c : configs.keySet()) System.out.printf(" %17.1f", median(scores.get(c).get(b)));
            for (String c : configs.keySet()) {
                if (!c.equals("without")) System.out.printf(" %19.1f ns", medianDifference(scores.get(c).get(b), without.get(b)));
            }
            System.out.println();
        }
        System.out.println("(ns per call, medians of " + rounds + " rounds; adds: median of the per-round differences to "
                + "without; JDK JFR: -XX:StartFlightRecording alone, the JDK's own I/O event timing; I/O at 0: "
                + JDK_IO_AT_ZERO + ")");
    }

    private static void addTo(Map<String, List<Double>> scores, Map<String, Double> round) {
        round.forEach((b, s) -> scores.computeIfAbsent(b, k -> new ArrayList<>()).add(s));
    }

    private static double medianDifference(List<Double> a, List<Double> b) {
        List<Double> diffs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) diffs.add(a.get(i) - b.get(i));
        return median(diffs);
    }

    private static Map<String, Double> run(String... config) throws Exception {
        List<String> jvmArgs = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            jvmArgs.add("--sun-misc-unsafe-memory-access=allow");   // JMH's own use, warned about since JDK 24
        }
        jvmArgs.addAll(List.of(config));
        Options options = new OptionsBuilder()
                .include(SyscallAdviceBenchmark.class.getName() + "." + System.getProperty("lwp4j.benchmarks", ""))
                .forks(1)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        return scores;
    }

    private static String last(Map<String, List<Double>> scores) {
        StringBuilder s = new StringBuilder();
        scores.forEach((b, v) -> s.append(String.format("%s=%.1f ", b, v.get(v.size() - 1))));
        return s.toString().strip();
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
