package io.lwp4j.agent;

/**
 * Whether this JVM can run lwp4j (Java 22: the final FFM API), asked before any class compiled
 * for 22 is loaded. Compiled for Java 8 with the entry points, like them: on an older JVM a
 * class of a newer version would not load ({@code UnsupportedClassVersionError}), and the JVM
 * aborts when a {@code -javaagent} fails to load, so the entry points say so in one line and
 * return instead, leaving the application to run without lwp4j.
 */
final class RequiredJava {
    static final int FEATURE = 22;

    private RequiredJava() {}

    /** True on Java 22 or newer; otherwise prints the one line that says lwp4j is off, and false. */
    static boolean check() {
        if (feature(System.getProperty("java.specification.version")) >= FEATURE) return true;
        System.err.println(refusal());
        return false;
    }

    static String refusal() {
        return "lwp4j: warning: needs Java " + FEATURE + " or newer, this JVM is " + System.getProperty("java.version")
                + ": lwp4j is off, the application runs without it";
    }

    /** "1.8" is 8, "17" is 17; unreadable is 0 (too old to run lwp4j). */
    static int feature(String specificationVersion) {
        if (specificationVersion == null) return 0;
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        try {
            return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
