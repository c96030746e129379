package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The child JVM of {@link HandlerFailureTest#jvmExitsWhileThreadsAreBlockedOnFaults}: a sync
 * tracker with the default options and its handler held; THREADS non-daemon threads write
 * tracked pages from Java code and block; once each was seen blocked, main calls {@code
 * System.exit(0)} ({@code exit}) or returns ({@code return}).
 */
public final class BlockedExitChild {
    static final int THREADS = 4;
    static final long PAGE = TrackedRange.PAGE_SIZE;

    public static void main(String[] args) throws Exception {
        Arena arena = Arena.ofShared();
        MemorySegment mem = arena.allocate(THREADS * PAGE, PAGE);
        WriteTracker tracker = WriteTracker.open(WriteTracker.Options.sync());
        tracker.track(mem);
        tracker.hold(true);
        AtomicIntegerArray tids = new AtomicIntegerArray(THREADS);
        for (int i = 0; i < THREADS; i++) {
            int id = i;
            Thread.ofPlatform().name("blocked-" + i).start(() -> {
                tids.set(id, WriteTrackerTest.gettid());
                mem.set(JAVA_BYTE, id * PAGE, (byte) 1);        // a Java-code write: stops in the kernel
            });
        }
        boolean[] seen = new boolean[THREADS];
        int blocked = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (blocked < THREADS && System.nanoTime() < deadline) {
            for (int i = 0; i < THREADS; i++) {
                if (!seen[i] && tids.get(i) != 0 && inFault(tids.get(i))) {
                    seen[i] = true;
                    blocked++;
                }
            }
        }
        System.out.println("blocked in faults: " + blocked);
        System.out.flush();
        if (args[0].equals("exit")) System.exit(0);
    }

    private static boolean inFault(int tid) {
        try {
            Path wchan = Path.of("/proc/self/task/" + tid + "/wchan");
            return Files.readString(wchan).contains("handle_userfault");
        } catch (IOException gone) {
            return false;
        }
    }
}
