package io.lwp4j.agent.it;

import io.lwp4j.agent.Lwp4j;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Under the agent at its defaults: waits for the agent to be idle ({@code lwp4j.agent.waiting},
 * its record path waiting for a consumer), then asks the library API for the agent's session,
 * which starts the record path and waits for it. Prints {@code liblwp4j_before=...}, {@code
 * session=present|absent}, {@code started=<lwp4j.agent.started>} and {@code liblwp4j_after=...}.
 */
public final class SessionWhenIdle {
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private SessionWhenIdle() {}

    public static void main(String[] args) throws Exception {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (System.getProperty("lwp4j.agent.waiting") == null) {
            if (System.nanoTime() - deadline > 0) throw new IllegalStateException("the agent was not idle within " + AT_MOST);
            Thread.sleep(10);
        }
        System.out.println("liblwp4j_before=" + liblwp4jMapped());
        System.out.println("session=" + (Lwp4j.session().isPresent() ? "present" : "absent"));
        System.out.println("started=" + System.getProperty("lwp4j.agent.started"));
        System.out.println("liblwp4j_after=" + liblwp4jMapped());
    }

    private static boolean liblwp4jMapped() throws Exception {
        return Files.readString(Path.of("/proc/self/maps")).contains("liblwp4j");
    }
}
