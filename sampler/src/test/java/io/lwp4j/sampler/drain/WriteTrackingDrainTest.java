package io.lwp4j.sampler.drain;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.decode.Decoder;
import io.lwp4j.sampler.decode.DirtyPages;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.tracking.TrackedRange;
import io.lwp4j.sampler.tracking.WriteFaultCanary;
import io.lwp4j.sampler.tracking.WriteTracker;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Real write-tracking records reach the drain pipeline and decode to what was done: sync
 * faults from the writing thread's own buffer, async scans and canary faults from
 * liblwp4j's process-wide buffers.
 */
class WriteTrackingDrainTest {
    private static final long PAGE = TrackedRange.PAGE_SIZE;
    private static final Duration FLUSH = Duration.ofSeconds(20);

    record Fault(int tid, long address, long rangeId, long epoch, long handleNanos, boolean repeat, boolean orphan) {}

    record Scan(long rangeId, long epoch, long start, long pages, long written, long scanNanos) {}

    record Probe(long receive, long resolve, long complete, long total, long sequence) {}

    @Test
    void faultsScansAndCanaryProbesAreDrainedAndDecoded() throws Exception {
        List<Fault> faults = new CopyOnWriteArrayList<>();
        List<Scan> scans = new CopyOnWriteArrayList<>();
        List<Probe> probes = new CopyOnWriteArrayList<>();
        Decoder decoder = new Decoder();
        DrainHandler collect = r -> {
            switch (decoder.decode(r)) {
                case WriteFault f -> faults.add(new Fault(f.tid(), f.address(), f.rangeId(), f.epoch(), f.handleNanos(),
                        f.isRepeat(), f.isOrphan()));
                case DirtyPages d -> scans.add(new Scan(d.rangeId(), d.epoch(), d.start(), d.pages(), d.pagesWritten(),
                        d.scanNanos()));
                case WriteFaultProbe p -> probes.add(new Probe(p.receiveNanos(), p.resolveNanos(), p.completeNanos(),
                        p.totalNanos(), p.sequence()));
                default -> {}
            }
        };
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("collect", collect));
                Arena arena = Arena.ofShared()) {
            // sync: one thread writes 16 pages; each first write is a fault record in its buffer
            int[] writerTid = new int[1];
            long rangeId;
            MemorySegment mem = arena.allocate(16 * PAGE, PAGE);
            try (WriteTracker sync = WriteTracker.open(WriteTracker.Options.sync())) {
                TrackedRange range = sync.track(mem);
                rangeId = range.id();
                Thread writer = new Thread(() -> {
                    session.threadBuffers().current(); // the handler writes into this thread's buffer
                    try {
                        writerTid[0] = NativeClock.gettid();
                    } catch (Throwable t) {
                        throw new AssertionError(t);
                    }
                    for (int p = 0; p < 16; p++) {
                        mem.set(JAVA_BYTE, p * PAGE, (byte) 1);
                        mem.set(JAVA_BYTE, p * PAGE + 100, (byte) 2); // no second fault
                    }
                    session.threadBuffers().release();
                });
                writer.start();
                writer.join();
            }
            // async: two epochs ended by rearm, each a scan record in the scanner's buffer
            MemorySegment mem2 = arena.allocate(8 * PAGE, PAGE);
            try (WriteTracker async = WriteTracker.open(WriteTracker.Options.async())) {
                TrackedRange range = async.track(mem2);
                for (int p = 0; p < 3; p++) mem2.set(JAVA_BYTE, p * PAGE, (byte) 1);
                range.rearm();
                mem2.set(JAVA_BYTE, 7 * PAGE, (byte) 1);
                range.rearm();
            }
            // the canary: a few faults on its private page, in its own buffer
            WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(Duration.ofMillis(10)));
            long deadline = System.nanoTime() + FLUSH.toNanos();
            do {
                assertTrue(pipeline.flush(FLUSH));
            } while (probes.isEmpty() && System.nanoTime() < deadline);   // a tick waits for a CPU under load
            WriteFaultCanary.stop();
            assertTrue(pipeline.flush(FLUSH));

            List<Fault> mine = faults.stream().filter(f -> f.rangeId() == rangeId).toList();
            assertEquals(16, mine.size(), "one fault per page: " + mine);
            for (int p = 0; p < 16; p++) {
                Fault f = mine.get(p);
                assertEquals(writerTid[0], f.tid(), "attributed to the writer");
                assertEquals(mem.address() + p * PAGE, f.address(), "in the order written");
                assertEquals(1, f.epoch());
                assertFalse(f.repeat() || f.orphan());
                assertTrue(f.handleNanos() > 0 && f.handleNanos() < 1_000_000_000, f.toString());
            }
            List<Scan> myScans = scans.stream().filter(s -> s.start() == mem2.address()).toList();
            assertEquals(2, myScans.size(), scans.toString());
            assertEquals(new Scan(myScans.get(0).rangeId(), 1, mem2.address(), 8, 3, myScans.get(0).scanNanos()),
                    myScans.get(0));
            assertEquals(1, myScans.get(1).written());
            assertEquals(2, myScans.get(1).epoch());
            assertFalse(probes.isEmpty(), "no canary fault was drained within " + FLUSH);
            for (Probe p : probes) {
                assertTrue(p.total() >= p.receive() && p.total() > 0, p.toString());
            }
            System.out.printf("drained: %d faults, %d scans, %d canary probes%n", faults.size(), scans.size(),
                    probes.size());
        } finally {
            WriteFaultCanary.stop();
        }
    }
}
