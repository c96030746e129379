package io.lwp4j.agent;

import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.tracking.WriteTracker;
import java.time.Duration;
import java.util.Optional;

/**
 * What the running agent offers the application: compile against lwp4j-agent and call these
 * (the agent jar is on the system class path when it runs).
 *
 * <p>These two fields are the agent layer's only static state besides the boot loader's {@code
 * Hooks} and {@link AgentStart}: a {@code -javaagent} cannot hand the application an object, so
 * the agent leaves the ones it made here, once, at its start, for the application to ask for.
 *
 * <p>The agent finishes its start beside the application's {@code main}, and at the defaults
 * starts its record path only for its first consumer (docs/OPTIONS.md, "Memory budget"): a call
 * here is one, starts it if it waits, and waits for it, at most {@link #START_WAIT}.
 */
public final class Lwp4j {
    /** How long a call waits for an agent still starting (binding its native library takes about a second). */
    public static final Duration START_WAIT = Duration.ofSeconds(10);
    private static volatile SamplingSession session;
    private static volatile WriteTracker writeTracker;

    private Lwp4j() {}

    /**
     * The agent's sampling session: its buffer registry, the calling thread's buffer ({@code
     * session().get().threadBuffers().current()}, bound to carrier threads, for a raw poller on
     * the application's own records), its I/O counts and its drain pipeline. Empty when the
     * agent did not start in this JVM (it said why on standard error): an application that
     * polls its buffer without the agent opens a session of its own ({@link SamplingSession#open}).
     * Do not close it: it is the agent's. Set when the agent's start has finished; a call made
     * before that waits for it, at most {@link #START_WAIT}.
     */
    public static Optional<SamplingSession> session() {
        AgentStart.consumerAppeared();
        AgentStart.await(START_WAIT);
        return Optional.ofNullable(session);
    }

    /**
     * The process's write tracker, opened by the agent with {@code writetracking=auto|sync|async};
     * empty when write tracking is off or was refused here (the agent said why on standard
     * error), or still starting after {@link #START_WAIT}. Track page-aligned native memory with {@link WriteTracker#track}; the faults are
     * recorded into the writing threads' buffers and drained like every other record.
     */
    public static Optional<WriteTracker> writeTracker() {
        AgentStart.consumerAppeared();
        AgentStart.await(START_WAIT);
        return Optional.ofNullable(writeTracker);
    }

    /** Set once, by the agent's start. */
    static void setSession(SamplingSession started) {
        if (session != null) throw new IllegalStateException("the agent's session is set already");
        session = started;
    }

    static void setWriteTracker(WriteTracker tracker) {
        writeTracker = tracker;
    }
}
