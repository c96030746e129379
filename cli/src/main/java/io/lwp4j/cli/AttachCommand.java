package io.lwp4j.cli;

import io.lwp4j.cli.attach.AgentAttacher;
import io.lwp4j.cli.attach.AttachFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Loads the lwp4j agent into a running JVM by pid.",
                       "The JVM must run Java " + AgentAttacher.MIN_JAVA + "+ as the same user; the JDK attach API does the loading. Options are the agent's key=value settings (the agent's",
                       "'help' option lists them); several arguments are joined with commas.",
                       "The JVM prints a warning about a dynamically loaded agent unless it was started",
                       "with -XX:+EnableDynamicAgentLoading (JDK 21+, JEP 451)."})
final class AttachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM")
    long pid;

    @Parameters(index = "1..*", paramLabel = "OPTION", arity = "0..*", description = "agent options, e.g. jfr=/tmp/app.jfr")
    List<String> options = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "JAR",
            description = "the agent jar (default: " + Installation.AGENT_JAR + " beside this jar, else the checkout's agent/target)")
    Path agentJar;

    @Override
    public Integer call() throws CommandFailure {
        Path jar = agentJar != null ? agentJar : Installation.defaultAgentJar();
        String joined = String.join(",", options);
        AgentAttacher.Attached attached;
        try {
            attached = AgentAttacher.attach(pid, jar, joined);
        } catch (AttachFailure e) {
            throw new CommandFailure(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        if (attached.runningWith() != null) {
            out.printf("lwp4j is already running in JVM %d (%s, Java %s) with %s: this load%s was ignored%n", attached.pid(),
                    attached.command(), attached.javaVersion(), describe(attached.runningWith()),
                    joined.isEmpty() ? "" : " (options " + joined + ")");
            return 0;
        }
        out.printf("lwp4j agent loaded into JVM %d (%s, Java %s) with %s%n", attached.pid(), attached.command(),
                attached.javaVersion(), describe(joined));
        if (attached.warnedAboutDynamicLoading()) {
            out.println("note: that JVM printed a warning about a dynamically loaded agent; -XX:+EnableDynamicAgentLoading at its start silences it");
        }
        return 0;
    }

    private static String describe(String options) {
        return options.isEmpty() ? "default options" : "options " + options;
    }
}
