package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SessionPerTest;
import io.lwp4j.sampler.Soak;
import io.lwp4j.sampler.decode.DirtyPages;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.layout.RecordType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write tracking against the real kernel, in this JVM (run as root here: a full userfaultfd
 * from userfaultfd(2)). Refusals run in child JVMs: {@link WriteTrackingRefusalTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriteTrackerTest {
    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);

    static final long PAGE = TrackedRange.PAGE_SIZE;
    static final int THREADS = 8;

    static final Linker LINKER = Linker.nativeLinker();
    static final MethodHandle MEMSET = LINKER.downcallHandle(LINKER.defaultLookup().find("memset").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG));
    static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    static int gettid() {
        return NativeClock.gettid();
    }

    /** Runs body(i) on n threads at once; rethrows the first failure. */
    static void onThreads(int n, IntConsumer body) throws InterruptedException {
        onThreads(n, body, () -> "");
    }

    /**
     * Runs body on n threads and waits for all of them, 30 s at most; a thread still running
     * then fails the test with its stack and {@code progress} (what the writers were waiting for).
     */
    static void onThreads(int n, IntConsumer body, Supplier<String> progress) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            threads.add(Thread.ofPlatform().name("writer-" + i).start(() -> {
                try {
                    body.accept(id);
                } catch (Throwable t) {
                    failures.put(id, t);
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        for (Thread t : threads) {
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not finish in 30 s (" + t.getState() + " at "
                        + List.of(t.getStackTrace()) + "); " + progress.get());
            }
        }
        if (!failures.isEmpty()) throw new AssertionError("writer failed", failures.values().iterator().next());
    }

    static void await(CyclicBarrier b) {
        try {
            b.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The WRITE_FAULT records a poller has, decoded. */
    static List<WriteFault.Value> faults(RawPoller p) {
        List<WriteFault.Value> out = new ArrayList<>();
        p.poll(r -> {
            if (r.type() == RecordType.WRITE_FAULT) out.add(WriteFault.valueOf(r));
        }, Integer.MAX_VALUE);
        return out;
    }

    static BitSet pages(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to);
        return b;
    }

    /**
     * Must show: 8 Java threads writing concurrently, each fault attributed to the thread that
     * wrote, exactly one first write per page per epoch, the dirty set equal to what was
     * written; then all 8 on the same pages: still one first write per page, the rest are
     * flagged repeats.
     */
    @Test
    void eightThreadsEachFaultAttributedToItsWriterOncePerPagePerEpoch() throws Exception {
        int perThread = 32, epochs = 3;
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(WriteTracker.Options.sync())) {
            MemorySegment mem = arena.allocate(THREADS * perThread * PAGE, PAGE);
            TrackedRange range = t.track(mem);
            CyclicBarrier start = new CyclicBarrier(THREADS + 1), end = new CyclicBarrier(THREADS + 1);
            int[] tids = new int[THREADS];
            AtomicLong lost = new AtomicLong();
            List<List<WriteFault.Value>> seen = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) seen.add(new ArrayList<>());
            Thread main = Thread.ofPlatform().start(() -> {
                for (int e = 0; e < epochs; e++) {
                    await(start);
                    await(end);
                    BitSet dirty = range.rearm();
                    assertEquals(pages(0, THREADS * perThread), dirty, "epoch " + (e + 1) + ": every page written");
                    assertEquals(e + 2, range.epoch());
                }
                await(start);                       // the shared phase, epoch 4
                await(end);
            });
            onThreads(THREADS, id -> {
                tids[id] = gettid();
                RingBuffer b = session.threadBuffers().current();
                try (RawPoller p = b.openPoller()) {
                    for (int e = 0; e < epochs; e++) {
                        await(start);
                        for (int k = 0; k < perThread; k++) {
                            long page = (long) id * perThread + k;
                            for (int w = 0; w < 3; w++) mem.set(JAVA_BYTE, page * PAGE + w * 512, (byte) (e + 1));
                        }
                        await(end);
                        seen.get(id).addAll(faults(p));
                    }
                    await(start);                   // shared: everyone writes pages 0..perThread-1
                    for (int k = 0; k < perThread; k++) mem.set(JAVA_LONG, k * PAGE + id * 8L, id);
                    await(end);
                    seen.get(id).addAll(faults(p));
                    lost.addAndGet(b.lost());
                } finally {
                    session.threadBuffers().release();
                }
            });
            main.join();

            Map<Long, Integer> firstWritesPerPageEpoch = new HashMap<>();
            for (int id = 0; id < THREADS; id++) {
                for (WriteFault.Value f : seen.get(id)) {
                    assertEquals(tids[id], f.tid(), "a fault is attributed to the thread that wrote");
                    assertEquals(range.id(), f.rangeId());
                    assertFalse(f.isOrphan());
                    assertTrue(f.handleCycles() > 0);
                    long page = (f.address() - mem.address()) / PAGE;
                    if (f.epoch() <= epochs) {
                        assertEquals(id, page / perThread, "thread " + id + " faulted on another's page " + page);
                        assertFalse(f.isRepeat(), "disjoint pages never race");
                    }
                    if (!f.isRepeat()) firstWritesPerPageEpoch.merge(f.epoch() << 32 | page, 1, Integer::sum);
                }
            }
            for (int e = 1; e <= epochs; e++) {
                for (long page = 0; page < THREADS * perThread; page++) {
                    assertEquals(1, firstWritesPerPageEpoch.getOrDefault((long) e << 32 | page, 0),
                            "exactly one first write of page " + page + " in epoch " + e);
                }
            }
            for (long page = 0; page < perThread; page++) {
                assertEquals(1, firstWritesPerPageEpoch.getOrDefault((long) (epochs + 1) << 32 | page, 0),
                        "8 threads racing on page " + page + ": one first write");
            }
            assertEquals(pages(0, perThread), range.dirtyPages(), "shared phase: the racing pages, nothing else");
            for (int k = 0; k < perThread; k++) {
                for (int id = 0; id < THREADS; id++) assertEquals(id, mem.get(JAVA_LONG, k * PAGE + id * 8L));
            }
            WriteTracker.Statistics s = t.statistics();
            assertEquals(epochs * THREADS * perThread + perThread, s.faults() - s.repeats());
            assertEquals(0, lost.get(), "no record dropped from a writer's buffer");
            assertTrue(s.resolveCycles() > 0);
            assertTrue(t.failure().isEmpty());
        }
    }

    /** Must show: the async dirty set is exactly the pages written, epoch after epoch. */
    @Test
    void asyncDirtySetEqualsThePagesWritten() throws Exception {
        int pages = 1024;
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(WriteTracker.Options.async())) {
            assertEquals(WriteTracker.Mode.ASYNC, t.mode());
            MemorySegment mem = arena.allocate(pages * PAGE, PAGE);
            TrackedRange range = t.track(mem);
            RingBuffer scans = WriteTracker.dirtyPageRecords();
            try (RawPoller records = scans.openPoller()) {
                for (int epoch = 1; epoch <= 4; epoch++) {
                    BitSet expected = new BitSet();
                    int e = epoch;
                    // each thread writes a different, epoch-dependent subset of the pages
                    onThreads(THREADS, id -> {
                        for (int p = id; p < pages; p += THREADS) {
                            if ((p * 31 + e * 7) % 5 < 2) mem.set(JAVA_INT, p * PAGE + 64, p);
                        }
                    });
                    for (int p = 0; p < pages; p++) if ((p * 31 + e * 7) % 5 < 2) expected.set(p);
                    assertEquals(expected, range.dirtyPages(), "peek, epoch " + epoch);
                    assertEquals(expected, range.rearm(), "epoch " + epoch);
                    assertEquals(new BitSet(), range.dirtyPages(), "rearm protected every page again");
                    List<DirtyPages.Value> d = new ArrayList<>();
                    records.poll(r -> d.add(DirtyPages.valueOf(r)), 100);
                    assertEquals(1, d.size());
                    assertEquals(range.id(), d.get(0).rangeId());
                    assertEquals(epoch, d.get(0).epoch());
                    assertEquals(expected.cardinality(), d.get(0).written());
                    assertEquals(pages, d.get(0).pages());
                    assertEquals(gettid(), d.get(0).tid());
                }
            }
            assertEquals(0, t.statistics().faults(), "async: no thread ever stopped");
        }
    }

    @Test
    void asyncPeriodicScanEndsEpochsAndRecordsThem() throws Exception {
        try (Arena arena = Arena.ofShared();
             WriteTracker t = WriteTracker.open(WriteTracker.Options.async().withScanInterval(Duration.ofMillis(20)))) {
            MemorySegment mem = arena.allocate(64 * PAGE, PAGE);
            try (RawPoller records = WriteTracker.dirtyPageRecords().openPoller()) {
                TrackedRange range = t.track(mem);
                long total = 0;
                for (int i = 0; i < 64; i++) mem.set(JAVA_BYTE, i * PAGE, (byte) 1);
                long deadline = System.nanoTime() + 5_000_000_000L;
                List<DirtyPages.Value> d = new ArrayList<>();
                while (range.epoch() < 4 && System.nanoTime() < deadline) Thread.sleep(5);
                records.poll(r -> d.add(DirtyPages.valueOf(r)), 1000);
                assertTrue(d.size() >= 3, "the scanner ends an epoch every 20 ms: " + d);
                for (DirtyPages.Value p : d) total += p.written();
                assertEquals(64, total, "each written page is in exactly one epoch");
                assertNotEquals(gettid(), d.get(0).tid(), "scanned by the scanner thread");
                assertEquals(d.get(0).tid(), t.statistics().threadTid());
            }
        }
    }

    /**
     * Must show: closing while 8 threads are blocked on faults releases them all, bounded.
     * The writers write from native code (memset through a downcall): a Java thread blocked
     * in a fault while in Java code would also hold up every safepoint while the handler is
     * held (see {@link WriteTracker#hold}).
     */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void closeWhileEightThreadsAreBlockedInFaultsReleasesThemAll() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment mem = arena.allocate(THREADS * PAGE, PAGE);
            WriteTracker t = WriteTracker.open(WriteTracker.Options.sync().withStallTimeout(Duration.ZERO));
            t.track(mem);
            t.hold(true);
            AtomicIntegerArray tids = new AtomicIntegerArray(THREADS);
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int id = i;
                writers.add(Thread.ofPlatform().name("blocked-" + i).start(() -> {
                    tids.set(id, gettid());
                    try {
                        MemorySegment unused = (MemorySegment) MEMSET.invokeExact(mem.asSlice(id * PAGE), 0x5a, PAGE);
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (blockedInFault(tids) < THREADS && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(THREADS, blockedInFault(tids), "all 8 writers are stopped in handle_userfault");
            for (Thread w : writers) assertTrue(w.isAlive());

            long t0 = System.nanoTime();
            t.close();
            for (Thread w : writers) w.join(5_000);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            for (Thread w : writers) assertFalse(w.isAlive(), w.getName() + " still blocked after close");
            assertTrue(ms < 5_000, "released in " + ms + " ms");
            for (int i = 0; i < THREADS; i++) assertEquals(0x5a, mem.get(JAVA_BYTE, i * PAGE + PAGE - 1));
        }
    }

    /** Threads whose kernel wait channel is handle_userfault. */
    static int blockedInFault(AtomicIntegerArray tids) throws IOException {
        int n = 0;
        for (int i = 0; i < tids.length(); i++) {
            int tid = tids.get(i);
            if (tid == 0) continue;
            Path wchan = Path.of("/proc/self/task/" + tid + "/wchan");
            if (Files.exists(wchan) && Files.readString(wchan).contains("handle_userfault")) n++;
        }
        return n;
    }

    /** A kernel write (read(2) into tracked memory) with a full userfaultfd: it waits, then succeeds. */
    @Test
    void readIntoTrackedMemoryWithAFullUserfaultfdSucceedsAndIsRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        byte[] data = new byte[(int) (2 * PAGE)];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        Files.write(file, data);
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(WriteTracker.Options.sync())) {
            assertEquals("", t.note());
            MemorySegment mem = arena.allocate(4 * PAGE, PAGE);
            TrackedRange range = t.track(mem);
            RingBuffer b = session.threadBuffers().current();
            try (RawPoller p = b.openPoller(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer into = mem.asSlice(PAGE, 2 * PAGE).asByteBuffer();
                assertEquals(2 * PAGE, ch.read(into), "read(2) straight into tracked memory");
                assertArrayEquals(data, mem.asSlice(PAGE, 2 * PAGE).toArray(JAVA_BYTE));
                List<WriteFault.Value> f = faults(p);
                assertEquals(2, f.size(), "both pages the kernel wrote were recorded: " + f);
                for (WriteFault.Value w : f) assertEquals(b.ownerTid(), w.tid(), "attributed to the reading thread");
                assertEquals(pages(1, 3), range.rearm());
            } finally {
                session.threadBuffers().release();
            }
        }
    }

    @Test
    void threadWithoutABufferGoesToTheOrphanBuffer() throws Throwable {
        RingBuffer orphan = RingBuffer.wrapAddress(NativeBuffers.orphanBuffer());
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(WriteTracker.Options.sync());
             RawPoller p = orphan.openPoller()) {
            MemorySegment mem = arena.allocate(PAGE, PAGE);
            t.track(mem);
            int[] tid = new int[1];
            onThreads(1, i -> {
                tid[0] = gettid();
                mem.set(JAVA_BYTE, 0, (byte) 1);
            });
            List<WriteFault.Value> f = faults(p);
            assertEquals(1, f.size());
            assertTrue(f.get(0).isOrphan());
            assertEquals(tid[0], f.get(0).tid());
            assertEquals(1, t.statistics().orphans());
        } finally {
            orphan.close();
        }
    }

    @Test
    void refusesRangesItCannotOrMustNotTrack(@TempDir Path dir) throws Exception {
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(WriteTracker.Options.sync());
             WriteTracker other = WriteTracker.open(WriteTracker.Options.async())) {
            MemorySegment mem = arena.allocate(8 * PAGE, PAGE);
            assertRefused("on the heap", () -> t.track(MemorySegment.ofArray(new byte[(int) PAGE])));
            assertRefused("not page aligned", () -> t.track(mem.asSlice(64, PAGE)));
            assertRefused("not page aligned", () -> t.track(mem.asSlice(0, PAGE + 1)));
            assertRefused("empty", () -> t.track(mem.asSlice(0, 0)));
            Arena closed = Arena.ofConfined();
            MemorySegment freed = closed.allocate(PAGE, PAGE);
            closed.close();
            assertRefused("arena is closed", () -> t.track(freed));
            for (long at : new long[] {0x10000, mem.address()}) {
                for (long huge : new long[] {1L << 40, 1L << 56}) {     // past any mapping, or the address space
                    MemorySegment beyond = MemorySegment.ofAddress(at).reinterpret(huge);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.track(beyond));
                    assertTrue(e.getMessage().contains("cannot write-protect") || e.getMessage().contains("overlaps a ring"),
                            "the real cause, not a failed bitmap allocation: " + e.getMessage());
                }
            }
            t.track(mem.asSlice(2 * PAGE, 2 * PAGE));
            assertRefused("already tracked", () -> t.track(mem.asSlice(3 * PAGE, 2 * PAGE)));
            assertRefused("already tracked", () -> other.track(mem.asSlice(0, 3 * PAGE)));
            other.track(mem.asSlice(4 * PAGE, PAGE));   // adjacent ranges are fine, in any tracker

            RingBuffer b = session.threadBuffers().current();
            try {
                MemorySegment buffer = MemorySegment.ofAddress(b.address()).reinterpret(PAGE);
                assertRefused("ring buffer", () -> t.track(buffer));
            } finally {
                session.threadBuffers().release();
            }

            Path file = dir.resolve("mapped");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate((int) PAGE), 0);
                MemorySegment mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, PAGE, arena);
                assertRefused("cannot write-protect", () -> t.track(mapped));
            }
            assertEquals(1, t.ranges().size());
        }
    }

    /**
     * Misuse of ranges and trackers once closed, and of addresses nothing is mapped at: each
     * is a clear exception or a no-op, never a crash, a hang or a range silently half-tracked.
     */
    @Test
    void misuseAfterCloseAndOfUnmappedAddressesIsRefusedClearly() throws Exception {
        int refused = 0;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment mem = arena.allocate(4 * PAGE, PAGE);
            WriteTracker t = WriteTracker.open(WriteTracker.Options.sync());
            for (long at : new long[] {0, PAGE, 0xffff_8000_0000_0000L}) {     // NULL, page 1, the kernel's half
                MemorySegment nothing = MemorySegment.ofAddress(at).reinterpret(PAGE);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.track(nothing));
                assertTrue(e.getMessage().contains("cannot write-protect"), e.getMessage());
                refused++;
            }
            TrackedRange range = t.track(mem.asSlice(0, 2 * PAGE));
            range.close();
            range.close();                                      // twice: a no-op
            IllegalStateException gone = assertThrows(IllegalStateException.class, range::rearm);
            assertTrue(gone.getMessage().contains("no longer tracked"), gone.getMessage());
            refused++;
            mem.set(JAVA_BYTE, 0, (byte) 1);                    // untracked: no fault, no record
            assertEquals(0, t.statistics().faults());

            TrackedRange open = t.track(mem.asSlice(2 * PAGE, 2 * PAGE));
            t.close();
            t.close();                                          // twice: a no-op
            onThreads(1, i -> mem.set(JAVA_BYTE, 3 * PAGE, (byte) 1));    // writable again, nobody blocks
            for (Runnable misuse : List.<Runnable>of(() -> t.track(mem.asSlice(0, PAGE)), open::rearm, open::dirtyPages)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, misuse::run);
                assertTrue(e.getMessage().contains("write tracker is closed"), e.getMessage());
                refused++;
            }
            open.close();                                       // after its tracker: a no-op
            assertEquals(List.of(), t.ranges());
        }
        Soak.report("tracking-misuse", "refused", refused);
    }

    static void assertRefused(String why, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(why), "expected '" + why + "' in: " + e.getMessage());
    }

    /** If the handler dies, tracking turns off: nobody stays blocked and failure() says why. */
    @Test
    void handlerDeathTurnsTrackingOffWithoutBlockingAnyone() throws Throwable {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment mem = arena.allocate(4 * PAGE, PAGE);
            WriteTracker t = WriteTracker.open(WriteTracker.Options.sync().withSpin(Duration.ZERO));
            t.track(mem);
            int fd = t.fd();
            assertEquals(0, (int) CLOSE.invokeExact(fd), "the application closes an fd it does not own");
            onThreads(1, i -> mem.set(JAVA_BYTE, 0, (byte) 1));     // bounded by onThreads' join
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (t.failure().isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
            assertTrue(t.failure().orElseThrow().contains("closed by someone else"), t.failure().orElseThrow());
            assertThrows(IllegalStateException.class, () -> t.track(mem.asSlice(2 * PAGE, PAGE)));
            assertEquals(-1, t.fd(), "the descriptor number is never used again");
            mem.set(JAVA_BYTE, PAGE, (byte) 2);
            t.close();
        }
    }

    /** The adaptive policy spins through a burst, then sleeps: an idle handler burns no CPU. */
    @Test
    void adaptiveHandlerServesABurstSpinningAndIdlesAtZeroCpu() throws Exception {
        int pages = 2000;
        try (Arena arena = Arena.ofShared();
             WriteTracker t = WriteTracker.open(WriteTracker.Options.sync().withSpin(Duration.ofMillis(1)))) {
            MemorySegment mem = arena.allocate(pages * PAGE, PAGE);
            t.track(mem);
            for (int i = 0; i < pages; i++) mem.set(JAVA_BYTE, i * PAGE, (byte) 1);
            WriteTracker.Statistics burst = t.statistics();
            assertEquals(pages, burst.faults());
            assertTrue(burst.sleeps() < pages / 10, "most of a burst is served spinning: " + burst);
            Thread.sleep(100);      // the spin window ends, the handler goes to sleep
            Duration before = t.statistics().threadCpu();
            Thread.sleep(500);
            Duration idle = t.statistics().threadCpu().minus(before);
            assertTrue(idle.toMillis() < 5, "idle handler used " + idle);
        }
    }

    /** The canary measures the seed's steps continuously (its descriptor: {@link UffdFlavourTest}). */
    @Test
    void canaryRecordsTheFullBreakdownOfEachProbeFault() throws Exception {
        RingBuffer records = WriteFaultCanary.records();
        try (RawPoller p = records.openPoller()) {
            WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(Duration.ofMillis(10)));
            try {
                assertThrows(IllegalStateException.class, () -> WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS));
                WriteFaultCanary.setPeriod(Duration.ofMillis(5));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (p.available() < 40 && System.nanoTime() < deadline) Thread.sleep(10);
            } finally {
                WriteFaultCanary.stop();
            }
            assertFalse(WriteFaultCanary.isRunning());
            List<WriteFaultProbe.Value> probes = new ArrayList<>();
            p.poll(r -> probes.add(WriteFaultProbe.valueOf(r)), 10_000);
            assertTrue(probes.size() >= 40, "4 probes per tick: " + probes.size());
            for (int i = 0; i < probes.size(); i++) {
                WriteFaultProbe.Value w = probes.get(i);
                assertEquals(i + 1, w.sequence());
                assertTrue(w.receiveCycles() > 0 && w.resolveCycles() > 0, w.toString());
                long handlerSide = w.receiveCycles() + w.resolveCycles();
                if (w.completeCycles() > 0) {
                    assertEquals(w.totalCycles(), handlerSide + w.completeCycles(), "the steps add up: " + w);
                } else {    // woken inside the ioctl, the writer finished before the handler's timestamp
                    assertTrue(w.totalCycles() <= handlerSide, w.toString());
                }
            }
        }
    }
}
