package io.lwp4j.demo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a user runs it: a child JVM under the built agent jar, its output and its recording. */
class JitDemoEndToEndTest {
    static final Path AGENT = Path.of("../agent/target/lwp4j-agent.jar").toAbsolutePath().normalize();
    static final List<String> EXPECTED_KINDS = List.of("lwp4j.WriteFault", "lwp4j.WriteFaultSummary",
            "lwp4j.DirtyPages", "lwp4j.DirtyPagesSummary",
            "lwp4j.WriteFaultProbe", "lwp4j.CodeLoadProbe", "lwp4j.SyscallPathProbe", "lwp4j.SyscallSummary",
            "lwp4j.BufferStatistics", "lwp4j.DrainStatistics");

    @TempDir
    static Path dir;
    static String output;
    static Path recording;

    @BeforeAll
    static void runTheDemo() throws Exception {
        assertTrue(Files.isRegularFile(AGENT), "build the agent first (mvn verify builds it before demo): " + AGENT);
        recording = dir.resolve("demo.jfr");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("HdrHistogram") || e.endsWith(Path.of("demo", "target", "classes").toString()))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AGENT + "=buffer=64k", "-cp", classpath,
                JitDemo.class.getName(), "--modules=400", "--jfr=" + recording)
                .redirectErrorStream(true).start();
        output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void recordingHoldsEveryKindTheDemoCauses() throws Exception {
        Map<String, Long> counts = countsInRecording();
        for (String kind : EXPECTED_KINDS) {
            assertTrue(counts.getOrDefault(kind, 0L) > 0, kind + " missing from " + counts.keySet() + "\n" + output);
        }
        Matcher own = Pattern.compile("own ring buffer: (\\d+) write faults .*, (\\d+) records lost").matcher(output);
        assertTrue(own.find(), output);
        long seenRaw = Long.parseLong(own.group(1)), lost = Long.parseLong(own.group(2));
        long recorded = counts.get("lwp4j.WriteFault");
        assertEquals(seenRaw, recorded, "the raw poller and the drain saw the same faults");
        long faults = 400L * JitDemo.INSTANCE_PAGES; // one per instance page per module
        assertTrue(recorded <= faults && recorded + lost >= faults,
                "every fault recorded or counted lost: " + recorded + " + " + lost + " lost vs " + faults);
    }

    @Test
    void strategyWasChosenFromTheFiguresTheRawBufferHeld() throws Exception {
        Matcher m = Pattern.compile("decision: strategy=(\\w+) policy=wx run=(\\d+) ns/load: ([A-Z_=0-9 ]+)").matcher(output);
        assertTrue(m.find(), output);
        long run = Long.parseLong(m.group(2));
        Map<String, Long> logged = new TreeMap<>();
        for (String kv : m.group(3).trim().split(" ")) {
            String[] p = kv.split("=");
            logged.put(p[0], Long.parseLong(p[1]));
        }
        Map<String, Long> recorded = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (e.getEventType().getName().equals("lwp4j.CodeLoadProbe") && e.getLong("run") == run) {
                recorded.put(e.getString("strategy").toUpperCase().replace('-', '_'), e.getDuration("mean").toNanos());
            }
        }
        assertEquals(recorded, logged, "the logged figures are the recorded ones of run " + run);
        String chosen = m.group(1);
        long best = logged.entrySet().stream().filter(x -> !x.getKey().equals("MEMFD_DUAL"))
                .mapToLong(Map.Entry::getValue).min().orElseThrow();
        assertEquals(best, logged.get(chosen), "the cheapest W^X strategy was chosen");
        assertNotEquals("MEMFD_DUAL", chosen);
    }

    /** Async tracking's real use: each checkpoint copied exactly the pages its scan reported. */
    @Test
    void checkpointsCopiedWhatTheirScansFound() throws Exception {
        Matcher m = Pattern.compile("incremental checkpoints: (\\d+) of a (\\d+)-page state table, .*, (\\d+) pages copied,"
                + " every image equal to the state\n").matcher(output);
        assertTrue(m.find(), output);
        long checkpoints = Long.parseLong(m.group(1)), pages = Long.parseLong(m.group(2)), copied = Long.parseLong(m.group(3));
        assertEquals(400 / JitDemo.CHECKPOINT_EVERY + 1, checkpoints, "one every " + JitDemo.CHECKPOINT_EVERY + " modules and a last");
        List<RecordedEvent> scans = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.DirtyPages")).toList();
        assertEquals(checkpoints, scans.size(), "one lwp4j.DirtyPages per checkpoint");
        assertEquals(copied, scans.stream().mapToLong(e -> e.getLong("pagesWritten")).sum(), "pages copied = pages found written");
        assertTrue(scans.stream().allMatch(e -> e.getLong("pages") == pages), "every scan covers the whole table");
        assertTrue(copied > checkpoints && copied < checkpoints * pages, "incremental: more than nothing, less than full copies: "
                + copied + " pages in " + checkpoints + " checkpoints of " + pages);
    }

    @Test
    void exitSummaryMatchesTheRecording() throws Exception {
        Map<String, Long> printed = new HashMap<>();
        Matcher m = Pattern.compile("lwp4j-demo:\\s+(lwp4j\\.\\w+)\\s+(\\d+)").matcher(output);
        while (m.find()) printed.put(m.group(1), Long.parseLong(m.group(2)));
        assertEquals(countsInRecording(), printed);
        assertTrue(output.contains("jfr print --events lwp4j.WriteFault"), output);
    }

    private static Map<String, Long> countsInRecording() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(recording));
        for (RecordedEvent e : events) {
            String n = e.getEventType().getName();
            if (n.startsWith("lwp4j.")) counts.merge(n, 1L, Long::sum);
        }
        return counts;
    }
}
