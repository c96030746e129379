package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static io.lwp4j.sampler.layout.RingBufferLayout.mappingSize;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.internal.NativeRegistry;
import io.lwp4j.sampler.layout.RecordType;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A session holds what lwp4j runs on, one at a time per process, and closing it undoes what it started. */
class SamplingSessionTest {
    @Test
    void aSecondSessionIsRefusedWhileOneIsOpenAndAllowedAfter() {
        try (SamplingSession first = SamplingSession.open(BufferConfig.DEFAULTS)) {
            var e = assertThrows(IllegalStateException.class, () -> SamplingSession.open(BufferConfig.DEFAULTS));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertNotNull(first.threadBuffers().current());
        }
        SamplingSession.open(BufferConfig.DEFAULTS).close();
    }

    /** What a test used to undo by hand: buffers of live threads, locked memory, the thread registry, the pipeline. */
    @Test
    void closingFreesEveryBufferItMadeAndStopsItsPipeline() throws Exception {
        BufferConfig small = BufferConfig.DEFAULTS.withCapacity(64).withLockBudget(1 << 20);
        SamplingSession session = SamplingSession.open(small);
        try {
            closingFrees(session);
        } finally {
            session.close();
        }
    }

    private static void closingFrees(SamplingSession session) throws Exception {
        DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of());
        int registeredBefore = NativeRegistry.size();
        long lockedBefore = ProcSelf.vmLckKiB();  // with liblwp4j's process-wide buffers, which stay
        RingBuffer mine = session.threadBuffers().current();
        assertTrue(mine.append(RecordType.USER.code(), 0, 0, 0, 0, 0, 0, 0, 0));
        ExecutorService other = Executors.newSingleThreadExecutor();  // alive, holding its buffer, at the close
        RingBuffer othersBuffer = other.submit(() -> session.threadBuffers().current()).get();
        assertEquals(registeredBefore + 2, NativeRegistry.size(), "both threads' buffers registered by tid");
        assertEquals(lockedBefore + 2 * mappingSize(64) / 1024, ProcSelf.vmLckKiB(), "both locked");
        assertSame(pipeline, session.drainPipeline());

        session.close();
        other.shutdown();
        assertTrue(mine.isClosed(), "the calling thread's buffer");
        assertTrue(othersBuffer.isClosed(), "a live thread's buffer");
        assertThrows(BufferClosedException.class,
                () -> mine.append(RecordType.USER.code(), 0, 0, 0, 0, 0, 0, 0, 0), "its owner gets a clean refusal");
        assertFalse(pipeline.isDraining(), "the pipeline is closed");
        assertNull(session.drainPipeline());
        assertEquals(registeredBefore, NativeRegistry.size(), "the thread registry is back to its base");
        assertEquals(lockedBefore, ProcSelf.vmLckKiB(), "every mapping is freed, pooled ones too");
        assertThrows(BufferClosedException.class, () -> session.startDrain(DrainConfig.DEFAULTS, Map.of()));
        assertThrows(BufferClosedException.class, () -> session.threadBuffers().current(), "no new buffer either");

        try (SamplingSession next = SamplingSession.open(BufferConfig.DEFAULTS)) {
            RingBuffer fresh = next.threadBuffers().current();
            assertNotSame(mine, fresh, "the next session's buffer is its own");
            assertEquals(BufferConfig.DEFAULTS.capacity(), fresh.capacity(), "made with the next session's config");
            assertEquals(0, fresh.consumerMaskActive() & 1 << CONSUMER_DRAIN, "no drain slot: no pipeline runs");
        }
    }
}
