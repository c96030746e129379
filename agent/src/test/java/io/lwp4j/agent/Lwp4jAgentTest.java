package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.Instrumentation;
import org.junit.jupiter.api.Test;

class Lwp4jAgentTest {
    /**
     * The build marks the entry points varargs (agent/src/build/MarkEntryPointsVarargs.java), so
     * the JVM's reflective call of them takes the JDK's native accessor and spins no class in
     * the host (issue 16).
     */
    @Test
    void entryPointsAreMarkedVarargsSoTheJvmsReflectiveCallSpinsNoClass() throws ReflectiveOperationException {
        // by name: javac refuses to read a class whose varargs method ends in no array
        Class<?> agent = Class.forName("io.lwp4j.agent.Lwp4jAgent");
        for (String entryPoint : new String[] {"premain", "agentmain"}) {
            assertTrue(agent.getMethod(entryPoint, String.class, Instrumentation.class).isVarArgs(),
                    entryPoint + " is not marked varargs: the build step mark-entry-points-varargs did not run");
        }
    }
}
