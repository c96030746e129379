package io.lwp4j.sampler;

import io.lwp4j.sampler.internal.NativeBuffers;

/**
 * The process-wide doorbell: the eventfd that producers signal when a buffer's fill crosses
 * its watermark ({@code lwp4j_doorbell_ring}). The drainer sleeps on it; {@link #ring()} lets
 * Java wake it too (a flush, a buffer retired), through the same counter, so a wake-up can
 * never be lost between the drainer's last look at the buffers and its next wait.
 */
public final class Doorbell {
    private Doorbell() {}

    /**
     * Sleeps until a producer (or {@link #ring()}) signals, at most {@code timeoutMillis}; the
     * signal count is consumed.
     *
     * @return true when signalled, false on timeout or an interrupted poll
     */
    public static boolean await(int timeoutMillis) {
        return NativeBuffers.doorbellWait(timeoutMillis) > 0;
    }

    /** Wakes whoever waits in {@link #await}: adds one to the eventfd counter. */
    public static void ring() {
        NativeBuffers.doorbellNotify(NativeBuffers.doorbellFd());
    }
}
