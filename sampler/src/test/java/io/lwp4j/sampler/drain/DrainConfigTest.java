package io.lwp4j.sampler.drain;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.SamplingSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainConfigTest {
    @Test
    void badSettingsAreRefusedWithTheRuleBroken() {
        var e = assertThrows(IllegalArgumentException.class, () -> DrainConfig.DEFAULTS.withRingSize(1000));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrainConfig.DEFAULTS.withMaxBatch(0));
        assertTrue(e.getMessage().contains("max batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrainConfig.DEFAULTS.withMaxBatch(1 << 20));
        assertTrue(e.getMessage().contains("ring size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DrainConfig.DEFAULTS.withIdleWait(Duration.ZERO));
        assertTrue(e.getMessage().contains("idle wait"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DrainConfig.DEFAULTS.withFlushTimeout(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("flush timeout"), e.getMessage());
        assertEquals(256, DrainConfig.DEFAULTS.withRingSize(256).maxBatch(), "the batch shrinks with the ring");
    }

    @Test
    void oneDrainPipelinePerProcess() {
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS)) {
            oneDrainPipelinePer(session);
        }
    }

    private static void oneDrainPipelinePer(SamplingSession session) {
        try (DrainPipeline first = session.startDrain(DrainConfig.DEFAULTS, Map.of())) {
            assertSame(first, session.drainPipeline());
            var e = assertThrows(IllegalStateException.class, () -> session.startDrain(DrainConfig.DEFAULTS, Map.of()));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> session.startDrain(DrainConfig.DEFAULTS, Map.of("subscribers", r -> {})));
        }
        assertNull(session.drainPipeline());
    }
}
