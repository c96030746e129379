package io.lwp4j.bench;

import java.time.Duration;

/**
 * Waits until the lwp4j agent of this JVM, if one is starting, has finished its start (it
 * finishes it beside {@code main}: it sets {@code lwp4j.agent.starting} from the end of its
 * premain until then, and {@code lwp4j.agent.started} once it runs, or {@code
 * lwp4j.agent.waiting} once it counts and its record path waits for a first consumer), so a
 * figure is of lwp4j running or idle, not starting. Without an agent, or with an earlier build
 * that starts before {@code main}, it returns at once.
 */
public final class AgentStarted {
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private AgentStarted() {}

    public static void await() throws InterruptedException {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (System.getProperty("lwp4j.agent.starting") != null && System.getProperty("lwp4j.agent.started") == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the lwp4j agent did not finish its start within " + AT_MOST);
            }
            Thread.sleep(5);
        }
    }
}
