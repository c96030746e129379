package io.lwp4j.demo;

import io.lwp4j.sampler.probe.CodeLoadResult;
import io.lwp4j.sampler.probe.CodeLoadStrategy;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which code-loading strategy the runtime uses, taken from the code-loading probe's records
 * as the raw poller read them out of the probe's ring buffer.
 *
 * @param chosen the fastest strategy the policy allows
 * @param policy what the runtime's security policy allows
 * @param run the probe run the figures come from
 * @param nanosPerLoad mean ns per load of every strategy the kernel allowed, as recorded
 */
public record StrategyDecision(CodeLoadStrategy chosen, Policy policy, long run, Map<CodeLoadStrategy, Long> nanosPerLoad) {

    /** The runtime's security policy for code memory. */
    public enum Policy {
        /** W^X: no page writable and executable at once (rules out the memfd dual mapping). */
        WX,
        /** Any strategy: the fastest wins. */
        FASTEST;

        boolean allows(CodeLoadStrategy s) {
            return this == FASTEST || s.keepsWxorX();
        }
    }

    /** Decides from one probe run's records; empty when the kernel refused every allowed one. */
    public static Optional<StrategyDecision> from(Map<CodeLoadStrategy, CodeLoadResult> run, Policy policy) {
        Map<CodeLoadStrategy, Long> ns = new EnumMap<>(CodeLoadStrategy.class);
        long runId = 0;
        for (CodeLoadResult r : run.values()) {
            runId = r.run();
            if (r.succeeded()) ns.put(r.strategy(), r.timing().meanNanos());
        }
        long id = runId;
        return ns.entrySet().stream()
                .filter(e -> policy.allows(e.getKey()))
                .min(Map.Entry.comparingByValue())
                .map(e -> new StrategyDecision(e.getKey(), policy, id, ns));
    }

    /** The log line; its figures are the recorded ones, verbatim. */
    public String logLine() {
        String figures = nanosPerLoad.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        String excluded = nanosPerLoad.keySet().stream()
                .filter(s -> !policy.allows(s))
                .map(s -> s + " excluded: breaks W^X")
                .collect(Collectors.joining(", "));
        return "decision: strategy=" + chosen + " policy=" + policy.name().toLowerCase() + " run=" + run
                + " ns/load: " + figures + (excluded.isEmpty() ? "" : " (" + excluded + ")");
    }
}
