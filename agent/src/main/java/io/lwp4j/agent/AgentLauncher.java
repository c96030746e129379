package io.lwp4j.agent;

import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.net.URISyntaxException;

/**
 * {@code java -jar lwp4j-agent.jar help} prints the options; {@code java -jar lwp4j-agent.jar
 * attach <pid> [options]} loads the agent into a running JVM (same as {@code jcmd <pid>
 * JVMTI.agent_load /path/lwp4j-agent.jar "options"}). Since JDK 21 a JVM prints a warning
 * when an agent is loaded into it dynamically unless it was started with {@code
 * -XX:+EnableDynamicAgentLoading}; the agent's output goes to the target's stderr.
 */
public final class AgentLauncher {
    private AgentLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("attach")) {
            String options = args.length > 2 ? args[2] : "";
            VirtualMachine vm = VirtualMachine.attach(args[1]);
            try {
                vm.loadAgent(agentJar(), options);
            } finally {
                vm.detach();
            }
            System.out.println("lwp4j: agent loaded into " + args[1] + (options.isEmpty() ? "" : " with " + options));
        } else if (args.length == 1 && args[0].equals("help")) {
            System.out.print(AgentOptions.help());
        } else {
            System.err.println("usage: java -jar lwp4j-agent.jar help | attach <pid> [key=value,...]");
            System.exit(2);
        }
    }

    private static String agentJar() throws URISyntaxException {
        return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    }
}
