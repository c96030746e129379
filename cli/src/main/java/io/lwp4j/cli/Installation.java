package io.lwp4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where this CLI runs from: the directory of {@code lwp4j-cli.jar} (or of the classes), and the
 * lwp4j source checkout around it when there is one ({@code <checkout>/cli/target/lwp4j-cli.jar}).
 */
final class Installation {
    /** The agent jar's file name, as the agent module builds it. */
    static final String AGENT_JAR = "lwp4j-agent.jar";

    private Installation() {
    }

    /** The directory holding the CLI's jar, or its classes directory (both {@code cli/target} in a build). */
    static Path codeDirectory() {
        try {
            Path code = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** The lwp4j checkout, the first holding {@code bench/run-benchmarks.sh} of: the one the CLI was built in, the working directory. */
    static Optional<Path> checkout() {
        Path cliModule = codeDirectory().getParent();
        Path fromCode = cliModule == null ? null : cliModule.getParent();
        for (Path candidate : new Path[] {fromCode, Path.of("").toAbsolutePath()}) {
            if (candidate != null && Files.isRegularFile(candidate.resolve("bench/run-benchmarks.sh"))) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The agent jar beside the CLI's jar, else in the checkout's {@code agent/target}, else where it would be built. */
    static Path defaultAgentJar() {
        Path beside = codeDirectory().resolve(AGENT_JAR);
        if (Files.isRegularFile(beside)) return beside;
        return checkout().map(c -> c.resolve("agent/target").resolve(AGENT_JAR)).orElse(beside);
    }

    /** The java launcher of the running JVM. */
    static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
