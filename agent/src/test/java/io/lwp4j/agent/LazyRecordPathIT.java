package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.BusyWhileIdle;
import io.lwp4j.agent.it.LateRecording;
import io.lwp4j.agent.it.SessionWhenIdle;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At its defaults the agent counts from premain but starts its record path (liblwp4j, the
 * drain and JFR pipelines, the samplers) only for its first consumer (AgentRuntime): an idle
 * JVM has not loaded liblwp4j, and a recording started later by the application starts it,
 * and holds every call the application made since main, exactly, and the samplers' events.
 * Child JVMs with the built agent; the recording read back with {@link RecordingFile}.
 */
class LazyRecordPathIT {
    private static final Pattern CALLS = Pattern.compile("socket_writes=(\\d+) socket_reads=(\\d+)");

    @Test
    void aRecordingStartedLaterStartsTheRecordPathAndHoldsTheCallsMadeBeforeIt(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("late.jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()),
                LateRecording.class, jfr.toString()), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr(), "nothing on stderr at the defaults: " + r);
        assertTrue(r.stdout().contains("liblwp4j_before_recording=false"), "idle, liblwp4j is not loaded: " + r);
        assertTrue(r.stdout().contains("liblwp4j_after_recording=true"), "the recording loaded it: " + r);
        Matcher m = CALLS.matcher(r.stdout());
        assertTrue(m.find(), r.toString());

        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        assertEquals(Long.parseLong(m.group(1)), calls(events, "write"), "socket writes made before the recording");
        assertEquals(Long.parseLong(m.group(2)), calls(events, "read"), "socket reads made before the recording");
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("lwp4j.SyscallPathProbe")),
                "the samplers started with the record path");
    }

    @Test
    void theLibraryApiStartsTheRecordPathAndWaitsForIt() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()),
                SessionWhenIdle.class), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr(), "nothing on stderr at the defaults: " + r);
        assertEquals("liblwp4j_before=false\nsession=present\nstarted=\nliblwp4j_after=true\n", r.stdout(),
                "idle, then started by Lwp4j.session(), which returned once it had: " + r);
    }

    @Test
    void aJvmBusyWithIoGetsTheRecordClockWhileTheRecordPathWaits() throws Exception {
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()),
                BusyWhileIdle.class, Long.toString(AgentRuntime.BUSY_CALLS + AgentRuntime.BUSY_CALLS / 2)), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr(), "nothing on stderr at the defaults: " + r);
        assertEquals("liblwp4j_before=false\nliblwp4j_after_busy=true\nwaiting=true\nstarted=null\n", r.stdout(),
                "idle: no liblwp4j; busy: liblwp4j for the clock, the record path still waiting: " + r);
    }

    /** The calls of {@code operation} on sockets in the recording's lwp4j.SyscallSummary events. */
    private static long calls(List<RecordedEvent> events, String operation) {
        return events.stream().filter(e -> e.getEventType().getName().equals("lwp4j.SyscallSummary"))
                .filter(e -> e.getString("operation").equals(operation) && e.getString("kind").equals("socket"))
                .mapToLong(e -> e.getLong("calls")).sum();
    }
}
