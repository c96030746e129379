package io.lwp4j.agent.it;

import java.time.Duration;

/**
 * For child programs whose test is about what lwp4j records once it runs: waits until the lwp4j
 * agent, which finishes its start beside {@code main} (AgentRuntime), has finished it. The agent
 * sets {@code lwp4j.agent.starting} from the end of its premain until then, and {@code
 * lwp4j.agent.started} once it runs; without an agent, or with one that refused to start, this
 * returns at once. At the defaults the agent's record path waits for a first consumer ({@code
 * lwp4j.agent.waiting}), and this returns then: a test about records consumes them (a recording,
 * {@code summary=}, {@code dump=}), so the record path starts with the agent. Read from system properties: a child may run without the agent on its class path.
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
