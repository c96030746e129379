package io.lwp4j.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry points: {@code premain} ({@code -javaagent:lwp4j-agent.jar[=options]})
 * and {@code agentmain} (dynamic attach: {@code ./lwp4j attach <pid>}, or {@code jcmd <pid>
 * JVMTI.agent_load /path/lwp4j-agent.jar "options"}).
 *
 * <p>Compiled for Java 8 ({@code src/main/java8}), so the JVM can load it whatever its
 * version: below 22 it prints one line ({@link RequiredJava}) and returns, and the application
 * runs as without lwp4j. From 22 on, {@code AgentBootstrap} (compiled for 22) starts the
 * agent; it is named here only as a string, so nothing of 22 loads before the check.
 */
public final class Lwp4jAgent {
    private Lwp4jAgent() {}

    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    private static void start(String options, Instrumentation inst, boolean attached) {
        if (!RequiredJava.check()) return;
        try {
            Class.forName("io.lwp4j.agent.AgentBootstrap")
                    .getMethod("start", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, options, inst, attached);
        } catch (Throwable t) {
            // AgentBootstrap catches everything itself; this is a jar that lost it
            System.err.println("lwp4j: warning: the agent did not start (" + t + "); the application runs without it");
        }
    }
}
