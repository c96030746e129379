package io.lwp4j.agent.it;

import io.lwp4j.agent.Lwp4j;

/**
 * Asks the agent for its write tracker as the first thing {@code main} does, while the agent's
 * start may still be running beside it, and prints whether it got one.
 */
public final class TrackerAtOnce {
    private TrackerAtOnce() {}

    public static void main(String[] args) {
        System.out.println("write tracker: " + (Lwp4j.writeTracker().isPresent() ? "present" : "absent"));
    }
}
