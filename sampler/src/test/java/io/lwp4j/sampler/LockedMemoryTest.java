package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.internal.NativeRegistry;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Locking verified where the kernel accounts it: VmLck in /proc/self/status. */
class LockedMemoryTest {
    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);

    static long vmLckKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmLck:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmLck in /proc/self/status");
    }

    @Test
    void buffersAreLockedAndUnlockedWhenFreed() throws Exception {
        long before = vmLckKiB();
        List<RingBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 8; i++) buffers.add(RingBuffer.createForCurrentThread(256, 0, 0));
        assertTrue(buffers.get(0).isLocked());
        assertEquals(before + 8 * mappingSize(256) / 1024, vmLckKiB(), "each 20 KiB mapping is locked");
        buffers.forEach(RingBuffer::close);
        assertEquals(before, vmLckKiB());
    }

    @Test
    void buffersOfExitedThreadsAreFreed() throws Throwable {
        BufferRegistry registry = session.buffers();
        registry.releasePooled();
        long before = vmLckKiB();
        int registered = registry.nativeRegistrySize();
        int threads = 32;
        CountDownLatch created = new CountDownLatch(threads);
        CountDownLatch exit = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                session.threadBuffers().current().append(1, 0, 0, 0, 0, 0, 0, 0, 0);
                created.countDown();
                try {
                    exit.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            ts.add(t);
        }
        assertTrue(created.await(10, TimeUnit.SECONDS));
        for (RingBuffer b : registry.liveBuffers()) {
            if (ts.contains(b.owner())) {
                MemorySegment found = NativeRegistry.get(b.ownerTid());
                assertEquals(b.address(), found.address(), "the native registry maps the tid to its buffer");
            }
        }
        long cap = registry.config().capacity();
        assertEquals(before + threads * mappingSize(cap) / 1024, vmLckKiB());
        assertEquals(registered + threads, registry.nativeRegistrySize());
        exit.countDown();
        for (Thread t : ts) t.join();
        assertEquals(threads, registry.reapExited());
        assertEquals(registered, registry.nativeRegistrySize());
        assertEquals(threads, registry.pooledBuffers(), "their mappings are kept for the next threads");
        assertEquals(before + threads * mappingSize(cap) / 1024, vmLckKiB(), "pooled mappings stay locked");
        assertEquals(threads, registry.releasePooled());
        assertEquals(before, vmLckKiB(), "VmLck back to baseline");
    }

    /** New threads take the pooled mappings of ended ones: no new mapping, no more locked memory. */
    @Test
    void newThreadsReuseTheMappingsOfEndedOnes() throws Exception {
        BufferRegistry registry = session.buffers();
        registry.releasePooled();
        long before = vmLckKiB();
        int threads = 16;
        List<Long> firstIds = oneBufferEach(threads);
        assertEquals(threads, registry.pooledBuffers());
        long mappingsBefore = BufferStatistics.read().buffersCreated();
        List<Long> secondIds = oneBufferEach(threads);
        assertEquals(mappingsBefore, BufferStatistics.read().buffersCreated(), "no new mapping was made");
        for (Long id : secondIds) assertFalse(firstIds.contains(id), "a reused mapping is a new buffer (new id)");
        assertEquals(before + threads * mappingSize(registry.config().capacity()) / 1024, vmLckKiB());
        registry.releasePooled();
        assertEquals(before, vmLckKiB());
    }

    /** Starts n threads at once, each appends to its own buffer and checks it reads back, then releases it. */
    private List<Long> oneBufferEach(int n) throws Exception {
        List<Long> ids = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(n);
        List<Throwable> failed = new CopyOnWriteArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    RingBuffer b = session.threadBuffers().current();
                    ids.add(b.bufferId());
                    assertEquals(0, b.head(), "a buffer starts empty");
                    assertEquals(0, b.lost());
                    try (RawPoller p = b.openPoller()) {
                        assertTrue(b.append(1, 0, 0, 42, 0, 0, 0, 0, 0));
                        long[] seen = new long[1];
                        assertEquals(1, p.poll(r -> seen[0] = r.word(0) + r.tid(), 10));
                        assertEquals(42 + b.ownerTid(), seen[0], "the record carries its new owner's tid");
                    }
                    all.countDown();
                    all.await();            // all alive at once: no mapping reused within the wave
                    session.threadBuffers().release();
                } catch (Throwable t) {
                    failed.add(t);
                }
            }));
        }
        for (Thread t : ts) t.join(10_000);
        if (!failed.isEmpty()) throw new AssertionError(failed.get(0));
        return ids;
    }

    @Test
    void budgetSpentLeavesFurtherBuffersUnlocked() {
        BufferRegistry registry = session.buffers();
        BufferStatistics before = BufferStatistics.read();
        registry.configure(BufferConfig.DEFAULTS.withLockBudget(before.lockedBytes() + mappingSize(16)));
        try (RingBuffer first = RingBuffer.createForCurrentThread(16, 0, 0);
                RingBuffer second = RingBuffer.createForCurrentThread(16, 0, 0)) {
            assertTrue(first.isLocked());
            assertFalse(second.isLocked());
            assertNotEquals(0, second.flags() & FLAG_UNLOCKED_BUDGET);
            BufferStatistics both = BufferStatistics.read();
            assertEquals(before.buffersLive() + 2, both.buffersLive());
            assertEquals(before.buffersLocked() + 1, both.buffersLocked(), "of the two new buffers one is locked");
        }
        BufferStatistics after = BufferStatistics.read();
        assertEquals(before.buffersLive(), after.buffersLive());
        assertEquals(before.buffersLocked(), after.buffersLocked(), "a locked buffer destroyed is no longer counted");
    }

    /**
     * A thread storm against lwp4j's lock budget: 400 threads make their buffers at once with
     * room for 32 locked ones. Exactly 32 are locked, VmLck (sampled throughout) never goes
     * past the budget, the rest say why they are unlocked, and all of it is given back.
     */
    @Test
    void lockBudgetHoldsAgainstAThreadStorm() throws Exception {
        BufferRegistry registry = session.buffers();
        registry.releasePooled();
        long before = vmLckKiB();
        long size = mappingSize(BufferConfig.DEFAULTS.capacity());
        int threads = 400, room = 32;
        registry.configure(BufferConfig.DEFAULTS.withLockBudget(BufferStatistics.read().lockedBytes() + room * size));
        AtomicBoolean storming = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        Thread watch = Thread.ofPlatform().start(() -> {
            while (storming.get()) {
                peak.accumulateAndGet(ProcSelf.vmLckKiB(), Math::max);
                LockSupport.parkNanos(200_000);
            }
        });
        int[] flags = new int[threads];
        CountDownLatch made = new CountDownLatch(threads);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int k = i;
                ts.add(Thread.ofPlatform().start(() -> {
                    flags[k] = session.threadBuffers().current().flags();
                    made.countDown();
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    session.threadBuffers().release();
                }));
            }
            assertTrue(made.await(60, TimeUnit.SECONDS));
            done.countDown();
            for (Thread t : ts) t.join(10_000);
        } finally {
            storming.set(false);
            watch.join();
        }
        int locked = 0, byBudget = 0;
        for (int f : flags) {
            if ((f & FLAG_LOCKED) != 0) locked++;
            if ((f & FLAG_UNLOCKED_BUDGET) != 0) byBudget++;
        }
        Soak.report("lock-budget-storm", "threads", threads, "budget_buffers", room, "locked", locked,
                "unlocked_budget", byBudget, "vmlck_kib_before", before, "vmlck_kib_peak", peak.get());
        assertEquals(room, locked, "as many locked as the budget holds");
        assertEquals(threads - room, byBudget, "every other one says the budget is why");
        assertTrue(peak.get() <= before + room * size / 1024, "VmLck never past the budget: peak " + peak + " KiB");
        registry.releasePooled();
        assertEquals(before, vmLckKiB(), "all given back");
    }

    /** The same storm against RLIMIT_MEMLOCK (64 KiB, no CAP_IPC_LOCK) in a child: 256 threads, at most 3 locked. */
    @Test
    void memlockLimitHoldsAgainstAThreadStorm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock",
                "prlimit", "--memlock=65536", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SelfCheck.class.getName(), "--buffers=256",
                "--records=100000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Matcher m = Pattern.compile("buffers: 256 created, (\\d+) locked, (\\d+) unlocked \\(rlimit\\)").matcher(out);
        assertTrue(m.find(), out);
        int locked = Integer.parseInt(m.group(1));
        Soak.report("memlock-rlimit-storm", "threads", 256, "rlimit_kib", 64, "locked", locked, "unlocked_rlimit",
                m.group(2));
        assertTrue(locked <= 65536 / mappingSize(256), "64 KiB holds at most 3 buffers of 20 KiB: " + out);
        assertEquals(256 - locked, Integer.parseInt(m.group(2)), out);
        assertTrue(out.contains("self-check passed"), out);
    }

    /** The fallback for real: a child JVM without CAP_IPC_LOCK under RLIMIT_MEMLOCK = 64 KiB. */
    @Test
    void smallMemlockLimitFallsBackToUnlockedAndSaysWhy() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock",
                "prlimit", "--memlock=65536", java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), SelfCheck.class.getName(), "--buffers=16");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("lwp4j: warning: ring buffers are not locked in memory"), out);
        assertTrue(out.contains("ulimit -l"), out);
        assertTrue(out.matches("(?s).*buffers: 16 created, \\d+ locked, \\d+ unlocked \\(rlimit\\).*"), out);
        assertFalse(out.contains("buffers: 16 created, 16 locked"), "64 KiB cannot hold 16 locked buffers: " + out);
        assertTrue(out.contains("self-check passed"), out);
    }
}
