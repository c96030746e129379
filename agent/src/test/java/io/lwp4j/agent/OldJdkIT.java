package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.Soak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent jar on the machine's JDK 17, older than lwp4j needs: {@code -javaagent} leaves the
 * application running as without it, with one line saying why, and {@code java -jar
 * lwp4j-agent.jar help} says what it needs instead of failing to link.
 */
class OldJdkIT {
    static final Path JDK17_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    static final String REFUSAL_START = "lwp4j: warning: needs Java 22 or newer, this JVM is 17.";
    static final String REFUSAL_END = ": lwp4j is off, the application runs without it";

    static String java17() {
        assertTrue(Files.isExecutable(JDK17_JAVA), JDK17_JAVA + ": the machine's JDK 17 (Debian openjdk-17-jdk-headless)");
        return JDK17_JAVA.toString();
    }

    static void assertOneRefusal(ChildJvm.Result r) {
        List<String> lines = r.stderr().lines().filter(l -> l.contains("lwp4j")).toList();
        assertEquals(1, lines.size(), "exactly one lwp4j line: " + r);
        assertTrue(lines.get(0).startsWith(REFUSAL_START) && lines.get(0).endsWith(REFUSAL_END), lines.get(0));
    }

    @Test
    void javaVersionRunsAsWithoutTheAgent() throws Exception {
        String agent = "-javaagent:" + ChildJvm.agentJar().toAbsolutePath() + "=summary=stderr";
        ChildJvm.Result without = ChildJvm.run(List.of(java17(), "-version"), 60);
        ChildJvm.Result with = ChildJvm.run(List.of(java17(), agent, "-version"), 60);
        assertEquals(0, with.exitCode(), with.toString());
        assertOneRefusal(with);
        String rest = with.stderr().lines().filter(l -> !l.contains("lwp4j")).reduce("", (a, b) -> a + b + "\n");
        assertEquals(without.stderr(), rest, "-version prints what it prints without the agent");
        Soak.report("old-jdk-version", "jdk", "17", "exit_code", with.exitCode(), "lwp4j_lines", 1);
    }

    @Test
    void aProgramRunsWithItsOutputAndExitCode(@TempDir Path dir) throws Exception {
        Path program = dir.resolve("Small.java");
        Files.writeString(program, """
                import java.nio.file.*;
                public class Small {
                    public static void main(String[] args) throws Exception {
                        Path f = Files.createTempFile("lwp4j-old-jdk", ".txt");
                        Files.writeString(f, "lwp4j");
                        System.out.println("small program read " + Files.readString(f));
                        Files.delete(f);
                    }
                }
                """);
        String agent = "-javaagent:" + ChildJvm.agentJar().toAbsolutePath();
        ChildJvm.Result r = ChildJvm.run(List.of(java17(), agent, program.toString()), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("small program read lwp4j\n", r.stdout());
        assertOneRefusal(r);
        assertEquals(1, r.stderr().lines().count(), "nothing else on stderr: " + r);
        Soak.report("old-jdk-program", "jdk", "17", "exit_code", r.exitCode(), "stdout_kept", true);
    }

    @Test
    void helpSaysWhatItNeeds() throws Exception {
        ChildJvm.Result r = ChildJvm.run(List.of(java17(), "-jar", ChildJvm.agentJar().toString(), "help"), 60);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("", r.stdout());
        assertOneRefusal(r);
        assertFalse(r.stderr().contains("Error"), "no LinkageError: " + r);
    }
}
