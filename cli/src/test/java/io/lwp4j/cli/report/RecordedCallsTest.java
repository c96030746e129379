package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Recorded calls in bounded memory: the true slowest kept whole, every call tallied once. */
class RecordedCallsTest {
    @Test
    void keepsTheTrueSlowestAndTalliesEveryCallOnce() {
        SplittableRandom random = new SplittableRandom(3);
        RecordedCalls calls = new RecordedCalls(20, false);
        List<RecordedCall> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            long duration = random.nextLong(1_000, 100_000_000), wait = random.nextBoolean() ? random.nextLong(duration) : 0;
            RecordedCall c = new RecordedCall(i, "worker-" + random.nextInt(50), "read", "file", "/data/" + random.nextInt(20_000),
                    duration, wait, 10, "", false, List.of(), -1);
            all.add(c);
            calls.add(c);
        }
        all.sort(Comparator.comparingLong(RecordedCall::workNanos).reversed());
        assertEquals(all.subList(0, 20).stream().map(RecordedCall::workNanos).toList(),
                calls.slowest().stream().map(RecordedCall::workNanos).toList(), "the 20 slowest by working time, slowest first");
        assertEquals(1, calls.byThreadGroup().size(), "worker-N is one pool");
        assertEquals(50, calls.byThreadGroup().getFirst().threads.size());
        List<RecordedCalls.Tally> targets = calls.byTarget();
        assertEquals(RecordedCalls.MAX_KEYS + 1, targets.size(), "at most MAX_KEYS files, then the others together");
        assertTrue(targets.stream().anyMatch(t -> t.key.equals(RecordedCalls.OTHER_TARGETS)));
        assertEquals(100_000, targets.stream().mapToLong(t -> t.calls).sum(), "every call tallied once");
        assertEquals(all.stream().mapToLong(RecordedCall::workNanos).sum(), targets.stream().mapToLong(t -> t.workNanos).sum());
        assertTrue(calls.marks("read file").size() <= RecordedCalls.MARKS_PER_OPERATION);
    }

    @Test
    void poolNames() {
        assertEquals("qtp1543237999-" + ThreadGroupName.ELLIPSIS, ThreadGroupName.of("qtp1543237999-17"));
        assertEquals("pool-2-thread-" + ThreadGroupName.ELLIPSIS, ThreadGroupName.of("pool-2-thread-5"));
        assertEquals("h2 tcp server connection-" + ThreadGroupName.ELLIPSIS, ThreadGroupName.of("h2 tcp server connection-3"));
        assertEquals("main", ThreadGroupName.of("main"));
    }

    @Test
    void foldingSkipsTheAgentAndTheJdk() {
        List<String> frames = List.of("io.lwp4j.agent.bootstrap.Hooks.ioEnd:10", "sun.nio.ch.FileChannelImpl.force:500",
                "com.acme.Store.save:42", "java.lang.Thread.run:1583");
        assertEquals(2, StackFold.firstApplicationFrame(frames));
        assertEquals(-1, StackFold.firstApplicationFrame(List.of("java.lang.Thread.run:1")));
    }
}
