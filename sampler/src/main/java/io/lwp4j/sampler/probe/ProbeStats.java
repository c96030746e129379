package io.lwp4j.sampler.probe;

import java.time.Duration;

/**
 * A probe's own cost since its last start ({@code struct lwp4j_probe_stats}).
 *
 * @param runs completed runs
 * @param cpuTime CPU time of the probe thread at the end of its last run (the idle wait
 *     after a run is counted at the next one)
 * @param wallTime since the start, or from start to stop when stopped
 * @param period {@link Duration#ZERO} when the probe runs only on demand
 * @param tid the probe thread's id, 0 when stopped
 */
public record ProbeStats(long runs, Duration cpuTime, Duration wallTime, Duration period, int tid, boolean running) {

    /** CPU time over wall time: 0.0005 is 0.05% of one core. */
    public double shareOfOneCore() {
        return wallTime.isZero() ? 0 : (double) cpuTime.toNanos() / wallTime.toNanos();
    }
}
