package io.lwp4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.AgentOverhead
 * agent/target/lwp4j-agent.jar [agent options]}: runs {@link SyscallAdviceBenchmark} without
 * and with the agent in one go and prints per benchmark the two averages and what the advice
 * adds per instrumented call (target: 30 ns or less).
 */
public final class AgentOverhead {
    private AgentOverhead() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentOverhead /path/to/lwp4j-agent.jar [agent options]");
            System.exit(2);
        }
        String agent = "-javaagent:" + Path.of(args[0]).toAbsolutePath() + (args.length > 1 ? "=" + args[1] : "");
        Map<String, Double> without = run("--enable-native-access=ALL-UNNAMED");
        Map<String, Double> with = run("--enable-native-access=ALL-UNNAMED", agent);
        Map<String, Integer> calls = Map.of("emptyStreamRead", 1, "filePread", 1, "socketRoundTrip", 4);
        System.out.println();
        System.out.printf("%-18s %14s %14s %16s%n", "benchmark", "without ns/op", "with ns/op", "added ns/call");
        for (String b : without.keySet()) {
            int n = calls.getOrDefault(b, 1);
            System.out.printf("%-18s %14.1f %14.1f %16.1f%n", b, without.get(b), with.get(b),
                    (with.get(b) - without.get(b)) / n);
        }
    }

    private static Map<String, Double> run(String... jvmArgs) throws Exception {
        Options options = new OptionsBuilder()
                .include(SyscallAdviceBenchmark.class.getName())
                .jvmArgsAppend(jvmArgs)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        return scores;
    }
}
