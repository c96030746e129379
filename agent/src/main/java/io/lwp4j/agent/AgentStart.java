package io.lwp4j.agent;

import io.lwp4j.sampler.AgentThread;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where the start of the lwp4j agent in this JVM stands: its premain returns before the native
 * library, the drain pipeline and the write tracker exist (the record path, made on a thread
 * "lwp4j-start" beside the application's {@code main}), and at the defaults that record path
 * waits for its first consumer (AgentRuntime's class comment). Code that needs it (the agent's
 * {@code Lwp4j} API, and through it the demo) asks for it here ({@link #consumerAppeared}) and
 * waits for it, bounded ({@link #await}).
 *
 * <p>Ordering: {@link #begin()} is a volatile store ({@code sv}) made by premain before it
 * starts the start thread; {@link #finished()} counts the latch down, which happens-before
 * every return of {@link #await} that saw it. Without an agent, or once its record path has
 * started (or failed to), {@link #await} returns at once. {@code consumerAsked} and {@code
 * recordPathStart} are read and written under {@code AgentStart.class}'s lock: a consumer that
 * appears while the start thread is still on its way to the wait is seen by that thread.
 */
final class AgentStart {
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static volatile boolean begun;
    private static boolean consumerAsked;
    private static Runnable recordPathStart;

    private AgentStart() {}

    /** The agent's premain has handed the rest of its start to another thread. */
    static void begin() {
        begun = true;
    }

    /** The record path's start has finished, successfully or not. */
    static void finished() {
        FINISHED.countDown();
    }

    /**
     * Called by the start thread when nothing consumes the record path yet: false when a
     * consumer has asked for it already (the caller starts it now); true when {@code start} is
     * kept, to run on an {@link AgentThread} of its own when the first consumer appears.
     */
    static synchronized boolean waitForConsumer(Runnable start) {
        if (consumerAsked) return false;
        recordPathStart = start;
        return true;
    }

    /**
     * A consumer of the record path appeared: starts it, on an {@link AgentThread} (never on
     * the caller's, which may be the application's), if the start thread is waiting for one;
     * else the start thread sees it when it gets there. Nothing after the first call, nor
     * without an agent.
     */
    static void consumerAppeared() {
        Runnable start;
        synchronized (AgentStart.class) {
            if (consumerAsked) return;
            consumerAsked = true;
            start = recordPathStart;
            recordPathStart = null;
        }
        if (start != null) new AgentThread("lwp4j-start", start).start();
    }

    /**
     * Runs {@code action} unless a consumer has asked for the record path (true then), so it
     * cannot undo what the record path's start does: that start begins only after a consumer has
     * asked, which waits for {@code action} to end.
     */
    static synchronized boolean beforeAnyConsumer(Runnable action) {
        if (consumerAsked) return true;
        action.run();
        return false;
    }

    /** Whether a consumer has asked for the record path. */
    static synchronized boolean consumerAsked() {
        return consumerAsked;
    }

    /**
     * Waits up to {@code timeout} for a start in progress. True when none is in progress (none
     * began, or it has finished); false when it is still running after the timeout, or the
     * waiting thread was interrupted (its interrupt status is kept). A record path that waits
     * for a consumer is a start in progress: ask for it first ({@link #consumerAppeared}).
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
