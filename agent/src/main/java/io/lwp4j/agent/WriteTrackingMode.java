package io.lwp4j.agent;

import java.util.Locale;

/** {@code writetracking=}: the mode of the process's write tracker. */
public enum WriteTrackingMode {
    OFF,
    /** Async where the kernel has it, else sync. */
    AUTO,
    SYNC,
    ASYNC;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
