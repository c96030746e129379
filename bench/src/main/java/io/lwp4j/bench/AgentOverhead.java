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
 * without and with the agent, one JMH fork each, alternating for {@code rounds} rounds (so
 * drift of a shared machine hits both alike), and prints per benchmark the median of each and
 * the median of the per-round differences: what the advice adds to one call (target: 30 ns or
 * less).
 */
public final class AgentOverhead {
    private AgentOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentOverhead /path/to/lwp4j-agent.jar [rounds] [agent options]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String agent = "-javaagent:" + Path.of(args[0]).toAbsolutePath() + (args.length > 2 ? "=" + args[2] : "");
        Map<String, List<Double>> without = new LinkedHashMap<>();
        Map<String, List<Double>> with = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            run("--enable-native-access=ALL-UNNAMED").forEach((b, s) -> without.computeIfAbsent(b, k -> new ArrayList<>()).add(s));
            run("--enable-native-access=ALL-UNNAMED", agent).forEach((b, s) -> with.computeIfAbsent(b, k -> new ArrayList<>()).add(s));
            System.out.printf("round %d: without %s, with %s%n", i + 1, last(without), last(with));
        }
        System.out.println();
        System.out.printf("%-18s %14s %14s %22s%n", "benchmark", "without ns/op", "with ns/op", "added ns/call (median)");
        for (String b : without.keySet()) {
            List<Double> diffs = new ArrayList<>();
            for (int i = 0; i < rounds; i++) diffs.add(with.get(b).get(i) - without.get(b).get(i));
            System.out.printf("%-18s %14.1f %14.1f %22.1f%n", b, median(without.get(b)), median(with.get(b)), median(diffs));
        }
    }

    private static Map<String, Double> run(String... jvmArgs) throws Exception {
        Options options = new OptionsBuilder()
                .include(SyscallAdviceBenchmark.class.getName())
                .forks(1)
                .jvmArgsAppend(jvmArgs)
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
