package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of the recording the demo itself writes under the built agent, as a user makes it. */
class DemoRecordingReportTest {
    static final Path AGENT = Path.of("../agent/target/lwp4j-agent.jar").toAbsolutePath().normalize();
    static final Path DEMO = Path.of("../demo/target/lwp4j-demo.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void everyKindTheDemoRecordedHasItsSectionWithEveryEventCounted() throws Exception {
        assertTrue(Files.isRegularFile(AGENT) && Files.isRegularFile(DEMO), "mvn verify builds agent and demo before cli");
        Path recording = dir.resolve("demo.jfr");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process demo = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AGENT + "=buffer=64k",
                "-jar", DEMO.toString(), "--modules=200", "--jfr=" + recording).redirectErrorStream(true).start();
        String demoOut = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(demo.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, demo.exitValue(), demoOut);

        Map<String, Long> counts = new TreeMap<>();
        try (RecordingFile rf = new RecordingFile(recording)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String name = e.getEventType().getName();
                // lwp4j.AgentOptions is context: a row of the agent options, not a kind of its own
                if (name.startsWith("lwp4j.") && !name.equals("lwp4j.AgentOptions")) counts.merge(name, 1L, Long::sum);
            }
        }
        assertTrue(counts.containsKey("lwp4j.WriteFault") && counts.containsKey("lwp4j.CodeLoadProbe"), counts.toString());

        Path html = dir.resolve("demo.html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);
        Matcher sections = Pattern.compile("<section class=\"event-kind\"").matcher(page);
        int n = 0;
        while (sections.find()) n++;
        assertEquals(counts.size(), n, "one section per lwp4j kind in " + counts.keySet());
        assertTrue(page.contains("<td class=\"name\">agent</td><td class=\"name\"><code>buffer=64k</code>"),
                "the agent's own options, from lwp4j.AgentOptions");
        for (var kind : counts.entrySet()) {
            int start = page.indexOf("data-event-type=\"" + kind.getKey() + "\"");
            assertTrue(start >= 0, "section for " + kind.getKey());
            String section = page.substring(start, page.indexOf("</section>", start));
            Matcher chart = Pattern.compile("data-chart=\"events-over-time\".*?</svg>", Pattern.DOTALL).matcher(section);
            assertTrue(chart.find(), kind.getKey());
            Matcher series = Pattern.compile("data-total=\"(\\d+)\"").matcher(chart.group());
            long total = 0;
            while (series.find()) total += Long.parseLong(series.group(1));
            assertEquals(kind.getValue(), total, kind.getKey() + ": every event counted in the report");
            assertTrue(run.out().contains(kind.getKey()), "terminal table lists " + kind.getKey());
        }
    }
}
