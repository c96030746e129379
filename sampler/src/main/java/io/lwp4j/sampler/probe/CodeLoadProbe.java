package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The code-loading probe: what it costs, in this process on this kernel, to put freshly
 * written machine code in place and run it, with each of seed 001's {@linkplain
 * CodeLoadStrategy strategies}. A run loads a small code region {@code iterations} times per
 * strategy (writing {@code mov eax, imm32; ret} at each page start and calling it through a
 * function pointer) and records the time per iteration. A JIT-like application runs it once
 * and picks its strategy from {@link CodeLoadResults#fastest}.
 *
 * <p>Everything a run maps is unmapped by the end of that run.
 */
public final class CodeLoadProbe extends Probe {
    public static final Duration DEFAULT_PERIOD = Duration.ofNanos(CODE_LOAD_DEFAULT_PERIOD_NS);
    public static final Duration MIN_PERIOD = Duration.ofNanos(CODE_LOAD_MIN_PERIOD_NS);
    public static final int DEFAULT_PAGES = CODE_LOAD_DEFAULT_PAGES;
    public static final int MAX_PAGES = CODE_LOAD_MAX_PAGES;
    public static final int DEFAULT_ITERATIONS = CODE_LOAD_DEFAULT_ITERATIONS;
    public static final int MAX_ITERATIONS = CODE_LOAD_MAX_ITERATIONS;

    private static final CodeLoadProbe INSTANCE = new CodeLoadProbe();

    private CodeLoadProbe() {
        super(PROBE_CODE_LOAD, "code-load", CODE_LOAD_MIN_PERIOD_NS, CODE_LOAD_DEFAULT_PERIOD_NS,
                CODE_LOAD_STRATEGY_COUNT);
    }

    /** The process's code-loading probe. */
    public static CodeLoadProbe get() {
        return INSTANCE;
    }

    /**
     * The code region (in pages) and the loads per strategy, from the next run on.
     *
     * @throws IllegalArgumentException unless 1 <= pages <= {@link #MAX_PAGES} and
     *     1 <= iterations <= {@link #MAX_ITERATIONS}
     */
    public void setCodeRegion(int pages, int iterations) {
        if (pages < 1 || pages > MAX_PAGES) {
            throw new IllegalArgumentException("code region must be 1.." + MAX_PAGES + " pages, got " + pages);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("code-load iterations must be 1.." + MAX_ITERATIONS + ", got "
                    + iterations);
        }
        check(ProbeNatives.setCodeRegion(pages, iterations), "setCodeRegion");
    }

    /**
     * Runs the probe now on its thread and returns the newest results, those of this run or
     * of a periodic one that ended after it. A stopped probe is started to run on demand only.
     *
     * @throws TimeoutException when the run did not end within {@code timeout}
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public CodeLoadResults runOnce(Duration timeout) throws TimeoutException {
        runOnceAndWait(timeout);
        return latest().orElseThrow();
    }

    /** The newest run's results, read without a consumer; empty before the first run. */
    public Optional<CodeLoadResults> latest() {
        return latestRun(CodeLoadStrategy.class, s -> s.code, CodeLoadResult::of).map(CodeLoadResults::new);
    }
}
