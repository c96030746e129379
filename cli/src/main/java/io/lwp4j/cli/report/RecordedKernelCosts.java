package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What the kernel cost the process, from lwp4j's own probes, where the recording has them:
 * write-fault latency by step (the sync tracker's handling and the canary's full breakdown),
 * the syscall entry/exit canary with what explains its figure, async dirty-page scans and the
 * code-loading strategies. Distributions are HdrHistograms of nanoseconds.
 */
final class RecordedKernelCosts {
    /** Canary calls in the order the report shows them. */
    static final List<String> CANARY_CALLS = List.of("getpid", "clock_gettime-vdso", "clock_gettime-syscall");

    /** One canary call: its per-run medians, and over time. */
    static final class CanaryCall {
        final Histogram medians = histogram();
        final TimeBuckets<Histogram> overTime;
        long minNanos = Long.MAX_VALUE;

        CanaryCall(long origin, long width) {
            overTime = new TimeBuckets<>(origin, width, RecordedKernelCosts::histogram, Histogram::add);
        }
    }

    /** What the syscall path carried, as one lwp4j.SyscallPathEnvironment said it. */
    record Environment(String seccompMode, int seccompFilters, String audit, int auditRules, List<String> mitigations,
                       String cpu, String kernel) {}

    /** One code-loading strategy: its per-run medians and means per iteration. */
    static final class Strategy {
        final Histogram medians = histogram();
        final Histogram means = histogram();
        long refused;
        int lastError;
    }

    final Map<String, CanaryCall> canary = new LinkedHashMap<>();
    /** Distinct environments in the order first seen, with how often each was recorded. */
    final Map<Environment, Long> environments = new LinkedHashMap<>();
    final Histogram faultHandle = histogram();
    final Map<String, Histogram> faultProbeSteps = new LinkedHashMap<>();
    final Map<String, Strategy> strategies = new LinkedHashMap<>();
    final Histogram scanTime = histogram();
    long scans;
    long scannedPages;
    long writtenPages;
    long writeFaults;
    private final long origin;
    private final long width;

    RecordedKernelCosts(long origin, long width) {
        this.origin = origin;
        this.width = width;
        for (String step : List.of("receiveTime", "resolveTime", "completeTime", "totalTime")) {
            faultProbeSteps.put(step, histogram());
        }
    }

    CanaryCall canary(String call) {
        return canary.computeIfAbsent(call, c -> new CanaryCall(origin, width));
    }

    Strategy strategy(String name) {
        return strategies.computeIfAbsent(name, n -> new Strategy());
    }

    boolean hasWriteFaults() {
        return writeFaults > 0 || faultProbeSteps.get("totalTime").getTotalCount() > 0;
    }

    boolean hasCanary() {
        return !canary.isEmpty();
    }

    boolean hasCodeLoading() {
        return !strategies.isEmpty();
    }

    boolean hasDirtyPages() {
        return scans > 0;
    }

    boolean isEmpty() {
        return !hasWriteFaults() && !hasCanary() && !hasCodeLoading() && !hasDirtyPages();
    }

    /** The canary calls present, in the report's order. */
    List<String> canaryCalls() {
        List<String> calls = new ArrayList<>();
        for (String c : CANARY_CALLS) if (canary.containsKey(c)) calls.add(c);
        for (String c : canary.keySet()) if (!calls.contains(c)) calls.add(c);
        return calls;
    }

    static Histogram histogram() {
        return new Histogram(3);
    }

    /** Records a duration; negative values (a clock step) count as 0. */
    static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(0, nanos));
    }
}
