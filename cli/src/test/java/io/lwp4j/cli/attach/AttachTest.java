package io.lwp4j.cli.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lwp4j.cli.CliRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lwp4j attach} against real child processes: it loads an agent with its options, and
 * every refusal is one line naming the cause (exit code 1), without waiting for the attach
 * API's 10 s timeout.
 */
class AttachTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @TempDir
    static Path dir;
    static Path agentJar;
    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void buildAgentJar() throws Exception {
        agentJar = dir.resolve("marker-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", MarkerAgent.class.getName());
        String entry = MarkerAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(agentJar); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            try (var in = MarkerAgent.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jar);
            }
        }
    }

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void loadsTheAgentWithItsOptions() throws Exception {
        Path marker = dir.resolve("marker-options");
        Process jvm = jvm(JAVA, Map.of(), "-Dlwp4j.test.agentMarker=" + marker);
        CliRun run = CliRun.of("attach", Long.toString(jvm.pid()), "--agent", agentJar.toString(), "jfr=/tmp/app.jfr", "buffer=64");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("lwp4j agent loaded into JVM " + jvm.pid() + " (java, Java "), run.out());
        assertTrue(run.out().contains("with options jfr=/tmp/app.jfr,buffer=64"), run.out());
        assertTrue(run.out().contains("-XX:+EnableDynamicAgentLoading"), "says how to silence the JDK's warning: " + run.out());
        assertEquals("jfr=/tmp/app.jfr,buffer=64", Files.readString(marker));
    }

    /** Found by a user: a second attach said "loaded ... with default options" while the target ignored it. */
    @Test
    void saysWhenTheAgentWasAlreadyRunning() throws Exception {
        Path marker = dir.resolve("marker-twice");
        Process jvm = jvm(JAVA, Map.of(), "-XX:+EnableDynamicAgentLoading", "-Dlwp4j.test.agentMarker=" + marker);
        CliRun first = CliRun.of("attach", Long.toString(jvm.pid()), "--agent", agentJar.toString(), "summary=stderr");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("with options summary=stderr"), first.out());
        CliRun second = CliRun.of("attach", Long.toString(jvm.pid()), "--agent", agentJar.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().startsWith("lwp4j is already running in JVM " + jvm.pid() + " (java, Java "), second.out());
        assertTrue(second.out().contains("with options summary=stderr: this load was ignored"), second.out());
        assertEquals("summary=stderr", Files.readString(marker), "the second load started nothing");
    }

    @Test
    void agentThatFailsToStart() throws Exception {
        Process jvm = jvm(JAVA, Map.of(), "-XX:+EnableDynamicAgentLoading");
        assertOneLineError(CliRun.of("attach", Long.toString(jvm.pid()), "--agent", agentJar.toString(), "fail"),
                "the agent's agentmain failed in JVM " + jvm.pid());
    }

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertAttachRefused(gone.pid(), "no process with pid " + gone.pid());
    }

    @Test
    void processThatIsNotAJvm() throws Exception {
        Process sleep = started(new ProcessBuilder("sleep", "60").start());
        assertAttachRefused(sleep.pid(), "process " + sleep.pid() + " (sleep) is not a Java VM");
    }

    @Test
    void jvmThatForbidsAttachOnItsCommandLine() throws Exception {
        Process jvm = jvm(JAVA, Map.of(), "-XX:+DisableAttachMechanism");
        assertAttachRefused(jvm.pid(),
                "JVM " + jvm.pid() + " (java) forbids attach (-XX:+DisableAttachMechanism in its command line)");
    }

    @Test
    void jvmThatForbidsAttachThroughJavaToolOptions() throws Exception {
        Process jvm = jvm(JAVA, Map.of("JAVA_TOOL_OPTIONS", "-XX:+DisableAttachMechanism"));
        assertAttachRefused(jvm.pid(), "forbids attach (-XX:+DisableAttachMechanism in JAVA_TOOL_OPTIONS)");
    }

    @Test
    void jvmWithReducedSignals() throws Exception {
        Process jvm = jvm(JAVA, Map.of(), "-Xrs");
        assertAttachRefused(jvm.pid(),
                "JVM " + jvm.pid() + " (java) runs with -Xrs (it leaves SIGQUIT alone), so it cannot be attached to");
    }

    @Test
    void jvmTooOldForTheAgent() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK_17), "no JDK 17 at " + JDK_17 + " to run an old JVM with");
        Path source = Files.writeString(dir.resolve("Wait.java"),
                "class Wait { public static void main(String[] a) throws Exception { System.out.println(\"ready\"); Thread.sleep(120000); } }");
        Process jvm = started(new ProcessBuilder(JDK_17.toString(), source.toString()).start());
        awaitReady(jvm);
        assertAttachRefused(jvm.pid(), "JVM " + jvm.pid() + " (java) runs Java 17: the lwp4j agent needs Java 22 or newer");
    }

    @Test
    void missingAgentJar() throws Exception {
        Process jvm = jvm(JAVA, Map.of());
        assertOneLineError(CliRun.of("attach", Long.toString(jvm.pid()), "--agent", dir.resolve("nowhere.jar").toString()),
                "agent jar " + dir.resolve("nowhere.jar") + " not found");
    }

    /**
     * As root, the CLI runs as user nobody (setpriv) against a JVM of root's; as anyone else, it
     * is pointed at pid 1, which belongs to root.
     */
    @Test
    void processOfAnotherUser() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            assertOneLineError(CliRun.of("attach", "1", "--agent", agentJar.toString()), "belongs to user root (uid 0)");
            return;
        }
        Process target = jvm(JAVA, Map.of());
        Path shared = Files.createDirectories(dir.resolve("nobody"));
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                classpath.add(entry);
            } else if (Files.isRegularFile(p)) {
                classpath.add(Files.copy(p, shared.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING).toString());
            }
        }
        for (Path p : List.of(dir, shared)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.list(shared)) {
            for (Path p : files.toList()) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        ProcessBuilder asNobody = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                JAVA.toString(), "-cp", String.join(java.io.File.pathSeparator, classpath), "io.lwp4j.cli.Main",
                "attach", Long.toString(target.pid()), "--agent", agentJar.toString());
        asNobody.environment().put("HOME", "/tmp");
        Process cli;
        try {
            cli = asNobody.start();
        } catch (java.io.IOException e) {
            fail("setpriv (util-linux) is needed to run the CLI as another user: " + e.getMessage());
            return;
        }
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
        assertOneLineError(new CliRun(cli.exitValue(), out, err),
                "process " + target.pid() + " (java) belongs to user root (uid 0) and lwp4j runs as nobody (uid 65534)");
    }

    /** {@code attach PID --agent <the built agent>} refused with one line holding {@code expected}. */
    private static void assertAttachRefused(long pid, String expected) {
        assertOneLineError(CliRun.of("attach", Long.toString(pid), "--agent", agentJar.toString()), expected);
    }

    private static void assertOneLineError(CliRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("lwp4j attach: "), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }

    /** A child JVM running {@link Sleeper}, once it said it is ready. */
    private Process jvm(Path java, Map<String, String> environment, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Sleeper.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return awaitReady(started(builder.start()));
    }

    private Process started(Process process) {
        started.add(process);
        return process;
    }

    private static Process awaitReady(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals("ready")) return process;
        }
        throw new AssertionError("child exited before it was ready: " + new String(process.getErrorStream().readAllBytes()));
    }
}
