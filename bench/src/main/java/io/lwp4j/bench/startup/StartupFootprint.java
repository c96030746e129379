package io.lwp4j.bench.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;

/**
 * Whole-process startup and footprint, with and without the agent (bench/startup-footprint.sh):
 * for Hello, the demo's JIT runtime and H2 embedded started then stopped, each configuration
 * run in turn within every round (the order flips each round, so drift of a shared machine hits
 * all alike), under {@code /usr/bin/time -v}: wall time, CPU time (user + system) and peak RSS;
 * plus one run per configuration and round under {@link LiveHeap} and {@code /usr/bin/time -v}:
 * the heap still live after a full GC once the program and the agent's start are done (the
 * agent finishes its start beside {@code main}; LiveHeap waits for it), and that idle process's
 * peak RSS. Prints every run and the medians.
 *
 * <p>The demo's jar needs lwp4j's classes: they are on its class path in every configuration
 * (without the agent it runs its code-loading probe and write tracking on its own).
 *
 * <p>Configurations: without anything; with an empty agent (a {@code premain} that does
 * nothing: the floor any {@code -javaagent} costs, since the JVM then cannot use the module
 * graph archived in CDS), for Hello only; with {@code -javaagent:lwp4j-agent.jar} at its
 * defaults. The program's output must be the same in every configuration.
 *
 * <p>{@code StartupFootprint <java> <lwp4j-agent.jar> <bench classes dir> <h2 jar> <demo jar> [runs] [program]
 * [earlier agent jar]}: {@code program} (Hello, JIT, H2; empty: all) runs that one alone; an earlier agent jar
 * (say, built from the main branch) runs as one more configuration of the same rounds, the only
 * fair way to compare two builds on a machine whose speed drifts from one minute to the next.
 */
