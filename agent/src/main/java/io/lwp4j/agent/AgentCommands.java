package io.lwp4j.agent;

import io.lwp4j.jfr.Lwp4jSettings;
import java.io.InputStream;

/**
 * The commands of the agent jar, run by {@code AgentLauncher} on a JDK recent enough:
 * {@code java -jar lwp4j-agent.jar help} prints the agent's options with their defaults;
 * {@code java -jar lwp4j-agent.jar jfc} prints lwp4j.jfc, for {@code
 * -XX:StartFlightRecording:settings=default,settings=lwp4j.jfc}. To load the agent into a
 * running JVM: {@code ./lwp4j attach <pid>} (the CLI), or {@code jcmd <pid> JVMTI.agent_load
 * /path/lwp4j-agent.jar "options"}.
 */
public final class AgentCommands {
    private AgentCommands() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("help")) {
            System.out.print(AgentOptions.help());
        } else if (args.length == 1 && args[0].equals("jfc")) {
            try (InputStream in = Lwp4jSettings.class.getResourceAsStream(Lwp4jSettings.RESOURCE)) {
                in.transferTo(System.out);
            }
        } else {
            System.err.println("usage: java -jar lwp4j-agent.jar help | jfc   (attach: ./lwp4j attach <pid>, or jcmd "
                    + "<pid> JVMTI.agent_load /path/lwp4j-agent.jar \"options\")");
            System.exit(2);
        }
    }
}
