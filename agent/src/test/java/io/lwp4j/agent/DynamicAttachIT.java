package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.AttachTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show: dynamic attach to a running JVM works. The agent is loaded with {@code jcmd <pid>
 * JVMTI.agent_load /path/lwp4j-agent.jar '"options"'} (jcmd would take an unquoted {@code
 * key=value} for an argument of its own) into a child started with
 * {@code -XX:+EnableDynamicAgentLoading} (so the JVM prints no warning about it); the child's
 * worker thread, running since before the attach, gets its counts and its buffer lazily at its
 * first call, and every call it makes after the attach is recorded ({@code syscalls=records}:
 * one record per call, in the dump).
 */
class DynamicAttachIT {

    @Test
    void attachToARunningJvmRecordsItsThreadsIo(@TempDir Path dir) throws Exception {
        int rounds = 20;
        Path dump = dir.resolve("dump.txt");
        Path jfr = dir.resolve("attached.jfr");
        String options = "dump=" + dump + ",summary=stderr,canary=off,syscalls=records,jfr=" + jfr;
        List<String> cmd = ChildJvm.command(List.of(), List.of("-XX:+EnableDynamicAgentLoading"),
                AttachTarget.class, Integer.toString(rounds));
        Path stderr = dir.resolve("stderr.txt");
        ChildJvm.Result attach = ChildJvm.runWithAgentAttached(cmd, stderr, options);
        assertEquals(0, attach.exitCode(), attach.toString());
        assertTrue(attach.stdout().contains("return code: 0"), attach.toString());
        String err = Files.readString(stderr);
        assertFalse(err.contains("WARNING"), "no JVM warning with -XX:+EnableDynamicAgentLoading:\n" + err);
        assertEquals(List.of(), ChildJvm.warnings(err));
        assertTrue(err.contains("lwp4j: syscall summary: "), err);
        List<String> worker = Files.readAllLines(dump).stream()
                .filter(l -> l.startsWith("syscall ") && l.contains(" owner=lwp4j-attach-worker ")).toList();
        assertEquals(2 * rounds, worker.stream().filter(l -> l.contains(" op=open kind=file ")).count(), err);
        assertEquals(rounds, worker.stream().filter(l -> l.contains(" op=write kind=file ") && l.contains(" result=512 ")).count());
        assertEquals(rounds, worker.stream().filter(l -> l.contains(" op=read kind=file ") && l.contains(" result=512 ")).count());

        // the options of an attached agent are in its recording (the JVM's own arguments do not have them)
        List<RecordedEvent> agentOptions = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.AgentOptions")).toList();
        assertFalse(agentOptions.isEmpty(), "lwp4j.AgentOptions in the recording");
        for (RecordedEvent e : agentOptions) {
            assertEquals(options, e.getString("options"));
            assertTrue(e.getBoolean("attached"), e.toString());
        }
    }
}
