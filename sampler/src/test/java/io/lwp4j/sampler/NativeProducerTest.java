package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeSelfCheck;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** A C producer thread and a Java consumer thread sharing one buffer through lwp4j.h alone. */
class NativeProducerTest {
    static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** Mirrors lwp4j_seq_word() of lwp4j.h. */
    static long seqWord(long i, int w) {
        return w == 0 ? i : (i * GOLDEN) ^ w;
    }

    @Test
    void tenMillionRecordsEachSeenOnceOrCountedLostNeverTorn() throws Throwable {
        long count = 10_000_000L;
        MemorySegment raw = NativeSelfCheck.seqProducerStart(count, 4096, 4096);
        assertNotEquals(MemorySegment.NULL, raw);
        RingBuffer b = RingBuffer.wrapAddress(raw);
        long[] state = new long[3]; // next expected, seen, gaps
        try (RawPoller p = b.openPoller(CONSUMER_DRAIN)) {
            RawPoller.RecordHandler check = r -> {
                long i = r.word(0);
                if (r.type() != RecordType.USER || r.tid() != b.ownerTid()) fail("wrong record " + r);
                for (int w = 1; w < 6; w++) {
                    if (r.word(w) != seqWord(i, w)) fail("torn record at sequence " + i + " word " + w);
                }
                if (i < state[0]) fail("sequence " + i + " seen twice or out of order, expected >= " + state[0]);
                state[2] += i - state[0];
                state[0] = i + 1;
                state[1]++;
            };
            boolean done = false;
            while (true) {
                int n = p.poll(check, 1024);
                if (n == 0) {
                    if (done) break;
                    done = b.head() + b.lost() == count; // producer finished: one more pass
                    Thread.onSpinWait();
                }
            }
            assertEquals(0, NativeSelfCheck.seqProducerJoin(raw));
            state[2] += count - state[0];
            long lost = b.lost();
            assertEquals(count, state[1] + lost, "every sequence number seen once or counted lost");
            assertEquals(lost, state[2], "the gaps in the sequence are exactly the lost records");
            assertTrue(state[1] > count / 10, "paced bursts let the consumer see most records: " + state[1]);
            assertTrue(lost > 0 || state[1] == count);
            System.out.printf("10M records: seen %d, lost %d (%.1f%%)%n", state[1], lost, 100.0 * lost / count);
        } finally {
            b.close();
            NativeBuffers.destroy(raw);
        }
    }
}
