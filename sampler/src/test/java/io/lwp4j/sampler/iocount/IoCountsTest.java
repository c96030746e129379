package io.lwp4j.sampler.iocount;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.layout.SyscallLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The counts of many threads add up exactly: while they run (each counter never goes back
 * between collects), once they fold themselves in as they end, and when they end without
 * folding (the next collect finds them terminated).
 */
class IoCountsTest {
    private static final int READ_FILE = ThreadIoCounts.pair(SyscallLayout.READ, SyscallLayout.FILE);
    private static final int WRITE_SOCKET = ThreadIoCounts.pair(SyscallLayout.WRITE, SyscallLayout.SOCKET);

    @Test
    void pairsAreOperationAndKindAsTheAdviceConstantCarriesThem() {
        for (int op = 1; op <= SyscallLayout.OPERATION_MAX; op++) {
            for (int kind = 1; kind <= SyscallLayout.KIND_MAX; kind++) {
                int pair = ThreadIoCounts.pair(op, kind);
                assertEquals(pair, ThreadIoCounts.pairOf(op | kind << 8));
                assertTrue(pair >= 0 && pair < ThreadIoCounts.PAIRS);
            }
        }
    }

    @Test
    void threadsThatRunEndFoldedOrEndWithoutFoldingAddUpExactly() throws Exception {
        IoCounts registry = new IoCounts();
        int threads = 8;
        int calls = 200_000;
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean foldsItself = t % 2 == 0;
            workers.add(Thread.ofPlatform().name("counter-" + t).start(() -> {
                ThreadIoCounts c = registry.register(Thread.currentThread());
                started.countDown();
                for (int i = 0; i < calls; i++) {
                    c.count(READ_FILE, 100 + i % 5000, i % 7);
                    if (i % 10 == 0) c.countWaited(WRITE_SOCKET, 50, 1_000 + i, 3);
                    if (i % 1000 == 0) c.countError(READ_FILE);
                }
                if (foldsItself) registry.threadEnded(c);
            }));
        }
        assertTrue(started.await(30, TimeUnit.SECONDS), "every counter thread registered");
        // Collect while they count: every counter only grows.
        IoTotals previous = IoTotals.EMPTY;
        int collects = 0;
        while (workers.stream().anyMatch(Thread::isAlive)) {
            IoTotals now = registry.collect();
            now.minus(previous);   // throws if a bucket went back
            IoTotals.CallTotals r = now.get(SyscallLayout.READ, SyscallLayout.FILE);
            IoTotals.CallTotals p = previous.get(SyscallLayout.READ, SyscallLayout.FILE);
            if (r != null && p != null) {
                assertTrue(r.calls() >= p.calls() && r.bytes() >= p.bytes() && r.workNanos() >= p.workNanos(), r + " after " + p);
            }
            previous = now;
            collects++;
        }
        for (Thread w : workers) w.join();

        IoTotals total = registry.collect();
        long bytesPerThread = 0;
        long workPerThread = 0;
        long waitPerThread = 0;
        for (int i = 0; i < calls; i++) {
            bytesPerThread += i % 7;
            workPerThread += 100 + i % 5000;
            if (i % 10 == 0) waitPerThread += 1_000 + i;
        }
        IoTotals.CallTotals read = total.get(SyscallLayout.READ, SyscallLayout.FILE);
        assertEquals((long) threads * calls, read.calls());
        assertEquals(threads * bytesPerThread, read.bytes());
        assertEquals(threads * workPerThread, read.workNanos());
        assertEquals(threads * (calls / 1000L), read.errors());
        assertEquals(0, read.waits());
        IoTotals.CallTotals write = total.get(SyscallLayout.WRITE, SyscallLayout.SOCKET);
        assertEquals(threads * (calls / 10L), write.calls());
        assertEquals(threads * (calls / 10L), write.waits(), "every write waited");
        assertEquals(threads * waitPerThread, write.waitNanos());
        assertEquals(threads * (calls / 10L) * 3, write.bytes());
        assertEquals(0, registry.liveThreads(), "ended threads, folded or not, are no longer live");
        assertEquals(total.calls(), registry.collect().calls(), "folding changes no total");
        assertTrue(collects > 0);
    }

    @Test
    void callsAloneCountWhatCollectCountsOfLiveAndEndedThreads() throws Exception {
        IoCounts registry = new IoCounts();
        Thread ended = Thread.ofPlatform().start(() -> {
            ThreadIoCounts c = registry.register(Thread.currentThread());
            for (int i = 0; i < 1_000; i++) c.count(READ_FILE, 100 + i, 1);
            registry.threadEnded(c);
        });
        ended.join();
        ThreadIoCounts live = registry.register(Thread.currentThread());
        for (int i = 0; i < 300; i++) live.count(READ_FILE, 50, 1);
        for (int i = 0; i < 20; i++) live.countWaited(WRITE_SOCKET, 10, 2_000, 1);
        assertEquals(1_320, registry.calls(), "the ended thread's calls, the live one's, waits among them");
        assertEquals(registry.collect().calls(), registry.calls());
        registry.threadEnded(live);
    }

    @Test
    void aPendingWaitGoesToTheCallOfItsCallerThatItFallsIn() {
        ThreadIoCounts c = new IoCounts().register(Thread.currentThread());
        Object me = Thread.currentThread();
        Object otherVirtualThread = new Object();
        assertEquals(0, c.takePendingWait(100, me), "no wait yet");

        c.addPendingWait(150, 40, me);
        c.addPendingWait(200, 60, me);   // a second poll of the same call
        assertEquals(100, c.takePendingWait(100, me), "both polls of the call that started at 100");
        assertEquals(0, c.takePendingWait(100, me), "taken once");

        c.addPendingWait(150, 40, me);
        assertEquals(0, c.takePendingWait(300, me), "a wait before the call started is not its");
        assertEquals(0, c.takePendingWait(100, me), "and it is gone");

        c.addPendingWait(150, 40, otherVirtualThread);
        assertEquals(0, c.takePendingWait(100, me), "another caller's wait on the same carrier");
        assertEquals(40, c.takePendingWait(100, otherVirtualThread), "left for its own caller");
    }

    @Test
    void everyNthCallIsDueForASampleAndNoneWithoutAnInterval() {
        IoCounts registry = new IoCounts();
        ThreadIoCounts none = registry.register(Thread.currentThread());
        registry.sampleEvery(3);
        ThreadIoCounts everyThird = registry.register(Thread.currentThread());
        StringBuilder due = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            due.append(everyThird.sampleDue() ? 'x' : '.');
            assertFalse(none.sampleDue());
        }
        assertEquals("..x..x..x", due.toString());
        assertThrows(IllegalArgumentException.class, () -> registry.sampleEvery(-1));
    }

    @Test
    void uncountedCountsAreNeverCollected() {
        IoCounts registry = new IoCounts();
        ThreadIoCounts agentOwn = ThreadIoCounts.uncounted();
        agentOwn.count(READ_FILE, 10, 10);
        assertFalse(agentOwn.isCounted());
        assertTrue(registry.register(Thread.currentThread()).isCounted());
        assertEquals(0, registry.collect().calls());
    }
}
