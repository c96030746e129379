package io.lwp4j.metrics;

import io.lwp4j.sampler.decode.CodeLoadTiming;
import io.lwp4j.sampler.decode.DecodedRecord;
import io.lwp4j.sampler.decode.SyscallPathProbe;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.drain.RecordSubscriber;
import io.lwp4j.sampler.iocount.IoHistogram;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kernel costs, as the drained records tell it, counted in cumulative histograms of
 * {@link io.lwp4j.sampler.iocount.IoHistogramScheme} buckets (the I/O counts' buckets: Prometheus
 * native histograms of schema 4). A subscriber of the drain pipeline: it runs on the pipeline's
 * subscriber thread, the only writer, so nothing of it is on any application thread.
 *
 * <ul>
 *   <li>{@link Family#WRITE_FAULT}, by step: {@code handle}, the write tracker's handling of a
 *       fault of the application's tracked memory ({@link WriteFault#handleNanos()}); {@code
 *       receive}, {@code resolve}, {@code complete} and {@code total}, the steps of each canary
 *       fault ({@link WriteFaultProbe}).
 *   <li>{@link Family#SYSCALL_PROBE}, by call: one value per probe run, the median of its burst.
 *   <li>{@link Family#CODE_LOAD}, by strategy: one value per probe run, its median iteration;
 *       a refused strategy has none.
 * </ul>
 * Labels come from fixed name tables, so their number is bounded by design.
 */
public final class KernelCosts implements RecordSubscriber {

    /** A histogram family: its metric name, its label and its help text. */
    public enum Family {
        WRITE_FAULT("lwp4j_write_fault_duration_seconds", "step", "Write faults: the tracker's handling of a fault "
                + "(step=handle), and each step of the canary's faults (receive, resolve, complete, total)"),
        SYSCALL_PROBE("lwp4j_syscall_probe_duration_seconds", "call", "Syscall entry/exit canary: the median call "
                + "of each burst"),
        CODE_LOAD("lwp4j_code_load_duration_seconds", "strategy", "JIT code-loading probe: the median iteration of "
                + "each run of a way of mapping executable code");

        private final String metricName;
        private final String labelName;
        private final String help;

        Family(String metricName, String labelName, String help) {
            this.metricName = metricName;
            this.labelName = labelName;
            this.help = help;
        }

        public String metricName() {
            return metricName;
        }

        public String labelName() {
            return labelName;
        }

        public String help() {
            return help;
        }
    }

    /** One label's histogram: cumulative durations and their sum in ns. */
    public record Series(Family family, String label, IoHistogram durations, long sumNanos) {}

    private final Map<Family, ConcurrentHashMap<String, DurationHistogram>> byFamily = new EnumMap<>(Family.class);

    public KernelCosts() {
        for (Family f : Family.values()) byFamily.put(f, new ConcurrentHashMap<>());
    }

    @Override
    public void onRecord(DecodedRecord record) {
        switch (record) {
            case WriteFault f -> add(Family.WRITE_FAULT, "handle", f.handleNanos());
            case WriteFaultProbe p -> {
                add(Family.WRITE_FAULT, "receive", p.receiveNanos());
                add(Family.WRITE_FAULT, "resolve", p.resolveNanos());
                add(Family.WRITE_FAULT, "complete", p.completeNanos());
                add(Family.WRITE_FAULT, "total", p.totalNanos());
            }
            case SyscallPathProbe p -> add(Family.SYSCALL_PROBE, p.callName(), p.summaryNanos());
            case CodeLoadTiming p -> {
                if (p.summaryNanos() >= 0) add(Family.CODE_LOAD, p.strategyName(), p.summaryNanos());
            }
            default -> {}
        }
    }

    private void add(Family family, String label, long nanos) {
        ConcurrentHashMap<String, DurationHistogram> labels = byFamily.get(family);
        DurationHistogram h = labels.get(label);
        if (h == null) labels.put(label, h = new DurationHistogram());
        h.record(nanos);
    }

    /** Every label with a value so far, by family then label; any thread. */
    public List<Series> series() {
        List<Series> out = new ArrayList<>();
        byFamily.forEach((family, labels) -> new TreeMap<>(labels).forEach(
                (label, h) -> out.add(new Series(family, label, h.durations(), h.sumNanos()))));
        return out;
    }
}
