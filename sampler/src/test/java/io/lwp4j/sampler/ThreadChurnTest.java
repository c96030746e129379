package io.lwp4j.sampler;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.drain.DrainedRecord;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.SyscallLayout;
import io.lwp4j.sampler.tracking.TrackedRange;
import io.lwp4j.sampler.tracking.WriteTracker;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread churn: 10,000 short-lived platform threads (100,000 in the soak) start, record I/O
 * timings and write faults into their own buffers, and end, while the drain pipeline reads
 * and a sync write tracker records. Afterwards lwp4j holds exactly what it held before:
 * locked memory (VmLck, the kernel's count), live mappings, the Java and native registries;
 * and every record is accounted for, against counts the threads and the tracker kept
 * themselves.
 */
class ThreadChurnTest {
    static final long PAGE = TrackedRange.PAGE_SIZE;
    static final int TRACKED_PAGES = 64;
    static final int CONCURRENT = 16;

    @TempDir
    Path dir;

    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);
    private final BufferRegistry registry = session.buffers();

    /** Counts what reaches the pipeline's handler, per type. */
    static final class Counter implements DrainHandler {
        final Map<RecordType, AtomicLong> byType = new ConcurrentHashMap<>();
        final AtomicLong records = new AtomicLong();

        @Override
        public void onRecord(DrainedRecord r) {
            records.incrementAndGet();
            byType.computeIfAbsent(r.type(), t -> new AtomicLong()).incrementAndGet();
        }

        long of(RecordType t) {
            AtomicLong n = byType.get(t);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void tenThousandShortLivedThreadsLeaveLockedMemoryMappingsAndRegistriesAtBaseline() throws Exception {
        int threads = Soak.size(10_000, 100_000);
        Path file = dir.resolve("io");
        Files.write(file, new byte[4096]);
        registry.reapExited();
        registry.releasePooled();
        Counter counter = new Counter();
        try (Arena arena = Arena.ofShared();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("counter", counter));
             WriteTracker tracker = WriteTracker.open(WriteTracker.Options.sync())) {
            MemorySegment mem = arena.allocate(TRACKED_PAGES * PAGE, PAGE);
            TrackedRange range = tracker.track(mem);
            assertTrue(pipeline.flush(Duration.ofSeconds(10)));

            long vmLckBefore = ProcSelf.vmLckKiB();
            long vmSizeBefore = ProcSelf.vmSizeKiB();
            BufferStatistics statsBefore = BufferStatistics.read();
            long buffersBefore = statsBefore.buffersLive();
            int liveBefore = registry.liveBuffers().size();
            int nativeBefore = registry.nativeRegistrySize();

            AtomicLong appendsTried = new AtomicLong();
            AtomicLong appendsDropped = new AtomicLong();
            Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
            Semaphore slots = new Semaphore(CONCURRENT);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread rearmer = Thread.ofPlatform().name("rearmer").start(() -> {
                while (running.get()) {
                    range.rearm();                       // new epoch: the next writes fault again
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            AtomicLong vmLckPeak = new AtomicLong();
            Thread lockWatch = Thread.ofPlatform().name("vmlck-watch").start(() -> {
                while (running.get()) {
                    vmLckPeak.accumulateAndGet(ProcSelf.vmLckKiB(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            List<Thread> started = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int id = i;
                slots.acquire();
                started.add(Thread.ofPlatform().name("churn-" + i).start(() -> {
                    try {
                        RingBuffer own = session.threadBuffers().current();
                        ByteBuffer one = ByteBuffer.allocate(1);
                        long start = RecordClock.now();
                        int n = ch.read(one, id % 4096);     // pread(2), timed as the agent's advice does
                        long end = RecordClock.now();
                        count(SyscallRecords.append(own, start, end, n, 1, id % 4096, -1, SyscallLayout.PREAD,
                                SyscallLayout.FILE, 0, 0, Thread.currentThread().threadId()), appendsTried, appendsDropped);
                        mem.set(JAVA_LONG, (id % TRACKED_PAGES) * PAGE + (id % 512) * 8L, id);  // a write fault
                        count(own.append(RecordType.USER.code(), 0, RecordClock.now(), id, 0, 0, 0, 0, 0),
                                appendsTried, appendsDropped);
                        if (id % 2 == 0) session.threadBuffers().release();  // the others just end: reaped later
                    } catch (Throwable t) {
                        failures.put(id, t);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Thread t : started) t.join(30_000);
            long churnMillis = (System.nanoTime() - t0) / 1_000_000;
            running.set(false);
            rearmer.join(10_000);
            lockWatch.join(10_000);
            for (Thread t : started) assertFalse(t.isAlive(), t.getName() + " did not end");
            if (!failures.isEmpty()) throw new AssertionError(failures.size() + " threads failed", failures.values().iterator().next());

            registry.reapExited();
            assertTrue(pipeline.flush(Duration.ofSeconds(30)), "flush after the churn");
            WriteTracker.Statistics ts = tracker.statistics();
            DrainStatistics ds = pipeline.statistics();

            int pooledAtEnd = registry.pooledBuffers();
            long idleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (registry.pooledBuffers() > 0 && System.nanoTime() < idleDeadline) Thread.sleep(50);
            assertEquals(0, registry.pooledBuffers(), "the drainer's reaps free pooled mappings nobody takes");
            long vmLckAfter = ProcSelf.vmLckKiB();
            long vmSizeAfter = ProcSelf.vmSizeKiB();
            BufferStatistics statsAfter = BufferStatistics.read();
            long buffersAfter = statsAfter.buffersLive();
            Soak.report("churn", "threads", threads, "ms", churnMillis, "faults", ts.faults(), "orphans", ts.orphans(),
                    "produced", ds.produced(), "drained", ds.drained(), "lost", ds.lost(), "handled", counter.records.get(),
                    "vmlck_kib_before", vmLckBefore, "vmlck_kib_peak", vmLckPeak.get(), "vmlck_kib_after", vmLckAfter, "buffers_before", buffersBefore,
                    "buffers_after", buffersAfter, "pooled_at_end", pooledAtEnd, "unlocked_by_budget", statsAfter.unlockedByBudget() - statsBefore.unlockedByBudget(), "vmsize_kib_before", vmSizeBefore, "vmsize_kib_after", vmSizeAfter,
                    "registry_before", nativeBefore, "registry_after", registry.nativeRegistrySize());

            assertEquals(0, statsAfter.unlockedByBudget() - statsBefore.unlockedByBudget(),
                    "ended threads' buffers never used up the lock budget");
            assertTrue(vmLckPeak.get() > vmLckBefore, "the churning threads' buffers were locked: peak " + vmLckPeak);
            assertEquals(vmLckBefore, vmLckAfter, "VmLck back to baseline: every buffer unlocked");
            assertEquals(buffersBefore, buffersAfter, "every buffer mapping freed (munmap)");
            assertEquals(liveBefore, registry.liveBuffers().size(), "Java registry back to its base");
            assertEquals(nativeBefore, registry.nativeRegistrySize(), "native tid registry back to its base");
            assertEquals(0, registry.retiredPending(), "no retired buffer waits for the drainer");
            assertTrue(vmSizeAfter - vmSizeBefore < 256 * 1024,
                    "mapped memory within 256 MiB of baseline (thread stacks the C library caches): "
                            + (vmSizeAfter - vmSizeBefore) + " KiB");

            assertTrue(ts.faults() >= 1, "faults were recorded during the churn");
            long intoThreadBuffers = ts.faults() - ts.orphans();   // orphans include repeats
            assertEquals(appendsTried.get() + intoThreadBuffers, ds.produced(),
                    "produced = the threads' own appends + the handler's fault records");
            assertEquals(ds.produced(), ds.drained() + ds.lost(), "conserved, nothing pending: " + ds);
            assertEquals(0, ds.pending());
            assertEquals(ds.drained(), counter.records.get(), "every drained record reached the handler");
            assertEquals(intoThreadBuffers - ts.dropped(), counter.of(RecordType.WRITE_FAULT),
                    "every fault record the handler stored was drained");
            assertEquals(appendsDropped.get() + ts.dropped(), ds.lost(), "lost = what the producers saw dropped");
            assertTrue(tracker.failure().isEmpty());
        }
    }

    private static void count(boolean appended, AtomicLong tried, AtomicLong dropped) {
        tried.incrementAndGet();
        if (!appended) dropped.incrementAndGet();
    }
}
