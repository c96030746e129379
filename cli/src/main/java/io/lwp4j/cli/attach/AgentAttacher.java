package io.lwp4j.cli.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Loads an agent jar into a running JVM with the JDK attach API, after checks that turn the
 * attach API's vague failures into causes: no such process, another user's process, a process
 * that is not a JVM, a JVM started with {@code -XX:+DisableAttachMechanism}, a JVM too old.
 */
public final class AgentAttacher {
    /**
     * The system property the lwp4j agent sets in its host once started, to the options it
     * started with (io.lwp4j.agent.AgentRuntime#STARTED_PROPERTY): read before and after a load,
     * it says what the target did with it.
     */
    public static final String STARTED_PROPERTY = "lwp4j.agent.started";
    /**
     * Set by the agent from the end of its agentmain until its start, which it finishes on a
     * thread of its own, has finished or failed (io.lwp4j.agent.AgentRuntime#STARTING_PROPERTY).
     */
    public static final String STARTING_PROPERTY = "lwp4j.agent.starting";
    /**
     * Set by the agent while it counts and its record path waits for a first consumer (a
     * recording, JMX, its API: io.lwp4j.agent.AgentRuntime#WAITING_PROPERTY): started, as far as
     * a load is concerned.
     */
    public static final String WAITING_PROPERTY = "lwp4j.agent.waiting";
    /** How long a load waits for the agent to finish its start (binding its native library takes about a second). */
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration START_POLL = Duration.ofMillis(50);
    /** The oldest Java the lwp4j agent runs on (the final FFM API). */
    public static final int MIN_JAVA = 22;
    static final String DISABLE_ATTACH = "-XX:+DisableAttachMechanism";
    private static final int SIGQUIT = 3;
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private AgentAttacher() {
    }

    /**
     * What happened, for the user.
     *
     * @param runningWith the options of the lwp4j agent already running in the target (this load
     *     was ignored), or null when this load started it
     */
    public record Attached(long pid, String command, String javaVersion, boolean warnedAboutDynamicLoading,
                           String runningWith) {
    }

    public static Attached attach(long pid, Path agentJar, String options) throws AttachFailure {
        if (pid == ProcessHandle.current().pid()) throw new AttachFailure("pid " + pid + " is this lwp4j process itself");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AttachFailure("no process with pid " + pid));
        Path proc = Path.of("/proc", Long.toString(pid));
        String command = commandOf(process, proc);
        checkSameUser(pid, command, proc);
        checkIsJvm(pid, command, proc);
        checkAttachAllowed(pid, command, proc);
        if (!Files.isRegularFile(agentJar)) {
            throw new AttachFailure("agent jar " + agentJar + " not found: build it (mvn -pl agent -am package) or pass --agent");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException e) {
            throw new AttachFailure("JVM " + pid + " (" + command + ") did not accept the attach request: it may forbid attach"
                    + " (" + DISABLE_ATTACH + " in a flags file), be busy or hung, or run in another container (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new AttachFailure("cannot attach to JVM " + pid + " (" + command + "): " + e.getMessage());
        }
        try {
            Properties system = vm.getSystemProperties();
            String version = system.getProperty("java.specification.version", "?");
            if (feature(version) < MIN_JAVA) {
                throw new AttachFailure("JVM " + pid + " (" + command + ") runs Java " + version + ": the lwp4j agent needs Java "
                        + MIN_JAVA + " or newer");
            }
            String jvmArgs = vm.getAgentProperties().getProperty("sun.jvm.args", "");
            boolean warned = feature(version) >= 21 && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading");
            String runningWith = system.getProperty(STARTED_PROPERTY,
                    system.getProperty(STARTING_PROPERTY, system.getProperty(WAITING_PROPERTY)));
            vm.loadAgent(agentJar.toAbsolutePath().toString(), options);
            if (runningWith == null && !startFinished(vm)) {
                throw new AttachFailure("the agent was loaded into JVM " + pid + " (" + command + ") but did not start: "
                        + "its reason is on that JVM's stderr (lwp4j: warning: ...)");
            }
            return new Attached(pid, command, version, warned, runningWith);
        } catch (AgentLoadException e) {
            throw new AttachFailure("JVM " + pid + " could not load " + agentJar + " as an agent: " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw new AttachFailure("the agent's agentmain failed in JVM " + pid + " (return value " + e.returnValue()
                    + "): its output is on that JVM's stderr");
        } catch (IOException e) {
            throw new AttachFailure("lost JVM " + pid + " while loading the agent: " + e.getMessage());
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target may already be gone; nothing is left to release on this side
            }
        }
    }

