package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.tracking.WriteTrackerTest.PAGE;
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
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application unmaps memory while it is tracked (it should untrack first: the API says
 * so; this is what happens when it does not), and then maps new memory at the same address.
 * Nothing blocks, nothing crashes, the stale range reports clearly, the tracker's other
 * ranges keep being tracked, and the address can be tracked again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnmappedWhileTrackedTest {
    @RegisterExtension
    final SessionPerTest session = new SessionPerTest(BufferConfig.DEFAULTS);

    static final Linker LINKER = Linker.nativeLinker();
    static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    static final int PROT_RW = 3;
    static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    static final int MAP_FIXED_NOREPLACE = 0x100000;
    static final int PAGES = 32;

    static MemorySegment map(long at, long bytes) throws Throwable {
        MemorySegment m = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(at), bytes, PROT_RW,
                MAP_PRIVATE_ANONYMOUS | (at == 0 ? 0 : MAP_FIXED_NOREPLACE), -1, 0L);
        assertNotEquals(-1L, m.address(), "mmap");
        if (at != 0) assertEquals(at, m.address(), "mapped again at the same address");
        return m.reinterpret(bytes);
    }

    static void unmap(MemorySegment m) throws Throwable {
        assertEquals(0, (int) MUNMAP.invokeExact(m, m.byteSize()));
    }

    static BitSet pages(int... p) {
        BitSet b = new BitSet();
        for (int i : p) b.set(i);
        return b;
    }

    @Test
    void syncTrackerSurvivesItsMemoryBeingUnmappedAndMappedAgain() throws Throwable {
        scenario(WriteTracker.Options.sync());
    }

    @Test
    void asyncTrackerWithAPeriodicScanSurvivesItsMemoryBeingUnmappedAndMappedAgain() throws Throwable {
        scenario(WriteTracker.Options.async().withScanInterval(Duration.ofMillis(5)));
    }

    private void scenario(WriteTracker.Options options) throws Throwable {
        RingBuffer own = session.threadBuffers().current();
        try (Arena arena = Arena.ofShared(); WriteTracker t = WriteTracker.open(options); RawPoller p = own.openPoller();
             RawPoller scans = WriteTracker.dirtyPageRecords().openPoller()) {
            MemorySegment kept = arena.allocate(PAGES * PAGE, PAGE);
            TrackedRange keptRange = t.track(kept);
            MemorySegment doomed = map(0, PAGES * PAGE);
            TrackedRange doomedRange = t.track(doomed);
            doomed.set(JAVA_BYTE, 3 * PAGE, (byte) 1);
            unmap(doomed);                                          // while tracked

            MemorySegment again = map(doomed.address(), PAGES * PAGE);
            long t0 = System.nanoTime();
            for (int i = 0; i < PAGES; i++) again.set(JAVA_BYTE, i * PAGE, (byte) 2);   // must not block
            long newMemoryWriteMicros = (System.nanoTime() - t0) / 1000;
            Thread.sleep(50);                                       // async: several scans over the stale range

            kept.set(JAVA_BYTE, 5 * PAGE, (byte) 3);
            assertEveryWriteInOneEpoch(options, keptRange, pages(5), scans, "the other range is still tracked");
            assertTrue(t.failure().isEmpty(), "the tracker did not fail: " + t.failure());

            IllegalStateException stale = assertThrows(IllegalStateException.class, doomedRange::rearm);
            assertTrue(stale.getMessage().contains("no longer mapped"), stale.getMessage());
            doomedRange.close();                                    // untrack: fine

            TrackedRange anew = t.track(again);                     // the address is free to track again
            again.set(JAVA_BYTE, 7 * PAGE, (byte) 4);
            assertEveryWriteInOneEpoch(options, anew, pages(7), scans, "the new range");
            anew.close();
            if (options.mode() == WriteTracker.Mode.SYNC) {
                long faults = p.available();
                assertTrue(faults >= 3, "faults of the live ranges were recorded: " + faults);
                p.poll(r -> assertEquals(RecordType.WRITE_FAULT, r.type()), 100);
            }
            unmap(again);
            Soak.report("unmapped-while-tracked-" + options.mode().name().toLowerCase(), "pages", PAGES,
                    "new_memory_write_us", newMemoryWriteMicros);
        } finally {
            session.threadBuffers().release();
        }
    }

    /**
     * Ends {@code range}'s epoch and checks that the pages written since it was tracked are
     * {@code written}. Sync: rearm's answer. Async with a periodic scan: a scan may have ended
     * the epoch between the writes and rearm, so rearm answers part of them and every scan
     * (rearm's own too) is a DIRTY_PAGES record; each write is in exactly one epoch.
     */
    private static void assertEveryWriteInOneEpoch(WriteTracker.Options options, TrackedRange range, BitSet written,
            RawPoller scans, String what) {
        BitSet ended = range.rearm();
        if (options.mode() == WriteTracker.Mode.SYNC) {
            assertEquals(written, ended, what);
            return;
        }
        BitSet extra = (BitSet) ended.clone();
        extra.andNot(written);
        assertTrue(extra.isEmpty(), what + ": rearm's answer " + ended + " holds pages not written");
        long[] scanned = new long[1];
        scans.poll(r -> {
            DirtyPages.Value d = DirtyPages.valueOf(r);
            if (d.rangeId() == range.id()) scanned[0] += d.written();
        }, Integer.MAX_VALUE);
        assertEquals(written.cardinality(), scanned[0], what + ": each written page is in exactly one scanned epoch");
    }
}
