package io.lwp4j.agent;

import io.lwp4j.sampler.AgentStart;
import io.lwp4j.sampler.tracking.WriteTracker;
import java.time.Duration;
import java.util.Optional;

/**
 * What the running agent offers the application: compile against lwp4j-agent and call these
 * (the agent jar is on the system class path when it runs).
 *
 * <p>The agent finishes its start beside the application's {@code main} (docs/OPTIONS.md,
 * "Memory budget"): a call here made before that waits for it, at most {@link #START_WAIT}.
 */
public final class Lwp4j {
    /** How long a call waits for an agent still starting (binding its native library takes about a second). */
    public static final Duration START_WAIT = Duration.ofSeconds(10);
    private static volatile WriteTracker writeTracker;

    private Lwp4j() {}

    /**
     * The process's write tracker, opened by the agent with {@code writetracking=auto|sync|async};
     * empty when write tracking is off or was refused here (the agent said why on standard
     * error), or still starting after {@link #START_WAIT}. Track page-aligned native memory with {@link WriteTracker#track}; the faults are
     * recorded into the writing threads' buffers and drained like every other record.
     */
    public static Optional<WriteTracker> writeTracker() {
        AgentStart.await(START_WAIT);
        return Optional.ofNullable(writeTracker);
    }

    static void setWriteTracker(WriteTracker tracker) {
        writeTracker = tracker;
    }
}
