package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.foreign.MemorySegment;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The producer never overwrites a record the consumer is still reading: on a full buffer it
 * may reuse the oldest slot only after load-acquiring the consumer's position, which the
 * poller store-releases after it read the record. Otherwise the append is dropped and counted.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "full when the producer looked: dropped and counted")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the consumer had moved on: the slot was reused")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "the consumer read a record the producer was overwriting")
@State
public class RingGatingStress {
    private final MemorySegment mapping = StressRings.newBuffer();
    private final RingProducer producer = new RingProducer(mapping);
    private final RawPoller poller;

    public RingGatingStress() {
        for (int i = 0; i < StressRings.CAPACITY; i++) {
            producer.appendAsOwner(1, 0, i, i, i, i, i, i, i);
        }
        poller = RingBuffer.wrap(mapping).openPoller(CONSUMER_DRAIN);
    }

    @Actor
    public void consumer(II_Result r) {
        int[] intact = new int[1];
        poller.poll(record -> {
            boolean same = record.time() == 0;
            for (int w = 0; w < 6; w++) {
                same &= record.word(w) == 0;
            }
            intact[0] = same ? 1 : 0;
        }, 1);
        r.r1 = intact[0];
    }

    @Actor
    public void producer(II_Result r) {
        r.r2 = producer.appendAsOwner(1, 0, -1, -1, -1, -1, -1, -1, -1) ? 1 : 0;
    }
}
