package io.lwp4j.cli.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Threads of one pool under one name: the last number of a thread's name (and what separates it)
 * becomes an ellipsis, so Jetty's {@code qtp1543237999-17} and {@code qtp1543237999-23} are both
 * {@code qtp1543237999-…}, {@code pool-2-thread-5} is {@code pool-2-thread-…}, and a name without
 * a number, such as {@code main}, is its own group.
 */
final class ThreadGroupName {
    private static final Pattern LAST_NUMBER = Pattern.compile("^(.*?\\D)?\\d+$");
    static final String ELLIPSIS = "…";

    private ThreadGroupName() {
    }

    static String of(String threadName) {
        if (threadName == null || threadName.isEmpty()) return "(unnamed)";
        Matcher m = LAST_NUMBER.matcher(threadName);
        if (!m.matches()) return threadName;
        String prefix = m.group(1);
        return prefix == null ? "(numbered)" + ELLIPSIS : prefix + ELLIPSIS;
    }
}
