package io.lwp4j.agent;

/**
 * {@code java -jar lwp4j-agent.jar help | jfc}: compiled for Java 8 like {@link Lwp4jAgent},
 * so an older JVM says what lwp4j needs ({@link RequiredJava}, exit code 1) instead of a
 * {@code LinkageError}; from 22 on, {@code AgentCommands} runs the command.
 */
public final class AgentLauncher {
    private AgentLauncher() {}

    public static void main(String[] args) throws Throwable {
        if (!RequiredJava.check()) System.exit(1);
        try {
            Class.forName("io.lwp4j.agent.AgentCommands").getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
