package io.lwp4j.agent;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The part of the agent's start that the application's first I/O call does not need
 * ({@link AgentRuntime}'s {@code startPipeline}), run once after the advice is in place: on an
 * {@link AgentThread} of its own, beside the application's {@code main}, or on the caller's
 * thread when the caller must see it done. Whoever needs its result waits for it, bounded
 * ({@link #await}).
 *
 * <p>A JVM that exits while it runs: shutdown refuses the pipeline's exit hook; that start is
 * given up without a word (the application was done before lwp4j was: nothing of it is lost
 * but the records its calls made, which had no drain to go to) and the advice stops calling.
 */
final class BackgroundStart {
    /** What the start made: the drain pipeline, and the JFR pipeline over it (null with {@code jfr=off}). */
    record Pipelines(DrainPipeline drain, JfrPipeline jfr) {}

    private final Supplier<Pipelines> start;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Pipelines started;
    private volatile boolean exiting;

    BackgroundStart(Supplier<Pipelines> start) {
        this.start = start;
    }

    /** Runs the start on a thread of its own, or here when {@code here}. */
    void start(boolean here) {
        if (!here) {
            try {
                Runtime.getRuntime().addShutdownHook(new AgentThread("lwp4j-start-exit", () -> exiting = true));
                new AgentThread("lwp4j-start", this::run).start();
                return;
            } catch (Throwable refused) {
                // no thread to be had (or the JVM already exits): start here
            }
        }
        run();
    }

    private void run() {
        try {
            started = start.get();
        } catch (Throwable t) {
            Hooks.install(null);
            if (!exiting) {
                Warnings.warnOnce("pipeline", "lwp4j is off: its drain pipeline did not start ("
                        + AgentBootstrap.describe(t) + ")");
            }
        } finally {
            done.countDown();
        }
    }

    /** What the start made, once it is done, waiting at most {@code wait}; null if it failed or is not done. */
    Pipelines await(Duration wait) throws InterruptedException {
        done.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        return started;
    }
}
