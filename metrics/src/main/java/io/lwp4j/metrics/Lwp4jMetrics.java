package io.lwp4j.metrics;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.iocount.IoTotals;
import io.lwp4j.sampler.layout.SyscallLayout;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * lwp4j's metric families, built at each scrape from {@link MetricSources}: names and units in
 * Prometheus and OpenTelemetry conventions (seconds, bytes, {@code _total}), labels from fixed
 * name tables only (no thread, path, address or port), so a JVM exports a bounded number of
 * series whatever it does.
 *
 * <pre>
 * lwp4j_io_call_duration_seconds{operation,kind}      histogram: each call's work time (0 for a call that only waited)
 * lwp4j_io_wait_duration_seconds{operation,kind}      histogram: each blocking wait for readiness, apart
 * lwp4j_io_bytes_total{operation,kind}                counter: bytes read and written
 * lwp4j_io_errors_total{operation,kind}               counter: calls that threw
 * lwp4j_write_fault_duration_seconds{step}            histogram (see {@link KernelCosts})
 * lwp4j_syscall_probe_duration_seconds{call}          histogram
 * lwp4j_code_load_duration_seconds{strategy}          histogram
 * lwp4j_records_lost_total                            counter: records dropped by full buffers
 * lwp4j_buffers{state="locked|unlocked"}              gauge: live ring buffers
 * lwp4j_feature_enabled{feature}                      gauge: 1 on, 0 off or refused
 * lwp4j_feature_refused_info{feature,cause}           info: why a feature is refused
 * </pre>
 * Histograms carry classic and native buckets ({@link HistogramPoints}); the Prometheus client
 * writes the classic ones in the text format and both in protobuf, which a scraper asks for
 * when it ingests native histograms. A family with no series yet is left out.
 */
public final class Lwp4jMetrics implements MultiCollector {
    private static final String[] OPERATION_KIND = {"operation", "kind"};

    private final MetricSources sources;

    public Lwp4jMetrics(MetricSources sources) {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        io(sources.io().collect(), out);
        kernelCosts(out);
        add(out, CounterSnapshot.builder().name("lwp4j_records_lost")
                .help("Records lwp4j dropped because a ring buffer was full (each counted, never silently)")
                .dataPoint(CounterDataPointSnapshot.builder().value(sources.drain().get().lost()).build()).build());
        BufferStatistics b = sources.buffers().get();
        add(out, GaugeSnapshot.builder().name("lwp4j_buffers")
                .help("Live ring buffers of lwp4j, locked in memory (mlock) or not (refused by lockbudget or "
                        + "RLIMIT_MEMLOCK)")
                .dataPoint(gauge(Labels.of("state", "locked"), b.buffersLocked()))
                .dataPoint(gauge(Labels.of("state", "unlocked"), b.buffersLive() - b.buffersLocked())).build());
        features(out);
        return new MetricSnapshots(out);
    }

    private static void io(IoTotals totals, List<MetricSnapshot> out) {
        HistogramSnapshot.Builder calls = HistogramSnapshot.builder().name("lwp4j_io_call_duration_seconds")
                .unit(Unit.SECONDS).help("The application's I/O calls through the JDK, each counted by the thread that "
                        + "made it: its work time, waits apart (0 for a call that only waited)");
        HistogramSnapshot.Builder waits = HistogramSnapshot.builder().name("lwp4j_io_wait_duration_seconds")
                .unit(Unit.SECONDS).help("Blocking waits for readiness inside the application's I/O calls (data, a "
                        + "peer, buffer space, a selected key)");
        CounterSnapshot.Builder bytes = CounterSnapshot.builder().name("lwp4j_io_bytes").unit(Unit.BYTES)
                .help("Bytes the application's I/O calls read and wrote");
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("lwp4j_io_errors")
                .help("The application's I/O calls that threw");
        for (IoTotals.CallTotals c : totals.pairs()) {
            Labels labels = Labels.of(OPERATION_KIND, new String[] {c.operationName(), c.kindName()});
            calls.dataPoint(HistogramPoints.of(c.workTimes(), c.workNanos(), labels));
            if (c.waits() > 0) waits.dataPoint(HistogramPoints.of(c.waitTimes(), c.waitNanos(), labels));
            if (c.operation() <= SyscallLayout.PWRITE) bytes.dataPoint(counter(labels, c.bytes()));
            errors.dataPoint(counter(labels, c.errors()));
        }
        add(out, calls.build());
        add(out, waits.build());
        add(out, bytes.build());
        add(out, errors.build());
    }

    private void kernelCosts(List<MetricSnapshot> out) {
        Map<KernelCosts.Family, HistogramSnapshot.Builder> families = new EnumMap<>(KernelCosts.Family.class);
        for (KernelCosts.Family f : KernelCosts.Family.values()) {
            families.put(f, HistogramSnapshot.builder().name(f.metricName()).unit(Unit.SECONDS).help(f.help()));
        }
        for (KernelCosts.Series s : sources.kernelCosts().series()) {
            families.get(s.family()).dataPoint(HistogramPoints.of(s.durations(), s.sumNanos(),
                    Labels.of(s.family().labelName(), s.label())));
        }
        families.values().forEach(f -> add(out, f.build()));
    }

    private void features(List<MetricSnapshot> out) {
        GaugeSnapshot.Builder enabled = GaugeSnapshot.builder().name("lwp4j_feature_enabled")
                .help("1 when an optional part of lwp4j runs, 0 when its option leaves it off or the environment "
                        + "refused it (see lwp4j_feature_refused_info)");
        InfoSnapshot.Builder refused = InfoSnapshot.builder().name("lwp4j_feature_refused")
                .help("An optional part of lwp4j that the environment refused, and the cause its warning named");
        for (Features.Feature f : sources.features().all()) {
            enabled.dataPoint(gauge(Labels.of("feature", f.name()), f.state() == Features.State.ON ? 1 : 0));
            if (f.state() == Features.State.REFUSED) {
                refused.dataPoint(new InfoDataPointSnapshot(Labels.of("feature", f.name(), "cause", f.cause())));
            }
        }
        add(out, enabled.build());
        add(out, refused.build());
    }

    private static void add(List<MetricSnapshot> out, MetricSnapshot s) {
        if (!s.getDataPoints().isEmpty()) out.add(s);
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
