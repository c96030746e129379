package io.lwp4j.sampler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One-line warnings to standard error, each said once per process: a feature turned off,
 * why, and how to turn it back on. lwp4j never throws into its host for these.
 */
public final class Warnings {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
    /** The messages said, in order, for the recording (lwp4j.Warning). */
    private static final List<String> MESSAGES = new CopyOnWriteArrayList<>();

    private Warnings() {}

    /** Prints {@code "lwp4j: warning: " + message} the first time {@code key} is seen. */
    public static boolean warnOnce(String key, String message) {
        if (!SAID.add(key)) return false;
        MESSAGES.add(message);
        System.err.println("lwp4j: warning: " + message);
        return true;
    }

    /** Every message said so far, in the order said. */
    public static List<String> said() {
        return List.copyOf(MESSAGES);
    }

    /**
     * Prints a whole line made in advance, for paths that must work on an exhausted heap (where
     * building a message throws {@link OutOfMemoryError}); never throws.
     */
    public static void sayPreallocated(String line) {
        try {
            System.err.println(line);
        } catch (Throwable ignored) {
            // nowhere left to say it
        }
    }
}