public final class StartupFootprint {
    private static final Pattern WALL = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): (?:(\\d+):)?(\\d+):([\\d.]+)");
    private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
    private static final Pattern SYS = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");
    private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
    private static final Pattern LIVE = Pattern.compile("live_heap_bytes=(\\d+)");
    private static final long SETTLE_MILLIS = 2000;

    private record Program(String name, List<String> jvmFlags, String classPath, String mainClass, List<String> args,
            boolean withEmptyAgent) {}

    /** Medians are taken over these. */
    private static final class Figures {
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
        final List<Double> rssMiB = new ArrayList<>();
        final List<Double> liveMiB = new ArrayList<>();
        final List<Double> idleRssMiB = new ArrayList<>();
    }

    private StartupFootprint() {}

    public static void main(String[] a) throws Exception {
        if (a.length < 5) {
            System.err.println("usage: StartupFootprint <java> <lwp4j-agent.jar> <bench classes> <h2 jar> <demo jar> [runs]");
            System.exit(2);
        }
        String javaCommand = a[0];
        Path agent = Path.of(a[1]).toAbsolutePath();
        String classes = Path.of(a[2]).toAbsolutePath().toString();
        String h2 = Path.of(a[3]).toAbsolutePath().toString();
        String demo = Path.of(a[4]).toAbsolutePath().toString();
        int runs = a.length > 5 ? Integer.parseInt(a[5]) : 5;
        String only = a.length > 6 ? a[6] : "";
        String earlier = a.length > 7 && !a[7].isEmpty() ? Path.of(a[7]).toAbsolutePath().toString() : null;
        Path work = Files.createTempDirectory("lwp4j-startup");
        Path emptyAgent = emptyAgent(work);
        List<Program> programs = List.of(
                new Program("Hello", List.of(), classes, "io.lwp4j.bench.startup.Hello", List.of(), true),
                new Program("JIT demo (--modules=300)", List.of("--enable-native-access=ALL-UNNAMED"), demo + ":" + agent,
                        "io.lwp4j.demo.JitDemo", List.of("--modules=300", "--jfr=" + work.resolve("demo.jfr")), false),
                new Program("H2 embedded start+stop", List.of(), classes + ":" + h2, "io.lwp4j.bench.startup.H2StartStop",
                        List.of(), false));
        for (Program p : programs) {
            if (!p.name().startsWith(only)) continue;
            Map<String, List<String>> configs = new LinkedHashMap<>();
            configs.put("without", List.of());
            if (p.withEmptyAgent()) configs.put("empty agent", List.of("-javaagent:" + emptyAgent));
            if (earlier != null) configs.put("earlier agent", List.of("-javaagent:" + earlier));
            configs.put("lwp4j agent", List.of("-javaagent:" + agent));
            Map<String, Figures> figures = new LinkedHashMap<>();
            configs.keySet().forEach(k -> figures.put(k, new Figures()));
            String expectedOutput = null;
            for (int round = 0; round < runs; round++) {
                List<String> order = new ArrayList<>(configs.keySet());
                if (round % 2 == 1) Collections.reverse(order);
                for (String config : order) {
                    Figures f = figures.get(config);
                    List<String> flags = new ArrayList<>(p.jvmFlags());
                    flags.addAll(configs.get(config));
                    // the demo's class path has lwp4j's classes: the earlier build's own when it runs
                    String classPath = config.equals("earlier agent")
                            ? p.classPath().replace(agent.toString(), earlier) : p.classPath();
                    Run timed = run(work, javaCommand, flags, classPath, p.mainClass(), p.args(), false);
                    String out = stableOutput(timed.stdout());
                    if (expectedOutput == null) expectedOutput = out;
                    else if (!expectedOutput.equals(out) && !p.name().startsWith("JIT demo")) {
                        System.out.println("  WARNING: output differs with " + config + ":\n" + out);
                    }
                    f.wall.add(timed.wall());
                    f.cpu.add(timed.cpu());
                    f.rssMiB.add(timed.rssKiB() / 1024.0);
                    Run live = run(work, javaCommand, flags, classPath, p.mainClass(), p.args(), true);
                    f.liveMiB.add(live.liveBytes() / 1048576.0);
                    f.idleRssMiB.add(live.rssKiB() / 1024.0);
                    System.out.printf("  %-26s %-12s round %d: wall %.3f s, cpu %.3f s, peak RSS %.1f MiB, live heap %.2f MiB, "
                            + "idle peak RSS %.1f MiB%n", p.name(), config, round + 1, timed.wall(), timed.cpu(),
                            timed.rssKiB() / 1024.0, live.liveBytes() / 1048576.0, live.rssKiB() / 1024.0);
                }
            }
            Figures base = figures.get("without");
            System.out.printf("%n%s, medians of %d alternating runs:%n", p.name(), runs);
            System.out.printf("| %-13s | wall s | CPU s | peak RSS MiB | live heap MiB | idle peak RSS MiB |%n", "");
            System.out.println("|---|---|---|---|---|---|");
            for (var e : figures.entrySet()) {
                Figures f = e.getValue();
                System.out.printf("| %-13s | %.3f (%+.3f) | %.3f (%+.3f) | %.1f (%+.1f) | %.2f (%+.2f) | %.1f (%+.1f) |%n",
                        e.getKey(), median(f.wall), median(f.wall) - median(base.wall), median(f.cpu),
                        median(f.cpu) - median(base.cpu), median(f.rssMiB), median(f.rssMiB) - median(base.rssMiB),
                        median(f.liveMiB), median(f.liveMiB) - median(base.liveMiB), median(f.idleRssMiB),
                        median(f.idleRssMiB) - median(base.idleRssMiB));
            }
            System.out.println();
        }
    }

    private record Run(double wall, double cpu, long rssKiB, long liveBytes, String stdout) {}

    private static Run run(Path work, String java, List<String> flags, String classPath, String mainClass,
            List<String> args, boolean liveHeap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.addAll(List.of("/usr/bin/time", "-v"));
        cmd.add(java);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(liveHeap ? classPath + ":" + StartupFootprint.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath() : classPath);
        if (liveHeap) cmd.addAll(List.of(LiveHeap.class.getName(), Long.toString(SETTLE_MILLIS)));
        cmd.add(mainClass);
        cmd.addAll(args);
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        Process proc = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        int rc = proc.waitFor();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (rc != 0) throw new IllegalStateException(String.join(" ", cmd) + " exited with " + rc + ":\n" + stderr);
        long liveBytes = 0;
        if (liveHeap) {
            Matcher m = LIVE.matcher(stderr);
            if (!m.find()) throw new IllegalStateException("no live heap figure from " + cmd + ":\n" + stderr);
            liveBytes = Long.parseLong(m.group(1));
        }
        Matcher w = WALL.matcher(stderr);
        Matcher u = USER.matcher(stderr);
        Matcher s = SYS.matcher(stderr);
        Matcher r = RSS.matcher(stderr);
        if (!(w.find() && u.find() && s.find() && r.find())) throw new IllegalStateException("no figures in:\n" + stderr);
        double wall = (w.group(1) == null ? 0 : Integer.parseInt(w.group(1)) * 3600) + Integer.parseInt(w.group(2)) * 60
                + Double.parseDouble(w.group(3));
        return new Run(wall, Double.parseDouble(u.group(1)) + Double.parseDouble(s.group(1)), Long.parseLong(r.group(1)),
                liveBytes, stdout);
    }

    /** The output without what differs from run to run anyway (none for Hello and H2). */
    private static String stableOutput(String stdout) {
        return stdout.strip();
    }

    /** A jar whose premain does nothing: what any -javaagent costs the JVM. */
    private static Path emptyAgent(Path work) throws IOException {
        Path src = work.resolve("EmptyAgent.java");
        Files.writeString(src, "public class EmptyAgent { public static void premain(String a, "
                + "java.lang.instrument.Instrumentation i) {} }");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", work.toString(), src.toString());
        if (rc != 0) throw new IllegalStateException("javac failed on " + src);
        Path jar = work.resolve("empty-agent.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(new Attributes.Name("Premain-Class"), "EmptyAgent");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), m)) {
            j.putNextEntry(new ZipEntry("EmptyAgent.class"));
            j.write(Files.readAllBytes(work.resolve("EmptyAgent.class")));
            j.closeEntry();
        }
        return jar;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
