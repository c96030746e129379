package io.lwp4j.sampler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-line warnings to standard error, each said once per process: a feature turned off,
 * why, and how to turn it back on. lwp4j never throws into its host for these.
 */
public final class Warnings {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private Warnings() {}

    /** Prints {@code "lwp4j: warning: " + message} the first time {@code key} is seen. */
    public static boolean warnOnce(String key, String message) {
        if (!SAID.add(key)) return false;
        System.err.println("lwp4j: warning: " + message);
        return true;
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
