package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.RecordLayout.FLAG_TIME_NS;
import static io.lwp4j.sampler.layout.RecordLayout.FLAG_TSC_UNSTABLE;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_NATIVE_OWNER;
import static io.lwp4j.sampler.probe.ProbeAssertions.assertPlausible;
import static io.lwp4j.sampler.probe.SyscallCall.*;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.layout.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ProbesRestored.class)
class SyscallProbeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    final SyscallProbe probe = SyscallProbe.get();

    static List<SyscallResult> drain(RawPoller p) {
        List<SyscallResult> seen = new ArrayList<>();
        p.poll(r -> {
            assertEquals(RecordType.SYSCALL_PROBE, r.type(), "only canary records in its buffer");
            seen.add(SyscallResult.of(r));
        }, 10_000);
        return seen;
    }

    @Test
    void aRunAppendsOneRecordPerCallToTheProbeThreadsOwnBuffer() throws Throwable {
        probe.start(Probe.MAX_PERIOD);
        RingBuffer b = probe.buffer();
        ProbeStats stats = probe.stats();
        assertTrue(stats.running());
        assertEquals(stats.tid(), b.ownerTid(), "the buffer is the probe thread's");
        assertNotEquals(NativeClock.gettid(), b.ownerTid(), "not the caller's thread");
        assertTrue((b.flags() & FLAG_NATIVE_OWNER) != 0);

        try (RawPoller p = b.openPoller()) {
            SyscallResults latest = probe.runOnce(TIMEOUT);
            List<SyscallResult> run = drain(p).stream().filter(r -> r.run() == latest.run()).toList();
            assertEquals(List.of(GETPID, CLOCK_GETTIME_VDSO, CLOCK_GETTIME_SYSCALL),
                    run.stream().map(SyscallResult::call).toList(), "one record per call, in order");
            long now = NativeClock.now();
            for (SyscallResult r : run) {
                assertEquals(latest.get(r.call()), r, "latest() is a copy of what the buffer received");
                assertEquals(b.ownerTid(), r.tid());
                assertEquals(SyscallProbe.DEFAULT_BURST, r.burst());
                assertEquals(0, r.flags() & FLAG_TSC_UNSTABLE, "this machine has a usable TSC");
                assertTrue(r.time() > 0 && r.time() <= now, "burst started in the past: " + r.time() + " vs " + now);
                assertPlausible(r.timing(), r.call().toString());
            }
            assertTrue(latest.get(GETPID).timing().minCycles() > 0, "a syscall costs more than the timer");
            assertTrue(latest.get(GETPID).timing().medianNanos() < 1_000_000, "getpid under 1 ms: " + latest);
            assertTrue(latest.entryExitNanos() > 0,
                    "clock_gettime through the kernel costs more than through the vDSO: " + latest);
        }
    }

    @Test
    void periodicRunsFollowEachOtherInTheBuffer() throws Exception {
        probe.start(Duration.ofMillis(10));
        try (RawPoller p = probe.buffer().openPoller()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (probe.stats().runs() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Map<Long, List<SyscallCall>> byRun = new TreeMap<>(drain(p).stream().collect(Collectors.groupingBy(
                    SyscallResult::run, Collectors.mapping(SyscallResult::call, Collectors.toList()))));
            assertTrue(byRun.size() >= 5, "periodic runs arrived: " + byRun.keySet());
            List<Long> runs = new ArrayList<>(byRun.keySet());
            for (int i = 1; i < runs.size(); i++) {
                assertEquals(runs.get(i - 1) + 1, runs.get(i), "no run missing: " + runs);
            }
            for (Long run : runs.subList(0, runs.size() - 1)) {
                assertEquals(List.of(GETPID, CLOCK_GETTIME_VDSO, CLOCK_GETTIME_SYSCALL), byRun.get(run));
            }
        }
        ProbeStats s = probe.stats();
        assertEquals(Duration.ofMillis(10), s.period());
        assertTrue(s.cpuTime().toNanos() > 0 && s.cpuTime().compareTo(s.wallTime()) <= 0, "own CPU cost: " + s);
        assertTrue(s.shareOfOneCore() > 0 && s.shareOfOneCore() < 1, s.toString());
    }

    @Test
    void burstSizeAndClockApplyFromTheNextRun() throws Throwable {
        probe.setBurst(8);
        SyscallResults r = probe.runOnce(TIMEOUT);
        assertEquals(8, r.get(GETPID).burst());
        assertPlausible(r.get(GETPID).timing(), "burst of 8");

        probe.setClock(ProbeClock.MONOTONIC);
        long before = System.nanoTime();
        r = probe.runOnce(TIMEOUT);
        for (SyscallResult s : r.byCall().values()) {
            assertEquals(FLAG_TIME_NS | FLAG_TSC_UNSTABLE, s.flags(), "records say times are ns");
            assertTrue(s.timing().cyclesAreNanos() && s.timeIsNanos());
            assertTrue(s.time() >= before && s.time() <= System.nanoTime(),
                    "time is CLOCK_MONOTONIC, as System.nanoTime(): " + s.time());
            assertPlausible(s.timing(), "monotonic " + s.call());
        }
    }

    @Test
    void stopReleasesTheThreadAndItsBufferAndKeepsTheLatestResults() throws Exception {
        probe.runOnce(TIMEOUT); // a first start and stop, so the baseline is steady
        probe.stop();
        long buffersBefore = BufferStatistics.read().buffersLive();
        int registryBefore = BufferRegistry.global().nativeRegistrySize();

        probe.start();
        RingBuffer b = probe.buffer();
        assertEquals(buffersBefore + 1, BufferStatistics.read().buffersLive());
        assertEquals(registryBefore + 1, BufferRegistry.global().nativeRegistrySize(), "registered by tid");
        SyscallResults last = probe.runOnce(TIMEOUT);
        probe.stop();

        assertTrue(b.isClosed(), "the wrapper handed out is closed before the mapping goes");
        assertThrows(IllegalStateException.class, b::head);
        assertThrows(IllegalStateException.class, probe::buffer);
        assertEquals(buffersBefore, BufferStatistics.read().buffersLive(), "buffer destroyed");
        assertEquals(registryBefore, BufferRegistry.global().nativeRegistrySize(), "unregistered");
        ProbeStats s = probe.stats();
        assertFalse(s.running());
        assertEquals(0, s.tid());
        assertEquals(last, probe.latest().orElseThrow(), "latest results survive stop");

        probe.runOnce(TIMEOUT);
        assertEquals(Duration.ZERO, probe.stats().period(), "run-once on a stopped probe starts it on demand");
    }

    @Test
    void startingTwiceIsRefused() {
        probe.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, probe::start);
        assertTrue(e.getMessage().contains("already running"), e.getMessage());
    }
}
