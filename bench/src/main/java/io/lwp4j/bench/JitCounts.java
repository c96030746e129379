package io.lwp4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -cp bench/target/benchmarks.jar io.lwp4j.bench.JitCounts agent/target/lwp4j-agent.jar
 * [rounds] [seconds] [earlier-lwp4j-agent.jar]}: what the JIT does for the agent's own recording
 * against the JDK's recording alone, in counts that depend much less on the host's speed than
 * throughput does. Runs {@link H2Workload} over TCP (2 clients, 8 s warm-up, then {@code seconds}
 * measured) with {@code -XX:StartFlightRecording} and with {@code -javaagent:...=jfr=<file>} (and
 * the earlier agent jar the same way, when given), alternating, the order flipped every round;
 * each child runs with {@code -XX:+PrintCompilation -XX:+CITime} (into a VM log file, so the
 * workload's own output stays whole) and {@code -Xlog:deoptimization=debug}. Per run and as
 * medians per configuration it prints: compiles in all and after the warm-up (the JVM's 8th
 * second) by code group, methods made not entrant after the warm-up by reason ({@code not used}:
 * a lower tier replaced; {@code uncommon trap}: a speculation failed; {@code marked for
 * deoptimization}: a dependency broke, such as class hierarchy or a call site's target), uncommon
 * traps by code group, and the C1 and C2 compile time ({@code CITime}).
 */
public final class JitCounts {
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final int CLIENTS = 2;
    private static final int WARMUP_SECONDS = 8;   // as AgentThroughput: its measured window starts here
    private static final List<String> GROUPS = List.of("io.lwp4j", "org.h2", "jdk.jfr", "java.*", "jdk.*/sun.*", "other");
    /** A PrintCompilation line: uptime ms, compile id, flags, tier, method. */
    private static final Pattern COMPILE = Pattern.compile("^\\s*(\\d+)\\s+\\d+\\s+[%sbn! ]*?(\\d)?\\s+(\\S+)::\\S+");
    private static final Pattern NOT_ENTRANT = Pattern.compile("made not entrant:?\\s*(.*?)\\s*$");
    /** A -Xlog:deoptimization=debug line: uptime, then the method, then the trap's reason. */
    private static final Pattern TRAP = Pattern.compile("^\\[([0-9.]+)s\\].*?\\s([\\w$./]+)\\.[\\w$<>]+\\(.*?\\)\\S*\\s.*?\\b"
            + "(unstable_if|class_check|null_check|bimorphic\\w*|range_check|array_check|speculate_\\w+|unloaded|"
            + "uninitialized|unreached|predicate|loop_limit_check|profile_predicate|intrinsic\\w*|div0_check|age|"
            + "null_assert|unstable_fused_if|receiver_constraint|short_running_long_loop|auto_vectorization_check)\\b");
    private static final Pattern CI_TIME = Pattern.compile("^\\s*(C[12]) \\{.*?standard:\\s*([0-9.]+) s.*?osr:\\s*([0-9.]+) s");
    private static final Pattern RESULT = Pattern.compile("ops_per_s=(\\S+) cpu_us_per_op=(\\S+)");

    private JitCounts() {}

    /** What one run's JIT did; the maps count by code group (or by reason). */
    record Run(double opsPerSecond, double cpuMicrosPerOp, Map<String, Integer> compiles, Map<String, Integer> lateCompiles,
            Map<String, Integer> lateNotEntrant, Map<String, Integer> traps, Map<String, Integer> lateTraps,
            double c1Seconds, double c2Seconds) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: JitCounts /path/to/lwp4j-agent.jar [rounds] [seconds] [earlier-lwp4j-agent.jar]");
            System.exit(2);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("JDK recording", null);
        configs.put("agent recording", Path.of(args[0]).toAbsolutePath().toString());
        if (args.length > 3) configs.put("earlier agent recording", Path.of(args[3]).toAbsolutePath().toString());
        Path work = Files.createTempDirectory("lwp4j-jit");
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        configs.keySet().forEach(c -> runs.put(c, new ArrayList<>()));
        List<String> order = new ArrayList<>(configs.keySet());
        for (int i = 0; i < rounds; i++) {
            for (String config : order) {
                Path dir = work.resolve("run-" + i + "-" + runs.get(config).size() + "-" + config.replace(' ', '-'));
                Run r = run(configs.get(config), dir, seconds);
                runs.get(config).add(r);
                System.out.printf("round %d %-24s %s%n", i + 1, config, describe(r));
                AgentThroughput.deleteTree(dir);
            }
            Collections.reverse(order);
        }
        System.out.printf("medians of %d rounds (H2 TCP, %d clients, %d s warm-up + %d s; 'late' = after the JVM's %dth second):%n",
                rounds, CLIENTS, WARMUP_SECONDS, seconds, WARMUP_SECONDS);
        runs.forEach((config, list) -> System.out.printf("  %-24s %s%n", config, describe(median(list))));
        AgentThroughput.deleteTree(work);
    }

    private static Run run(String agentJar, Path dir, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path vmLog = dir.resolve("vm.log");
        Path deoptLog = dir.resolve("deopt.log");
        List<String> cmd = new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+LogVMOutput", "-XX:-DisplayVMOutput", "-XX:LogFile=" + vmLog,
                "-XX:+PrintCompilation", "-XX:+CITime", "-Xlog:deoptimization=debug:file=" + deoptLog + ":uptime"));
        cmd.add(agentJar == null ? "-XX:StartFlightRecording:filename=" + dir.resolve("jdk.jfr")
                : "-javaagent:" + agentJar + "=jfr=" + dir.resolve("agent.jfr"));
        if (agentJar == null) cmd.add("-Xlog:jfr+startup=off");
        cmd.addAll(List.of("-cp", CLASSPATH, H2Workload.class.getName(), dir.resolve("db").toString(), "tcp",
                Integer.toString(CLIENTS), Integer.toString(WARMUP_SECONDS), Integer.toString(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 120L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("H2 workload failed: " + cmd + "\n" + out);
        }
        Matcher result = RESULT.matcher(out);
        if (!result.find()) throw new IllegalStateException("no result: " + out);
        Map<String, Integer> compiles = new TreeMap<>();
        Map<String, Integer> lateCompiles = new TreeMap<>();
        Map<String, Integer> lateNotEntrant = new TreeMap<>();
        double[] ciSeconds = new double[2];
        long lateMillis = WARMUP_SECONDS * 1000L;
        for (String line : Files.readAllLines(vmLog, StandardCharsets.UTF_8)) {
            Matcher c = COMPILE.matcher(line);
            if (c.find()) {
                boolean late = Long.parseLong(c.group(1)) >= lateMillis;
                Matcher ne = NOT_ENTRANT.matcher(line);
                if (ne.find()) {
                    if (late) lateNotEntrant.merge(ne.group(1).isEmpty() ? "unsaid" : ne.group(1), 1, Integer::sum);
                } else {
                    compiles.merge(group(c.group(3)), 1, Integer::sum);
                    if (late) lateCompiles.merge(group(c.group(3)), 1, Integer::sum);
                }
                continue;
            }
            Matcher t = CI_TIME.matcher(line);
            if (t.find()) {
                ciSeconds[t.group(1).equals("C1") ? 0 : 1] = Double.parseDouble(t.group(2)) + Double.parseDouble(t.group(3));
            }
        }
        Map<String, Integer> traps = new TreeMap<>();
        Map<String, Integer> lateTraps = new TreeMap<>();
        for (String line : Files.readAllLines(deoptLog, StandardCharsets.UTF_8)) {
            Matcher t = TRAP.matcher(line);
            if (!t.find()) continue;
            String g = group(t.group(2).replace('/', '.'));
            traps.merge(g, 1, Integer::sum);
            if (Double.parseDouble(t.group(1)) * 1000 >= lateMillis) lateTraps.merge(g, 1, Integer::sum);
        }
        return new Run(Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)), compiles, lateCompiles,
                lateNotEntrant, traps, lateTraps, ciSeconds[0], ciSeconds[1]);
    }

    static String group(String className) {
        if (className.startsWith("io.lwp4j.")) return "io.lwp4j";
        if (className.startsWith("org.h2.")) return "org.h2";
        if (className.startsWith("jdk.jfr.")) return "jdk.jfr";
        if (className.startsWith("java.")) return "java.*";
        if (className.startsWith("jdk.") || className.startsWith("sun.")) return "jdk.*/sun.*";
        return "other";
    }

    private static String describe(Run r) {
        return String.format("ops/s %.0f, us CPU/op %.2f | compiles %d %s | late compiles %d %s | late not entrant %d %s | "
                + "uncommon traps %d %s, late %d %s | C1 %.2f s, C2 %.2f s", r.opsPerSecond(), r.cpuMicrosPerOp(),
                total(r.compiles()), byGroup(r.compiles()), total(r.lateCompiles()), byGroup(r.lateCompiles()),
                total(r.lateNotEntrant()), r.lateNotEntrant(), total(r.traps()), byGroup(r.traps()), total(r.lateTraps()),
                byGroup(r.lateTraps()), r.c1Seconds(), r.c2Seconds());
    }

    private static String byGroup(Map<String, Integer> counts) {
        StringBuilder s = new StringBuilder("(");
        for (String g : GROUPS) {
            if (s.length() > 1) s.append(", ");
            s.append(g).append(' ').append(counts.getOrDefault(g, 0));
        }
        return s.append(')').toString();
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Each figure's median over the runs, key by key. */
    private static Run median(List<Run> runs) {
        return new Run(AgentThroughput.median(runs.stream().mapToDouble(Run::opsPerSecond).toArray()),
                AgentThroughput.median(runs.stream().mapToDouble(Run::cpuMicrosPerOp).toArray()),
                median(runs, Run::compiles), median(runs, Run::lateCompiles), median(runs, Run::lateNotEntrant),
                median(runs, Run::traps), median(runs, Run::lateTraps),
                AgentThroughput.median(runs.stream().mapToDouble(Run::c1Seconds).toArray()),
                AgentThroughput.median(runs.stream().mapToDouble(Run::c2Seconds).toArray()));
    }

    private static Map<String, Integer> median(List<Run> runs, java.util.function.Function<Run, Map<String, Integer>> field) {
        Map<String, Integer> m = new TreeMap<>();
        runs.forEach(r -> field.apply(r).keySet().forEach(k -> m.put(k, 0)));
        m.replaceAll((k, v) -> (int) Math.round(AgentThroughput.median(runs.stream().mapToDouble(r -> field.apply(r).getOrDefault(k, 0)).toArray())));
        return m;
    }

}
