package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.ConfigCheck;
import java.time.Duration;

/**
 * How the drain pipeline runs.
 *
 * @param ringSize events in the Disruptor ring between the drainer and the handlers (power of
 *     two); all preallocated, 104 bytes each on the heap. The default, 2048 (208 KiB), holds
 *     two of the drainer's batches: when the handlers are behind, what does not fit waits in
 *     its ring buffer for the next pass (nothing is lost unless that buffer fills), so a bigger
 *     ring only absorbs longer handler stalls (16,384 before: 1.7 MiB, most of the agent's
 *     live heap)
 * @param maxBatch most records taken from one buffer per look, so one busy buffer cannot
 *     starve the others
 * @param idleWait longest the drainer sleeps on the doorbell: records below a buffer's
 *     watermark wait at most this long
 * @param flushTimeout longest the flushes lwp4j makes by itself (at JVM exit, at the end of a
 *     JFR chunk) wait for the handlers, so an exit never hangs because of lwp4j
 */
public record DrainConfig(int ringSize, int maxBatch, Duration idleWait, Duration flushTimeout) {
    public static final DrainConfig DEFAULTS =
            new DrainConfig(1 << 11, 1024, Duration.ofMillis(100), Duration.ofSeconds(5));

    public DrainConfig {
        ConfigCheck.require(ConfigCheck.isPowerOfTwoWithin(ringSize, 64, 1 << 24), "drain ring size",
                "a power of two within 64.." + (1 << 24) + " events", ringSize);
        ConfigCheck.require(maxBatch >= 1 && maxBatch <= ringSize, "max batch",
                "within 1.." + ringSize + " (the ring size)", maxBatch);
        ConfigCheck.require(!idleWait.isNegative() && !idleWait.isZero() && idleWait.toMillis() <= Integer.MAX_VALUE,
                "idle wait", "at least 1 ms", idleWait);
        ConfigCheck.require(!flushTimeout.isNegative(), "flush timeout", ">= 0", flushTimeout);
    }

    public DrainConfig withRingSize(int n) {
        return new DrainConfig(n, Math.min(maxBatch, n), idleWait, flushTimeout);
    }

    public DrainConfig withMaxBatch(int n) {
        return new DrainConfig(ringSize, n, idleWait, flushTimeout);
    }

    public DrainConfig withIdleWait(Duration d) {
        return new DrainConfig(ringSize, maxBatch, d, flushTimeout);
    }

    public DrainConfig withFlushTimeout(Duration d) {
        return new DrainConfig(ringSize, maxBatch, idleWait, d);
    }
}
