package io.lwp4j.agent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether the lwp4j agent of this JVM is still starting: its premain returns before the native
 * library, the drain pipeline and the write tracker exist (they are made on the thread
 * "lwp4j-start", beside the application's {@code main}). Code that asks for one of those (the
 * agent's {@code Lwp4j} API, and through it the demo) waits here, bounded, first.
 *
 * <p>Ordering: {@link #begin()} is a volatile store ({@code sv}) made by premain before it
 * starts the start thread; {@link #finished()} counts the latch down, which happens-before
 * every return of {@link #await} that saw it. Without an agent, or once it has started (or
 * failed to), {@link #await} returns at once.
 */
final class AgentStart {
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static volatile boolean begun;

    private AgentStart() {}

    /** The agent's premain has handed the rest of its start to another thread. */
    static void begin() {
        begun = true;
    }

    /** The start has finished, successfully or not. */
    static void finished() {
        FINISHED.countDown();
    }

    /**
     * Waits up to {@code timeout} for a start in progress. True when none is in progress (none
     * began, or it has finished); false when it is still running after the timeout, or the
     * waiting thread was interrupted (its interrupt status is kept).
     */
    static boolean await(Duration timeout) {
        if (!begun) return true;
        try {
            return FINISHED.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
