package io.lwp4j.cli.report;

import java.util.List;

/**
 * Where the application's own code starts in the stack of an I/O call: past lwp4j's frames
 * (the advice that recorded the call, relocated libraries) and the JDK's (the I/O classes it
 * went through), the first frame left is the application's, the one a user recognises.
 */
final class StackFold {
    private static final List<String> NOT_APPLICATION = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "io.lwp4j.agent.", "io.lwp4j.sampler.", "io.lwp4j.jfr.", "io.lwp4j.shaded.");

    private StackFold() {
    }

    /** Index of the first application frame of {@code frames} (innermost first), -1 if none. */
    static int firstApplicationFrame(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (isApplication(frames.get(i))) return i;
        }
        return -1;
    }

    static boolean isApplication(String frame) {
        for (String prefix : NOT_APPLICATION) {
            if (frame.startsWith(prefix)) return false;
        }
        return true;
    }
}
