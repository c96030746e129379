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
 * agent, called directly: the JVM loads a class named by an instruction only when that
 * instruction first runs (and must report any error in loading it there, JVMS 5.4), which on
 * an older JVM it never does, and the verifier has no reason to load it (the arguments are
 * passed as the very types the call declares). A reflective call instead would cost premain
 * milliseconds of method-handle spinning (issue 16). OldJdkIT runs this on JDK 17.
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
            AgentBootstrap.start(options, inst, attached);
        } catch (Throwable t) {
            // AgentBootstrap catches everything itself; this is a jar that lost it, or a heap too small to load it
            try {
                System.err.println("lwp4j: warning: the agent did not start (" + t + "); the application runs without it");
            } catch (Throwable alsoFailed) {
                // out of memory again, say: a throw from premain would abort the JVM
            }
        }
    }
}
