package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.SlowCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must show: a slow call's {@code lwp4j.Syscall} is explained like the JDK's own {@code
 * jdk.SocketRead}: committed by the calling thread (its event thread, its stack), spanning the
 * call, naming the peer or the file; a waiting read says how long it waited. Child JVMs with
 * the built agent writing its own recording, read back with {@link RecordingFile}.
 */
class SlowCallEventIT {

    @Test
    void aSixtyMillisecondSocketReadIsAnEventOfItsThreadWithItsStackAndPeer(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("read.jfr");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=jfr=" + jfr), SlowCalls.class, "read"), 120);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(), ChildJvm.warnings(r.stderr()), r.toString());
        String peer = r.stdout().lines().filter(l -> l.startsWith("peer=")).findFirst().orElseThrow().substring(5);
        List<RecordedEvent> syscalls = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.Syscall")).toList();

        for (String thread : List.of("lwp4j-slow-reader", "lwp4j-slow-virtual")) {
            RecordedEvent read = syscalls.stream().filter(e -> e.getString("operation").equals("read")
                    && e.getThread() != null && thread.equals(e.getThread().getJavaName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no read event of " + thread + " in " + syscalls));
            assertEquals("socket", read.getString("kind"));
            assertEquals(thread.endsWith("virtual"), read.getBoolean("virtualThread"), read.toString());
            assertEquals(thread.endsWith("virtual"), read.getThread().isVirtual(), read.toString());
            assertEquals(peer, read.getString("peerAddress"), read.toString());
            assertTrue(read.getString("localAddress").startsWith("127.0.0.1:"), read.toString());
            assertEquals(1, read.getLong("bytes"));
            assertTrue(read.getInt("fd") > 2, read.toString());
            Duration waited = read.getDuration("waitTime");
            assertTrue(waited.toMillis() >= SlowCalls.PEER_DELAY_MS - 15, "it waited for the peer: " + read);
            assertTrue(read.getDuration().compareTo(waited) >= 0, "the event spans the call: " + read);
            assertEquals(read.getDuration("callTime").toNanos(), read.getDuration().toNanos(),
                    read.getDuration().toNanos() / 100.0 + 200_000, "start time and duration are the call's: " + read);
            List<String> frames = read.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                    .map(m -> m.getType().getName() + "." + m.getName()).toList();
            assertTrue(frames.contains(SlowCalls.class.getName() + ".readSlowly"), "the caller's stack: " + frames);
        }
        assertTrue(syscalls.stream().allMatch(e -> e.getDuration("callTime").toMillis() >= 20),
                "only calls of 20 ms or more (the default threshold) are events: " + syscalls);
    }

    @Test
    void aSlowForceIsAnEventHoldingTheFilesPath(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("force.jfr");
        // the threshold at 0: how fast the disk forces does not decide whether the event is made
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(), List.of("-javaagent:" + ChildJvm.agentJar()
                + "=jfr=" + jfr + ",jfrthreshold=0ms"), SlowCalls.class, "force", dir.toString()), 120);
        assertEquals(0, r.exitCode(), r.toString());
        String path = r.stdout().lines().filter(l -> l.startsWith("path=")).findFirst().orElseThrow().substring(5);
        RecordedEvent force = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.Syscall") && e.getString("operation").equals("force"))
                .findFirst().orElseThrow(() -> new AssertionError("no force event"));
        assertEquals("file", force.getString("kind"));
        assertEquals(path, force.getString("path"));
        assertEquals("main", force.getThread().getJavaName());
        assertTrue(force.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getName().equals("forceToDisk")), force.toString());
        assertNull(force.getString("peerAddress"));
    }
}
