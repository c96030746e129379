package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.jfr.events.SyscallEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event committed after the fact spans the time it describes when lwp4j can read JFR's
 * clock (this JVM: {@code --add-exports jdk.jfr/jdk.jfr.internal}, as the agent grants it),
 * and is an instant with its length in a field of its own when it cannot (a child JVM without
 * the export).
 */
class EventSpanTest {

    @Test
    void anEventCommittedAfterItsCallSpansTheCall(@TempDir Path dir) throws Exception {
        assertNull(EventSpan.unavailableBecause());
        Path file = dir.resolve("span.jfr");
        long callNanos = 50_000_000;
        Instant before;
        Instant committed;
        try (Recording r = new Recording()) {
            r.enable(SyscallEvent.class).with("callThreshold", "0 ns");
            r.setDestination(file);
            r.start();
            before = Instant.now();
            Thread.sleep(callNanos / 1_000_000);   // "the call"
            SyscallEvent e = new SyscallEvent();
            assertTrue(EventSpan.spanLast(e, callNanos));
            e.callTime = callNanos;
            e.operation = "read";
            e.commit();
            committed = Instant.now();
            r.stop();
        }
        RecordedEvent e = RecordingFile.readAllEvents(file).stream()
                .filter(x -> x.getEventType().getName().equals("lwp4j.Syscall")).findFirst().orElseThrow();
        assertEquals(Duration.ofNanos(callNanos), e.getDuration(), "the duration is the call's");
        assertFalse(e.getStartTime().isBefore(before.minusMillis(5)), "started when the call did: " + e.getStartTime());
        assertFalse(e.getEndTime().isAfter(committed.plusMillis(5)), "ended before the commit: " + e.getEndTime());
        assertEquals(Thread.currentThread().getName(), e.getThread().getJavaName());
    }

    /** Run in a child JVM without the export. */
    public static final class WithoutJfrClock {
        public static void main(String[] args) throws Exception {
            try (Recording r = new Recording()) {
                r.enable(SyscallEvent.class).with("callThreshold", "0 ns");
                r.setDestination(Path.of(args[0]));
                r.start();
                SyscallEvent e = new SyscallEvent();
                System.out.println("spans=" + EventSpan.spanLast(e, 50_000_000));
                System.out.println("because=" + EventSpan.unavailableBecause());
                e.callTime = 50_000_000;
                e.commit();
                r.stop();
            }
        }
    }

    @Test
    void withoutJfrsClockTheEventIsAnInstantWithItsCallTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("instant.jfr");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), WithoutJfrClock.class.getName(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child ended");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("spans=false"), out);
        assertTrue(out.contains("because=JFR's clock is not reachable"), out);
        RecordedEvent e = RecordingFile.readAllEvents(file).stream()
                .filter(x -> x.getEventType().getName().equals("lwp4j.Syscall")).findFirst().orElseThrow();
        assertEquals(Duration.ZERO, e.getDuration());
        assertEquals(Duration.ofMillis(50), e.getDuration("callTime"));
    }
}
