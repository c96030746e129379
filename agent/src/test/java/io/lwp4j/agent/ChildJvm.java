package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

    /** The lines of {@code text} that start with "lwp4j: warning: ". */
    static List<String> warnings(String text) {
        return text.lines().filter(l -> l.startsWith("lwp4j: warning: ")).toList();
    }
}
