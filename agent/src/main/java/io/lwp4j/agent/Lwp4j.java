package io.lwp4j.agent;

import io.lwp4j.sampler.tracking.WriteTracker;
import java.util.Optional;

/**
 * What the running agent offers the application: compile against lwp4j-agent and call these
 * (the agent jar is on the system class path when it runs).
 */
public final class Lwp4j {
    private static volatile WriteTracker writeTracker;

    private Lwp4j() {}

    /**
     * The process's write tracker, opened by the agent with {@code writetracking=auto|sync|async};
     * empty when write tracking is off or was refused here (the agent said why on standard
     * error). Track page-aligned native memory with {@link WriteTracker#track}; the faults are
     * recorded into the writing threads' buffers and drained like every other record.
     */
    public static Optional<WriteTracker> writeTracker() {
        return Optional.ofNullable(writeTracker);
    }

    static void setWriteTracker(WriteTracker tracker) {
        writeTracker = tracker;
    }
}
