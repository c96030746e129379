package io.lwp4j.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The report for machines: one JSON document per recording, of the schema
 * {@code docs/report.schema.json} ({@value #SCHEMA}; {@value #COMPARE_SCHEMA} for
 * {@code --compare}). Durations are integer nanoseconds, times ISO-8601 instants, counts exact;
 * a section the recording has no data for is {@code null}. Fields are only ever added to a
 * schema version, never renamed or removed.
 */
public final class JsonReport {
    public static final String SCHEMA = "lwp4j-report/1";
    public static final String COMPARE_SCHEMA = "lwp4j-report-compare/1";

    private JsonReport() {
    }

    public static String render(Report r) {
        JsonWriter json = new JsonWriter();
        report(json, r, SCHEMA);
        return json + "\n";
    }

    public static String renderComparison(Report before, Report after) {
        JsonWriter json = new JsonWriter().beginObject().field("schema", COMPARE_SCHEMA);
        json.name("before");
        report(json, before, null);
        json.name("after");
        report(json, after, null);
        return json.endObject() + "\n";
    }

    private static void report(JsonWriter json, Report r, String schema) {
        Verdict v = r.verdict();
        json.beginObject();
        if (schema != null) json.field("schema", schema);
        json.name("recording").beginObject().field("file", r.file().toString()).field("bytes", r.fileBytes())
                .field("start", time(v.startEpochNanos)).field("durationNanos", v.spanNanos()).field("jvm", v.jvm)
                .field("cpu", v.cpu).field("os", v.os).name("agentOptions").beginArray();
        for (Verdict.AgentOption o : v.agentOptions) json.beginObject().field("source", o.source()).field("text", o.text()).endObject();
        json.endArray().endObject();
        json.name("range").beginObject().field("start", time(r.rangeStart())).field("end", time(r.rangeEnd()))
                .field("durationNanos", r.rangeEnd() - r.rangeStart()).endObject();
        json.name("verdict").beginObject().name("recordsProduced");
        if (v.produced >= 0) json.value(v.produced);
        else json.nullValue();
        json.field("recordsLost", Math.max(v.lost(), v.drainLost)).name("lostByBufferKind").beginObject();
        v.lostByBufferKind.forEach(json::field);
        json.endObject().name("findings").beginArray();
        for (Findings.Finding f : Findings.of(r)) {
            json.beginObject().field("level", f.level().name().toLowerCase(Locale.ROOT)).field("text", f.text())
                    .field("fix", f.fix()).endObject();
        }
        json.endArray().endObject();
        json.name("io").beginArray();
        for (IoRangeTotals t : r.ioRows()) {
            json.beginObject().field("operation", t.operation).field("kind", t.kind).field("calls", t.calls)
                    .field("bytes", t.bytes).field("errors", t.errors).field("workNanos", t.workNanos)
                    .field("shareOfWall", (double) t.workNanos / r.rangeNanos()).field("waits", t.waits)
                    .field("waitNanos", t.waitNanos);
            json.name("work").beginObject().field("p50Nanos", t.workQuantile(0.5)).field("p99Nanos", t.workQuantile(0.99))
                    .field("p999Nanos", t.workQuantile(0.999)).field("maxNanos", t.maxWorkNanos).endObject();
            json.name("wait").beginObject().field("p50Nanos", t.waitQuantile(0.5)).field("p99Nanos", t.waitQuantile(0.99))
                    .field("maxNanos", t.maxWaitNanos).endObject();
            json.endObject();
        }
        json.endArray();
        recordedCalls(json, r);
        kernel(json, r.kernel());
        json.endObject();
    }

    private static void recordedCalls(JsonWriter json, Report r) {
        RecordedCalls c = r.calls();
        json.name("recordedCalls").beginObject().field("count", c.count()).field("errors", c.errors())
                .field("rankedBy", c.includeWaits() ? "whole" : "work");
        tallies(json, "byThreadPool", c.byThreadGroup());
        tallies(json, "byTarget", c.byTarget());
        json.name("slowest").beginArray();
        for (RecordedCall call : c.slowest()) {
            json.beginObject().field("start", time(call.startEpochNanos()))
                    .field("offsetNanos", call.startEpochNanos() - r.verdict().startEpochNanos).field("thread", call.thread())
                    .field("operation", call.operation()).field("kind", call.kind()).field("target", call.target())
                    .field("durationNanos", call.durationNanos()).field("waitNanos", call.waitNanos())
                    .field("bytes", call.bytes()).field("error", call.error()).field("virtualThread", call.virtualThread());
            strings(json, "applicationFrames", call.applicationFrames(3));
            strings(json, "frames", call.frames());
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void tallies(JsonWriter json, String name, List<RecordedCalls.Tally> tallies) {
        json.name(name).beginArray();
        for (RecordedCalls.Tally t : tallies) {
            json.beginObject().field("key", t.key).field("threads", t.threads.size()).field("calls", t.calls)
                    .field("workNanos", t.workNanos).field("waitNanos", t.waitNanos).field("bytes", t.bytes)
                    .field("errors", t.errors).field("maxNanos", t.maxNanos).endObject();
        }
        json.endArray();
    }

    private static void kernel(JsonWriter json, RecordedKernelCosts k) {
        json.name("kernel").beginObject();
        orNull(json, "syscallPath", k.hasCanary(), () -> syscallPath(json, k));
        orNull(json, "writeFaults", k.hasWriteFaults(), () -> writeFaults(json, k));
        orNull(json, "dirtyPages", k.hasDirtyPages(), () -> dirtyPages(json, k));
        orNull(json, "codeLoading", k.hasCodeLoading(), () -> codeLoading(json, k));
        json.endObject();
    }

    /** {@code name}: what {@code write} writes when the recording has that part, else null. */
    private static void orNull(JsonWriter json, String name, boolean present, Runnable write) {
        json.name(name);
        if (present) write.run();
        else json.nullValue();
    }

    private static void syscallPath(JsonWriter json, RecordedKernelCosts k) {
        json.beginObject().name("calls").beginArray();
        for (String call : k.canaryCalls()) {
            RecordedKernelCosts.CanaryCall c = k.canary.get(call);
            json.beginObject().field("call", call).field("runs", c.medians.getTotalCount())
                    .field("medianNanos", c.medians.getValueAtPercentile(50))
                    .field("p99Nanos", c.medians.getValueAtPercentile(99)).field("minNanos", c.minNanos).endObject();
        }
        json.endArray().name("environments").beginArray();
        for (Map.Entry<RecordedKernelCosts.Environment, Long> e : k.environments.entrySet()) {
            RecordedKernelCosts.Environment env = e.getKey();
            json.beginObject().field("reports", e.getValue()).field("cpu", env.cpu()).field("kernel", env.kernel())
                    .field("seccompMode", env.seccompMode()).field("seccompFilters", env.seccompFilters())
                    .field("audit", env.audit()).field("auditRules", env.auditRules());
            strings(json, "mitigations", env.mitigations());
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void writeFaults(JsonWriter json, RecordedKernelCosts k) {
        json.beginObject().field("handled", k.writeFaults).name("handling");
        distribution(json, k.faultHandle);
        json.name("canarySteps").beginArray();
        k.faultProbeSteps.forEach((step, h) -> {
            json.beginObject().field("step", step);
            json.name("distribution");
            distribution(json, h);
            json.endObject();
        });
        json.endArray().endObject();
    }

    private static void dirtyPages(JsonWriter json, RecordedKernelCosts k) {
        json.beginObject().field("scans", k.scans).field("pagesScanned", k.scannedPages).field("pagesWritten", k.writtenPages)
                .name("scanTime");
        distribution(json, k.scanTime);
        json.endObject();
    }

    private static void codeLoading(JsonWriter json, RecordedKernelCosts k) {
        json.beginArray();
        k.strategies.forEach((name, s) -> {
            json.beginObject().field("strategy", name).field("refused", s.refused).name("medianPerIteration");
            distribution(json, s.medians);
            json.name("meanPerIteration");
            distribution(json, s.means);
            json.endObject();
        });
        json.endArray();
    }

    /** count, p50, p99, max of a histogram of ns. */
    private static void distribution(JsonWriter json, Histogram h) {
        json.beginObject().field("count", h.getTotalCount()).field("p50Nanos", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50))
                .field("p99Nanos", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99)).field("maxNanos", h.getMaxValue())
                .endObject();
    }

    private static void strings(JsonWriter json, String name, List<String> values) {
        json.name(name).beginArray();
        for (String s : values) json.value(s);
        json.endArray();
    }

    private static String time(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }
}
