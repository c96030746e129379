package io.lwp4j.demo;

import io.lwp4j.jfr.Lwp4jSettings;
import io.lwp4j.sampler.AgentStart;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;

/**
 * The demo's own JFR recording (JDK default settings plus lwp4j.jfc), into which the agent's
 * drain pipeline commits the lwp4j events; at the end everything still in the ring buffers is
 * drained first, then the recording is written and summarised from the file itself.
 */
final class DemoRecording {
    private static final Duration START_WAIT = Duration.ofSeconds(10);
    private final Recording recording;

    private DemoRecording(Recording recording) {
        this.recording = recording;
    }

    /** Starts recording, or returns null (and says why) when the lwp4j agent is not running. */
    static DemoRecording start(PrintStream out) throws IOException {
        // the agent finishes its start beside main: its pipeline may come a moment later
        if (!AgentStart.await(START_WAIT) || DrainPipeline.current() == null) {
            out.println("lwp4j-demo: not running under the lwp4j agent, so no JFR recording: start it with ./lwp4j demo");
            return null;
        }
        try {
            Recording r = new Recording(Lwp4jSettings.with("default"));
            // every I/O call of the demo's code cache with its stack: a few hundred, so its
            // report lists them as a server's report lists its slow calls
            r.enable("lwp4j.Syscall").with("callThreshold", "0 ms");
            r.setName("lwp4j-demo");
            r.start();
            return new DemoRecording(r);
        } catch (ParseException e) {
            throw new IOException("lwp4j.jfc does not parse", e);
        }
    }

    /** Drains, writes the recording to {@code file}, and returns its per-kind summary. */
    List<KindSummary> finish(Path file) throws IOException {
        DrainPipeline pipeline = DrainPipeline.current();
        if (pipeline != null && !pipeline.flush(Duration.ofSeconds(10))) {
            System.err.println("lwp4j-demo: the drain did not finish within 10 s; the recording may miss records");
        }
        recording.stop();
        recording.dump(file);
        recording.close();
        return summarise(file);
    }

    /**
     * Per lwp4j event kind: how many, and the median and 99th percentile of its first
     * duration field (null for kinds without one).
     */
    record KindSummary(String name, long count, String field, Long p50Nanos, Long p99Nanos) {
        String line() {
            return String.format("%-32s %8d", name, count) + (field == null ? ""
                    : String.format("   %s p50 %s  p99 %s", field, micros(p50Nanos), micros(p99Nanos)));
        }

        private static String micros(long ns) {
            return String.format("%.2f us", ns / 1e3);
        }
    }

    static List<KindSummary> summarise(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, String> fields = new TreeMap<>();
        Map<String, Histogram> histograms = new TreeMap<>();
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String name = e.getEventType().getName();
                if (!name.startsWith("lwp4j.")) continue;
                counts.merge(name, 1L, Long::sum);
                String field = fields.computeIfAbsent(name, n -> latencyField(e));
                if (!field.isEmpty()) {
                    histograms.computeIfAbsent(name, n -> new Histogram(3))
                            .recordValue(Math.max(0, e.getDuration(field).toNanos()));
                }
            }
        }
        List<KindSummary> out = new ArrayList<>();
        counts.forEach((name, count) -> {
            Histogram h = histograms.get(name);
            out.add(h == null ? new KindSummary(name, count, null, null, null)
                    : new KindSummary(name, count, fields.get(name), h.getValueAtPercentile(50), h.getValueAtPercentile(99)));
        });
        return out;
    }

    /**
     * The field that says how long the measured thing took: a probe's median, else the first
     * duration field other than the event's own; "" for kinds without one and for interval
     * summaries (their percentiles are already summaries).
     */
    private static String latencyField(RecordedEvent e) {
        if (e.hasField("median")) return "median";
        if (e.getEventType().getName().endsWith("Summary")) return "";
        for (ValueDescriptor v : e.getFields()) {
            if (v.getAnnotation(Timespan.class) != null && !v.getName().equals("duration")
                    && (v.getTypeName().equals("long") || v.getTypeName().equals("int"))) {
                return v.getName();
            }
        }
        return "";
    }
}
