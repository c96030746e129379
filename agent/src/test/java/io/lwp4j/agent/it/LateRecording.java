package io.lwp4j.agent.it;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * A child program under the agent at its defaults whose I/O comes before anything consumes
 * lwp4j's record path: it makes {@code socket writes} writes and as many reads on a loopback
 * connection, waits for the agent to be idle ({@code lwp4j.agent.waiting}), says whether
 * liblwp4j is mapped ({@code /proc/self/maps}), then starts a recording of its own with
 * lwp4j.jfc's settings (args[0], the file), waits for the agent's record path ({@code
 * lwp4j.agent.started}) and for a syscall-path canary event in the recording, and stops it.
 * Standard output: {@code socket_writes=N socket_reads=N}, {@code liblwp4j_before_recording=...},
 * {@code liblwp4j_after_recording=...}.
 */
public final class LateRecording {
    private static final Duration AT_MOST = Duration.ofSeconds(60);
    private static final int WRITES = 40;

    private LateRecording() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int reads = 0;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            InputStream in = accepted.getInputStream();
            for (int i = 0; i < WRITES; i++) {
                out.write(i);
                in.read();   // the byte just written: one read per write
                reads++;
            }
        }
        System.out.println("socket_writes=" + WRITES + " socket_reads=" + reads);
        awaitProperty("lwp4j.agent.waiting", "the agent waiting for a consumer of its record path");
        System.out.println("liblwp4j_before_recording=" + liblwp4jMapped());
        Configuration lwp4j;
        try (Reader jfc = new InputStreamReader(ClassLoader.getSystemResourceAsStream("io/lwp4j/jfr/lwp4j.jfc"),
                StandardCharsets.UTF_8)) {
            lwp4j = Configuration.create(jfc);
        }
        try (Recording recording = new Recording(lwp4j)) {
            recording.setDestination(file);
            recording.start();
            awaitProperty("lwp4j.agent.started", "the agent's record path started by the recording");
            awaitCanaryEvent(recording, file.resolveSibling("snapshot.jfr"));
            recording.stop();
        }
        System.out.println("liblwp4j_after_recording=" + liblwp4jMapped());
    }

    private static void awaitProperty(String name, String what) throws InterruptedException {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (System.getProperty(name) == null) {
            if (System.nanoTime() - deadline > 0) throw new IllegalStateException("no " + what + " within " + AT_MOST);
            Thread.sleep(10);
        }
    }

    /** Until the recording holds a lwp4j.SyscallPathProbe (the samplers run and are drained into it). */
    private static void awaitCanaryEvent(Recording recording, Path snapshot) throws Exception {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (true) {
            recording.dump(snapshot);
            if (RecordingFile.readAllEvents(snapshot).stream()
                    .anyMatch(e -> e.getEventType().getName().equals("lwp4j.SyscallPathProbe"))) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no lwp4j.SyscallPathProbe in the recording within " + AT_MOST);
            }
            Thread.sleep(100);
        }
    }

    private static boolean liblwp4jMapped() throws Exception {
        return Files.readString(Path.of("/proc/self/maps")).contains("liblwp4j");
    }
}
