import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code java bench/results/issue14-compile-window.java X.jfr...}: the JIT's compile time in the
 * last 7 s of each recording (jdk.Compilation at threshold 0; the last compile is near the JVM's
 * exit, so these 7 s hold H2Workload's measured window), by code group and compiler.
 */
public class CompileWindow {
    public static void main(String[] files) throws Exception {
        for (String f : files) {
            List<RecordedEvent> compiles = new ArrayList<>(RecordingFile.readAllEvents(Path.of(f)).stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.Compilation")).toList());
            compiles.sort(Comparator.comparing(RecordedEvent::getStartTime));
            Instant from = compiles.get(compiles.size() - 1).getEndTime().minusMillis(7000);
            long n = 0, nanos = 0, c2 = 0, c2Nanos = 0;
            Map<String, long[]> byGroup = new TreeMap<>();
            for (RecordedEvent e : compiles) {
                if (e.getStartTime().isBefore(from)) continue;
                long d = e.getDuration().toNanos();
                int level = e.getInt("compileLevel");
                n++;
                nanos += d;
                if (level == 4) {
                    c2++;
                    c2Nanos += d;
                }
                RecordedMethod m = e.getValue("method");
                long[] g = byGroup.computeIfAbsent(group(m == null ? "?" : m.getType().getName()) + (level == 4 ? " C2" : " C1"),
                        k -> new long[2]);
                g[0]++;
                g[1] += d;
            }
            System.out.printf("%s: last 7 s: %d compiles %.0f ms (C2 %d, %.0f ms)%n", f, n, nanos / 1e6, c2, c2Nanos / 1e6);
            byGroup.forEach((k, v) -> System.out.printf("    %-18s %4d %7.1f ms%n", k, v[0], v[1] / 1e6));
        }
    }

    private static String group(String type) {
        if (type.startsWith("io.lwp4j.bench")) return "workload";
        if (type.startsWith("io.lwp4j")) return "lwp4j";
        if (type.startsWith("org.HdrHistogram") || type.startsWith("com.lmax")) return "lwp4j-deps";
        if (type.startsWith("org.h2")) return "h2";
        if (type.startsWith("jdk.jfr")) return "jfr";
        return "jdk-other";
    }
}
