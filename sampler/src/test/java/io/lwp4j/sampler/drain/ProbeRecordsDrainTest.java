package io.lwp4j.sampler.drain;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.decode.CodeLoadTiming;
import io.lwp4j.sampler.decode.Decoder;
import io.lwp4j.sampler.decode.SyscallPathProbe;
import io.lwp4j.sampler.decode.TimedProbe;
import io.lwp4j.sampler.probe.CodeLoadResult;
import io.lwp4j.sampler.probe.CodeLoadResults;
import io.lwp4j.sampler.probe.SyscallProbe;
import io.lwp4j.sampler.probe.SyscallResult;
import io.lwp4j.sampler.probe.SyscallResults;
import io.lwp4j.sampler.probe.Timing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Real probe records from liblwp4j's probe threads reach the drain pipeline, and the
 * pipeline's decoders read them exactly as the probe API's own decoders do.
 */
class ProbeRecordsDrainTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Decoded timing of one probe record, keyed "run/name". */
    record Seen(long burstOrIterations, long minNanos, long medianNanos, long maxNanos, long meanNanos,
                long medianCycles, long overheadCycles) {
        static Seen of(TimedProbe p, long count) {
            return new Seen(count, p.minNanos(), p.medianNanos(), p.maxNanos(), p.meanNanos(), p.medianCycles(),
                    p.overheadCycles());
        }

        void assertSame(Timing t, long count, String what) {
            assertEquals(new Seen(count, t.minNanos(), t.medianNanos(), t.maxNanos(), t.meanNanos(), t.medianCycles(),
                    t.overheadCycles()), this, what);
        }
    }

    @Test
    void probeRecordsAreDrainedAndDecodedAsTheProbeApiReadsThem() throws Exception {
        Map<String, Seen> seen = new ConcurrentHashMap<>();
        Decoder decoder = new Decoder();
        DrainHandler collect = r -> {
            switch (decoder.decode(r)) {
                case SyscallPathProbe p -> seen.put(p.run() + "/" + p.callName(), Seen.of(p, p.burst()));
                case CodeLoadTiming p -> seen.put(p.run() + "/" + p.strategyName(), Seen.of(p, p.iterations()));
                default -> {}
            }
        };
        SyscallProbe syscalls = SyscallProbe.get();
        io.lwp4j.sampler.probe.CodeLoadProbe codeLoad = io.lwp4j.sampler.probe.CodeLoadProbe.get();
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collect", collect))) {
            syscalls.drainInto(session.buffers());
            codeLoad.drainInto(session.buffers());
            SyscallResults s = syscalls.runOnce(TIMEOUT);
            CodeLoadResults c = codeLoad.runOnce(TIMEOUT);
            syscalls.stop(); // reads the probe's buffer to its end before liblwp4j frees it
            codeLoad.stop();
            assertTrue(pipeline.flush(TIMEOUT));
            for (SyscallResult r : s.byCall().values()) {
                String name = List.of("getpid", "clock_gettime-vdso", "clock_gettime-syscall").get(r.call().ordinal());
                Seen d = seen.get(r.run() + "/" + name);
                assertNotNull(d, "run " + r.run() + " " + name + " drained: " + seen.keySet());
                d.assertSame(r.timing(), r.burst(), name);
            }
            for (CodeLoadResult r : c.byStrategy().values()) {
                String name = List.of("naive", "reuse", "reuse-locked", "shared", "memfd-dual").get(r.strategy().ordinal());
                Seen d = seen.get(r.run() + "/" + name);
                assertNotNull(d, "run " + r.run() + " " + name + " drained: " + seen.keySet());
                d.assertSame(r.timing(), r.iterations(), name);
            }
            DrainStatistics st = pipeline.statistics();
            assertTrue(st.drained(io.lwp4j.sampler.layout.RecordType.SYSCALL_PROBE) >= 3, st.toString());
            assertTrue(st.drained(io.lwp4j.sampler.layout.RecordType.CODE_LOAD_PROBE) >= 5, st.toString());
        } finally {
            syscalls.stop();
            codeLoad.stop();
        }
    }
}
