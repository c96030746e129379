package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.agent.it.AttachTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs for the agent's integration tests: the test's own JDK, the built agent jar. */
final class ChildJvm {
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    static final String TEST_CLASSES = Path.of(System.getProperty("user.dir"), "target", "test-classes").toString();
    static final Path NATIVE_TOOLS = Path.of(System.getProperty("user.dir")).resolveSibling("native")
            .resolve("target/tools");

    /** What a finished child printed. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ChildJvm() {}

    /** The agent jar the build made (failsafe passes its path). */
    static Path agentJar() {
        String p = System.getProperty("lwp4j.agent.jar");
        Path jar = Path.of(p == null ? "target/lwp4j-agent.jar" : p);
        assertTrue(Files.isRegularFile(jar), jar + " is built by mvn package before the integration tests");
        return jar;
    }

    /** {@code java [jvmArgs] -cp test-classes mainClass args}, prefixed by {@code launcher}. */
    static List<String> command(List<String> launcher, List<String> jvmArgs, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.add(JAVA);
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(TEST_CLASSES);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lwp4j-child", ".out");
        Path err = Files.createTempFile("lwp4j-child", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("child did not finish in " + timeoutSeconds + " s: " + command + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * Starts {@code command}, an {@link AttachTarget} child, with its standard error into {@code
     * stderr}; once it is ready, loads the built agent jar into it with {@code jcmd <pid>
     * JVMTI.agent_load <jar> "<options>"}, then lets it do its I/O and checks it ends with "done"
     * and exit code 0. Returns what jcmd printed.
     */
    static Result runWithAgentAttached(List<String> command, Path stderr, String options) throws Exception {
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            String jcmd = Path.of(JAVA).resolveSibling("jcmd").toString();
            Result attach = run(List.of(jcmd, Long.toString(child.pid()), "JVMTI.agent_load",
                    agentJar().toAbsolutePath().toString(), "\"" + options + "\""), 60);
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("go\n");
            }
            assertEquals("done", out.readLine());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            return attach;
        } finally {
            child.destroyForcibly();
        }
    }

    /** The lines of {@code text} that start with "lwp4j: warning: ". */
    static List<String> warnings(String text) {
        return text.lines().filter(l -> l.startsWith("lwp4j: warning: ")).toList();
    }
}