    /**
     * True once the agent just loaded has finished its start (or counts, its record path waiting
     * for a consumer); false when it refused to start
     * or failed, or is still starting after {@link #START_WAIT}.
     */
    private static boolean startFinished(VirtualMachine vm) throws IOException {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            Properties p = vm.getSystemProperties();
            if (p.getProperty(STARTED_PROPERTY) != null || p.getProperty(WAITING_PROPERTY) != null) return true;
            if (p.getProperty(STARTING_PROPERTY) == null || System.nanoTime() - deadline > 0) return false;
            try {
                Thread.sleep(START_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static String commandOf(ProcessHandle process, Path proc) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString())
                .or(() -> readQuietly(proc.resolve("comm")).map(String::strip))
                .orElse("unknown command");
    }

    private static void checkSameUser(long pid, String command, Path proc) throws AttachFailure {
        try {
            int theirs = (Integer) Files.getAttribute(proc, "unix:uid");
            int ours = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (theirs == ours || ours == 0) return;
            UserPrincipal owner = Files.getOwner(proc);
            String us = System.getProperty("user.name");
            throw new AttachFailure("process " + pid + " (" + command + ") belongs to user " + owner.getName() + " (uid " + theirs
                    + ") and lwp4j runs as " + us + " (uid " + ours + "): the JDK attach API only reaches JVMs of the same user;"
                    + " run it as that user, e.g. sudo -u " + owner.getName() + " ./lwp4j attach " + pid);
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc or no unix attributes: leave the check to the attach API
        }
    }

    /**
     * By its mappings (libjvm.so) where they are readable, and by its signal handlers: a HotSpot
     * JVM catches SIGQUIT unless started with -Xrs, and the attach handshake needs it to.
     */
    private static void checkIsJvm(long pid, String command, Path proc) throws AttachFailure {
        var maps = readQuietly(proc.resolve("maps"));
        if (maps.isPresent() && !maps.get().contains("/libjvm.so")) {
            throw new AttachFailure("process " + pid + " (" + command + ") is not a Java VM (no libjvm.so among its mappings)");
        }
        var caught = readQuietly(proc.resolve("status")).flatMap(status -> status.lines()
                .filter(l -> l.startsWith("SigCgt:")).findFirst()).map(l -> new java.math.BigInteger(l.substring(7).strip(), 16));
        if (caught.isPresent() && !caught.get().testBit(SIGQUIT - 1)) {
            throw new AttachFailure(maps.isPresent()
                    ? "JVM " + pid + " (" + command + ") runs with -Xrs (it leaves SIGQUIT alone), so it cannot be attached to:"
                      + " restart it with -javaagent:lwp4j-agent.jar[=options] instead"
                    : "process " + pid + " (" + command + ") does not handle SIGQUIT: it is not a Java VM, or one started with -Xrs,"
                      + " which cannot be attached to");
        }
    }

    private static void checkAttachAllowed(long pid, String command, Path proc) throws AttachFailure {
        var arguments = readQuietly(proc.resolve("cmdline")).map(s -> List.of(s.split("\0"))).orElse(List.of());
        boolean forbidden = arguments.contains(DISABLE_ATTACH);
        String where = "its command line";
        var environment = readQuietly(proc.resolve("environ")).map(s -> List.of(s.split("\0"))).orElse(List.of());
        for (String variable : environment) {
            for (String name : OPTION_VARIABLES) {
                if (variable.startsWith(name + "=") && variable.contains(DISABLE_ATTACH)) {
                    forbidden = true;
                    where = name;
                }
            }
        }
        if (forbidden) {
            throw new AttachFailure("JVM " + pid + " (" + command + ") forbids attach (" + DISABLE_ATTACH + " in " + where
                    + "): restart it with -javaagent:lwp4j-agent.jar[=options] instead");
        }
    }

    private static java.util.Optional<String> readQuietly(Path file) {
        try {
            return java.util.Optional.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** 17 for "17", 8 for "1.8". */
    static int feature(String specificationVersion) {
        try {
            String[] parts = specificationVersion.split("\\.");
            return Integer.parseInt(parts[0].equals("1") && parts.length > 1 ? parts[1] : parts[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
