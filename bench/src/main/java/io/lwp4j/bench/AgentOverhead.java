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
 * agent/target/lwp4j-agent.jar [rounds] [agent options]}: runs {@link SyscallAdviceBenchmark}
 * without the agent, with the JDK's own I/O tracing only ({@code -XX:StartFlightRecording},
 * which turns on the {@code jdk.FileRead}-style timing inside the JDK's I/O methods: the
 * yardstick), and with the agent, one JMH fork each, alternating for {@code rounds} rounds (so
 * drift of a shared machine hits all alike), and prints per benchmark the median of each and
 * the medians of the per-round differences: what each adds to one call (lwp4j's target: 30 ns
 * or less). {@link AdvicePathBenchmark} splits lwp4j's cost into its pieces.
 */
public final class AgentOverhead {
    private AgentOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentOverhead /path/to/lwp4j-agent.jar [rounds] [agent options]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String agent = "-javaagent:" + Path.of(args[0]).toAbsolutePath() + (args.length > 2 ? "=" + args[2] : "");
        Map<String, List<Double>> without = new LinkedHashMap<>();
        Map<String, List<Double>> jfr = new LinkedHashMap<>();
        Map<String, List<Double>> with = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            addTo(without, run());
            addTo(jfr, run("-XX:StartFlightRecording", "-Xlog:jfr+startup=off"));
            addTo(with, run(agent));
            System.out.printf("round %d: without %s | JDK JFR %s | lwp4j %s%n", i + 1, last(without), last(jfr),
                    last(with));
        }
        System.out.println();
        System.out.printf("%-16s %9s %9s %9s %20s %20s%n", "benchmark", "without", "JDK JFR", "lwp4j",
                "JFR adds (median)", "lwp4j adds (median)");
        for (String b : without.keySet()) {
            System.out.printf("%-16s %9.1f %9.1f %9.1f %17.1f ns %17.1f ns%n", b, median(without.get(b)),
                    median(jfr.get(b)), median(with.get(b)), medianDifference(jfr.get(b), without.get(b)),
                    medianDifference(with.get(b), without.get(b)));
        }
        System.out.println("(ns per call; JDK JFR: -XX:StartFlightRecording alone, the JDK's own I/O event timing)");
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
                .include(SyscallAdviceBenchmark.class.getName())
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
