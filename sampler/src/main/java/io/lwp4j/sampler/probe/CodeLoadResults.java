package io.lwp4j.sampler.probe;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The five strategies of one code-loading run, one per {@link CodeLoadStrategy}. */
public record CodeLoadResults(Map<CodeLoadStrategy, CodeLoadResult> byStrategy) {

    public CodeLoadResults {
        byStrategy = Collections.unmodifiableMap(new EnumMap<>(byStrategy));
    }

    public CodeLoadResult get(CodeLoadStrategy strategy) {
        return byStrategy.get(strategy);
    }

    /** The run all five belong to. */
    public long run() {
        return get(CodeLoadStrategy.NAIVE).run();
    }

    /**
     * The strategy with the least mean time per iteration among those the kernel allowed, or
     * empty when it refused them all.
     */
    public Optional<CodeLoadStrategy> fastest() {
        return fastest(byStrategy.keySet());
    }

    /**
     * As {@link #fastest()} among {@code candidates} only: a JIT that keeps W^X leaves out
     * {@link CodeLoadStrategy#MEMFD_DUAL}.
     */
    public Optional<CodeLoadStrategy> fastest(Set<CodeLoadStrategy> candidates) {
        return byStrategy.values().stream()
                .filter(r -> r.succeeded() && candidates.contains(r.strategy()))
                .min(Comparator.comparingLong(r -> r.timing().meanNanos()))
                .map(CodeLoadResult::strategy);
    }
}
