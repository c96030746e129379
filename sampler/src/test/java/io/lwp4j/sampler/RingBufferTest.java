package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RingBufferTest {
    private static final int RAW = 1 << CONSUMER_RAW;

    @Test
    void javaAppendIsSeenByAPollerWithEveryField() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(64, 0, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(b.append(RecordType.USER.code(), 3, 1000 + i, i, -i, 2, 3, 4, Long.MAX_VALUE - i));
            }
            List<String> seen = new ArrayList<>();
            int n = p.poll(r -> {
                assertEquals(RecordType.USER, r.type());
                assertEquals(3, r.flags());
                assertEquals(b.ownerTid(), r.tid());
                assertEquals(1000 + r.position(), r.time());
                assertEquals(Long.MAX_VALUE - r.position(), r.word(5));
                seen.add(r.word(0) + "/" + r.word(1));
            }, 100);
            assertEquals(10, n);
            assertEquals("0/0", seen.get(0));
            assertEquals("9/-9", seen.get(9));
            assertEquals(0, p.available());
            assertEquals(0, b.lost());
        }
    }

    @Test
    void fullBufferDropsAndCountsNeverOverwritesUnread() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            for (int i = 0; i < 40; i++) b.append(1, 0, 0, i, 0, 0, 0, 0, 0);
            assertEquals(16, b.head());
            assertEquals(24, b.lost());
            List<Long> seen = new ArrayList<>();
            p.poll(r -> seen.add(r.word(0)), 100);
            assertEquals(0L, seen.get(0), "the oldest unread record survived");
            assertEquals(15L, seen.get(15));
            assertTrue(b.append(1, 0, 0, 99, 0, 0, 0, 0, 0), "space again once the consumer advanced");
        }
    }

    @Test
    void startTimeThatPreparesTheNextAppendIsTheRecordClockAndChangesNothing() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            for (int lap = 0; lap < 3 * 16; lap++) { // every slot, across laps and a full buffer
                long before = RecordClock.now();
                long start = b.nowPreparingAppend();
                long after = RecordClock.now();
                assertTrue(before <= start && start <= after, before + " <= " + start + " <= " + after);
                long head = b.head();
                long lost = b.lost();
                long available = p.available();
                b.nowPreparingAppend();
                assertEquals(head, b.head());
                assertEquals(lost, b.lost());
                assertEquals(available, p.available());
                b.append(1, 0, start, lap, 0, 0, 0, 0, 0);
                if (lap % 20 == 19) p.poll(r -> {}, 100);
            }
        }
    }

    @Test
    void withNoConsumerEveryRecordCountsAsLost() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, 0)) {
            for (int i = 0; i < 5; i++) assertFalse(b.append(1, 0, 0, i, 0, 0, 0, 0, 0));
            assertEquals(5, b.lost());
            assertEquals(0, b.head());
        }
    }

    @Test
    void anotherThreadMayNotAppend() throws Exception {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    b.append(1, 0, 0, 0, 0, 0, 0, 0, 0);
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            t.join();
            assertInstanceOf(IllegalStateException.class, thrown.get());
            assertTrue(thrown.get().getMessage().contains("single-writer"));
        }
    }

    @Test
    void attachedPollerSeesRecordsFromAttachOn() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(32, 0, RAW); RawPoller raw = b.openPoller(CONSUMER_RAW)) {
            b.append(1, 0, 0, 1, 0, 0, 0, 0, 0);
            try (RawPoller late = b.openPoller()) {
                assertNotEquals(CONSUMER_RAW, late.slot(), "dynamic pollers take a free slot");
                b.append(1, 0, 0, 2, 0, 0, 0, 0, 0);
                List<Long> seen = new ArrayList<>();
                late.poll(r -> seen.add(r.word(0)), 10);
                assertEquals(List.of(2L), seen);
            }
            assertEquals(2, raw.poll(r -> {}, 10));
        }
    }

    @Test
    void badSizesAreRefusedClearly() {
        for (int bad : new int[] {0, 15, 100, 1 << 25, -64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RingBuffer.createForCurrentThread(bad, 0, 0));
            assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RingBuffer.createForCurrentThread(64, 65, 0));
        assertThrows(IllegalArgumentException.class, () -> new BufferConfig(48, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> BufferConfig.capacityForBytes(1000));
        assertEquals(256, BufferConfig.capacityForBytes(16 << 10));
    }

    @Test
    void pollingAClosedBufferThrowsInsteadOfReadingFreedMemory() {
        RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW);
        RawPoller p = b.openPoller(CONSUMER_RAW);
        b.append(1, 0, 0, 0, 0, 0, 0, 0, 0);
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.poll(r -> {}, 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, b::head);
    }

    @Test
    void corruptedHeadersAreRefusedBeforeAnyRead() {
        try (Arena arena = Arena.ofConfined(); RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW)) {
            MemorySegment copy = arena.allocate(mappingSize(16), 4096);
            MemorySegment.copy(MemorySegment.ofAddress(b.address()).reinterpret(mappingSize(16)), 0, copy, 0, mappingSize(16));
            RingBuffer.wrap(copy).close();

            assertRefused(copy, s -> s.set(JAVA_INT, MAGIC_OFFSET, 0xdeadbeef), "magic");
            assertRefused(copy, s -> s.set(JAVA_INT, ABI_VERSION_OFFSET, 99), "ABI version");
            assertRefused(copy, s -> s.set(JAVA_INT, RECORD_SIZE_OFFSET, 32), "record size");
            assertRefused(copy, s -> s.set(JAVA_LONG, CAPACITY_OFFSET, 24), "capacity");
            assertRefused(copy, s -> s.set(JAVA_LONG, CAPACITY_OFFSET, 1 << 20), "needs");
            assertRefused(copy, s -> s.set(JAVA_LONG, HEAD_OFFSET, 1000), "lap");
            assertThrows(IllegalArgumentException.class, () -> RingBuffer.wrap(copy.asSlice(0, 100)));
            assertThrows(IllegalArgumentException.class, () -> RingBuffer.wrap(MemorySegment.ofArray(new byte[8192])));
        }
    }

    private static void assertRefused(MemorySegment good, java.util.function.Consumer<MemorySegment> corrupt, String why) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bad = arena.allocate(good.byteSize(), 4096);
            MemorySegment.copy(good, 0, bad, 0, good.byteSize());
            corrupt.accept(bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RingBuffer.wrap(bad));
            assertTrue(e.getMessage().contains(why), e.getMessage() + " should name " + why);
        }
    }

    /**
     * What a consumer is handed cannot write the buffer: the view's memory is read-only (a write
     * through it throws and changes nothing), it reads only within its record, and lwp4j's own
     * native buffers refuse a record from any Java thread.
     */
    @Test
    void viewsHandedToConsumersAreReadOnly() throws Throwable {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            b.append(1, 0, 0, 7, 0, 0, 0, 0, 0);
            assertTrue(b.readOnlyData().isReadOnly());
            java.lang.reflect.Field data = RecordView.class.getDeclaredField("data");
            data.setAccessible(true);
            p.poll(r -> {
                assertThrows(IndexOutOfBoundsException.class, () -> r.word(6));
                MemorySegment seen;
                try {
                    seen = (MemorySegment) data.get(r);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                assertTrue(seen.isReadOnly(), "the memory behind the view");
                IllegalArgumentException write = assertThrows(IllegalArgumentException.class,
                        () -> seen.set(JAVA_LONG, RecordLayout.payloadOffset(0), 99L));
                assertTrue(write.getMessage().contains("read-only"), write.getMessage());
                assertEquals(7, r.word(0), "unchanged");
                Soak.report("raw-views-read-only", "write_through_view", "refused", "value_after", r.word(0));
            }, 1);
        }
        try (RingBuffer orphan = RingBuffer.wrapAddress(NativeBuffers.orphanBuffer())) {
            for (RingBuffer lwp4jOwn : List.of(orphan, io.lwp4j.sampler.tracking.WriteTracker.dirtyPageRecords())) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> lwp4jOwn.append(1, 0, 0, 0, 0, 0, 0, 0, 0));
                assertTrue(e.getMessage().contains("single-writer"), e.getMessage());
            }
        }
    }

    @Test
    void doorbellRingsWhenTheWatermarkIsCrossed() throws Throwable {
        try (RingBuffer b = RingBuffer.createForCurrentThread(64, 8, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            while (NativeBuffers.doorbellWait(0) == 1) {
                // other tests' buffers may have rung it: start from a quiet doorbell
            }
            for (int i = 0; i < 7; i++) b.append(1, 0, 0, i, 0, 0, 0, 0, 0);
            assertEquals(0, NativeBuffers.doorbellWait(0), "below the watermark: silent");
            b.append(1, 0, 0, 7, 0, 0, 0, 0, 0);
            assertEquals(1, NativeBuffers.doorbellWait(1000), "at the watermark: rung");
            b.append(1, 0, 0, 8, 0, 0, 0, 0, 0);
            assertEquals(0, NativeBuffers.doorbellWait(0), "rings once until the consumer catches up");
            p.poll(r -> {}, 1);
            b.append(1, 0, 0, 9, 0, 0, 0, 0, 0);
            assertEquals(0, NativeBuffers.doorbellWait(0),
                    "a consumer still behind what was there at the ring is awake: silent");
            p.poll(r -> {}, 100);
            for (int i = 10; i < 17; i++) b.append(1, 0, 0, i, 0, 0, 0, 0, 0);
            assertEquals(0, NativeBuffers.doorbellWait(0), "caught up, below the watermark again");
            b.append(1, 0, 0, 17, 0, 0, 0, 0, 0);
            assertEquals(1, NativeBuffers.doorbellWait(1000), "caught up, then over it again: rung again");
        }
    }
}
