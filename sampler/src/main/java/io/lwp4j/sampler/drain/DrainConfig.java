package io.lwp4j.sampler.drain;

import java.time.Duration;

/**
 * How the drain pipeline runs.
 *
 * @param ringSize events in the Disruptor ring between the drainer and the handlers (power of
 *     two); all preallocated, about 130 bytes each
 * @param maxBatch most records taken from one buffer per look, so one busy buffer cannot
 *     starve the others
 * @param idleWait longest the drainer sleeps on the doorbell: records below a buffer's
 *     watermark wait at most this long
 * @param exitFlushTimeout longest the JVM-exit flush waits for the handlers
 */
public record DrainConfig(int ringSize, int maxBatch, Duration idleWait, Duration exitFlushTimeout) {
    public static final DrainConfig DEFAULTS =
            new DrainConfig(1 << 14, 4096, Duration.ofMillis(100), Duration.ofSeconds(5));

    public DrainConfig {
        if (ringSize < 64 || ringSize > 1 << 24 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("drain ring size must be a power of two within 64.." + (1 << 24)
                    + " events, got " + ringSize);
        }
        if (maxBatch < 1 || maxBatch > ringSize) {
            throw new IllegalArgumentException("max batch must be within 1.." + ringSize + " (the ring size), got "
                    + maxBatch);
        }
        if (idleWait.isNegative() || idleWait.isZero() || idleWait.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idle wait must be at least 1 ms, got " + idleWait);
        }
        if (exitFlushTimeout.isNegative()) {
            throw new IllegalArgumentException("exit flush timeout must be >= 0, got " + exitFlushTimeout);
        }
    }

    public DrainConfig withRingSize(int n) {
        return new DrainConfig(n, Math.min(maxBatch, n), idleWait, exitFlushTimeout);
    }

    public DrainConfig withMaxBatch(int n) {
        return new DrainConfig(ringSize, n, idleWait, exitFlushTimeout);
    }

    public DrainConfig withIdleWait(Duration d) {
        return new DrainConfig(ringSize, maxBatch, d, exitFlushTimeout);
    }

    public DrainConfig withExitFlushTimeout(Duration d) {
        return new DrainConfig(ringSize, maxBatch, idleWait, d);
    }
}
