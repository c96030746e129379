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
 * A record the consumer sees is whole: the producer's plain stores of the record happen
 * before its store-release of head, which the poller load-acquires before reading.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the poll came before the append")
@Outcome(id = "1, 8", expect = ACCEPTABLE, desc = "the poll saw the whole record")
@Outcome(expect = FORBIDDEN, desc = "the poll saw head move but not all of the record's words")
@State
public class RingPublicationStress {
    private final MemorySegment mapping = StressRings.newBuffer();
    private final RingProducer producer = new RingProducer(mapping);
    private final RawPoller poller = RingBuffer.wrap(mapping).openPoller(CONSUMER_DRAIN);

    @Actor
    public void producer() {
        producer.appendAsOwner(1, 0, 7, 11, 12, 13, 14, 15, 16);
    }

    @Actor
    public void consumer(II_Result r) {
        int[] intact = new int[1];
        r.r1 = poller.poll(record -> {
            int n = record.time() == 7 ? 1 : 0;
            for (int w = 0; w < 6; w++) {
                if (record.word(w) == 11 + w) n++;
            }
            if (record.typeCode() == 1) n++;
            intact[0] = n;
        }, 1);
        r.r2 = intact[0];
    }
}
