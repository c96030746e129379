package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The C producer ({@code lwp4j_append}, through {@code lwp4j_append_record}) and the Java one
 * ({@link RingProducer}) driven through the same script of appends, consumer moves, attaches
 * and detaches, one buffer each: after every step both headers must hold the same head, lost
 * count, cached tail and rung position, the same consumer slots, and the same records.
 */
class RingProtocolDifferentialTest {
    private static final int STEPS = 6000;

    private sealed interface Step {}

    private record Append(long word) implements Step {}

    private record Poll(int pollerIndex, int limit) implements Step {}

    private record Attach() implements Step {}

    private record Detach(int pollerIndex) implements Step {}

    @ParameterizedTest(name = "capacity {0}, watermark {1}, seed {2}")
    @CsvSource({"16, 0, 1", "16, 9, 2", "64, 1, 3", "64, 64, 4", "128, 0, 5", "256, 200, 6"})
    void cAndJavaProducersLeaveTheSameHeaderAfterEveryStep(int capacity, int watermark, long seed) throws Throwable {
        List<Step> script = script(new SplittableRandom(seed), capacity);
        try (Arena arena = Arena.ofConfined();
                RingBuffer java = RingBuffer.createForCurrentThread(capacity, watermark, 1 << CONSUMER_DRAIN);
                RingBuffer c = RingBuffer.createForCurrentThread(capacity, watermark, 1 << CONSUMER_DRAIN)) {
            MemorySegment record = arena.allocate(RECORD_SIZE, 8);
            List<RawPoller> javaPollers = new ArrayList<>(List.of(java.openPoller(CONSUMER_DRAIN)));
            List<RawPoller> cPollers = new ArrayList<>(List.of(c.openPoller(CONSUMER_DRAIN)));
            for (int i = 0; i < script.size(); i++) {
                Step step = script.get(i);
                switch (step) {
                    case Append a -> {
                        boolean byJava = java.append(RecordType.USER.code(), 5, a.word(), a.word(), ~a.word(), 2, 3, 4, -a.word());
                        fill(record, c.ownerTid(), a.word());
                        int byC = NativeBuffers.appendRecord(c.segment(), record);
                        assertEquals(byJava, byC == 0, "step " + i + " " + step + ": appended or dropped alike");
                    }
                    case Poll p -> {
                        if (p.pollerIndex() < javaPollers.size()) {
                            int n = javaPollers.get(p.pollerIndex()).poll(r -> {}, p.limit());
                            assertEquals(n, cPollers.get(p.pollerIndex()).poll(r -> {}, p.limit()), "step " + i + " " + step);
                        }
                    }
                    case Attach a -> {
                        if (javaPollers.size() < MAX_CONSUMERS) {
                            javaPollers.add(java.openPoller());
                            cPollers.add(c.openPoller());
                        }
                    }
                    case Detach d -> {
                        if (d.pollerIndex() < javaPollers.size()) {
                            javaPollers.remove(d.pollerIndex()).closeAndFree();
                            cPollers.remove(d.pollerIndex()).closeAndFree();
                        }
                    }
                }
                assertSameHeader(java.segment(), c.segment(), capacity, "after step " + i + " " + step);
            }
            assertTrue(java.lost() > 0 && java.head() > capacity, "the script filled the buffer and wrapped: lost "
                    + java.lost() + ", head " + java.head());
            assertTrue(java.segment().get(JAVA_LONG, RUNG_HEAD_OFFSET) > 0, "the script rang the doorbell");
            javaPollers.forEach(RawPoller::close);
            cPollers.forEach(RawPoller::close);
        }
    }

    /**
     * Appends most of the time; consumers that keep up, lag, or fall a lap behind, in turns of
     * 300 steps; and a few attaches and detaches (down to no consumer at all).
     */
    private static List<Step> script(SplittableRandom random, int capacity) {
        List<Step> steps = new ArrayList<>();
        int[] pollLimits = {1, Math.max(1, capacity / 8), capacity};
        int pollLimit = 1;
        for (int i = 0; i < STEPS; i++) {
            if (i % 300 == 0) pollLimit = pollLimits[random.nextInt(pollLimits.length)];
            int roll = random.nextInt(100);
            if (roll < 70) {
                steps.add(new Append(i));
            } else if (roll < 95) {
                steps.add(new Poll(random.nextInt(MAX_CONSUMERS), 1 + random.nextInt(pollLimit)));
            } else if (roll < 98) {
                steps.add(new Attach());
            } else {
                steps.add(new Detach(random.nextInt(MAX_CONSUMERS)));
            }
        }
        return steps;
    }

    /** What {@link RingBuffer#append} writes for the same arguments, as C's struct lwp4j_record. */
    private static void fill(MemorySegment record, int tid, long word) {
        record.set(JAVA_LONG, 0, RecordLayout.headerWord(RecordType.USER.code(), 5, tid));
        record.set(JAVA_LONG, RecordLayout.TIME_OFFSET, word);
        long[] payload = {word, ~word, 2, 3, 4, -word};
        for (int w = 0; w < payload.length; w++) {
            record.set(JAVA_LONG, RecordLayout.payloadOffset(w), payload[w]);
        }
    }

    private static void assertSameHeader(MemorySegment java, MemorySegment c, int capacity, String when) {
        assertEquals(c.get(JAVA_LONG, HEAD_OFFSET), java.get(JAVA_LONG, HEAD_OFFSET), "head " + when);
        assertEquals(c.get(JAVA_LONG, LOST_OFFSET), java.get(JAVA_LONG, LOST_OFFSET), "lost " + when);
        assertEquals(c.get(JAVA_LONG, TAIL_CACHE_OFFSET), java.get(JAVA_LONG, TAIL_CACHE_OFFSET), "tail_cache " + when);
        assertEquals(c.get(JAVA_LONG, RUNG_HEAD_OFFSET), java.get(JAVA_LONG, RUNG_HEAD_OFFSET), "rung_head " + when);
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            assertEquals(c.get(JAVA_INT, consumerStateOffset(i)), java.get(JAVA_INT, consumerStateOffset(i)),
                    "consumer " + i + " state " + when);
            assertEquals(c.get(JAVA_LONG, consumerPositionOffset(i)), java.get(JAVA_LONG, consumerPositionOffset(i)),
                    "consumer " + i + " position " + when);
        }
        long data = HEADER_SIZE;
        long mismatch = java.asSlice(data, (long) capacity * RECORD_SIZE)
                .mismatch(c.asSlice(data, (long) capacity * RECORD_SIZE));
        assertEquals(-1, mismatch, "records " + when + ": first differing byte");
    }
}
