package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.AttachTarget;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show: dynamic attach to a running JVM works. The agent is loaded with {@code java -jar
 * lwp4j-agent.jar attach <pid> options} into a child started with
 * {@code -XX:+EnableDynamicAgentLoading} (so the JVM prints no warning about it); the child's
 * worker thread, running since before the attach, gets its buffer lazily at its first call,
 * and every call it makes after the attach is recorded.
 */
class DynamicAttachIT {

    @Test
    void attachToARunningJvmRecordsItsThreadsIo(@TempDir Path dir) throws Exception {
        int rounds = 20;
        Path dump = dir.resolve("dump.txt");
        List<String> cmd = ChildJvm.command(List.of(), List.of("-XX:+EnableDynamicAgentLoading"),
                AttachTarget.class, Integer.toString(rounds));
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            ChildJvm.Result attach = ChildJvm.run(List.of(ChildJvm.JAVA, "-jar", ChildJvm.agentJar().toString(),
                    "attach", Long.toString(child.pid()), "dump=" + dump + ",summary=stderr,canary=off"), 60);
            assertEquals(0, attach.exitCode(), attach.toString());
            assertTrue(attach.stdout().contains("agent loaded into " + child.pid()), attach.toString());
            try (Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write("go\n");
            }
            assertEquals("done", out.readLine());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
        String err = Files.readString(stderr);
        assertFalse(err.contains("WARNING"), "no JVM warning with -XX:+EnableDynamicAgentLoading:\n" + err);
        assertEquals(List.of(), ChildJvm.warnings(err));
        assertTrue(err.contains("lwp4j: syscall summary: "), err);
        List<String> worker = Files.readAllLines(dump).stream()
                .filter(l -> l.startsWith("syscall ") && l.contains(" owner=lwp4j-attach-worker ")).toList();
        assertEquals(2 * rounds, worker.stream().filter(l -> l.contains(" op=open kind=file ")).count(), err);
        assertEquals(rounds, worker.stream().filter(l -> l.contains(" op=write kind=file ") && l.contains(" result=512 ")).count());
        assertEquals(rounds, worker.stream().filter(l -> l.contains(" op=read kind=file ") && l.contains(" result=512 ")).count());
    }
}
