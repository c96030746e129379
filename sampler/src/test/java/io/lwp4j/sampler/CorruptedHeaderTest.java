package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.layout.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A ring buffer's header is shared, writable memory: any consumer in the process could
 * overwrite it. Corrupted in place (not a copy: see {@link RingBufferTest}), it must give a
 * consumer an exception, never a read outside the mapping, and must never make lwp4j unmap
 * memory that is not the buffer's.
 */
class CorruptedHeaderTest {
    private static final int RAW = 1 << CONSUMER_RAW;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final int PROT_READ = 1;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MAP_FIXED_NOREPLACE = 0x100000;

    static MemorySegment header(RingBuffer b) {
        return MemorySegment.ofAddress(b.address()).reinterpret(HEADER_SIZE);
    }

    @Test
    void wrapAddressTakesTheSizeFromTheMappingNotFromACorruptedCapacity() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW)) {
            MemorySegment h = header(b);
            h.set(JAVA_LONG, CAPACITY_OFFSET, 1L << 20);        // valid, and 4096 times the mapping
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> RingBuffer.wrapAddress(MemorySegment.ofAddress(b.address())));
                assertTrue(e.getMessage().contains("needs") && e.getMessage().contains("the mapping has "
                        + mappingSize(16)), e.getMessage());
            } finally {
                h.set(JAVA_LONG, CAPACITY_OFFSET, 16L);
            }
            RingBuffer.wrapAddress(MemorySegment.ofAddress(b.address())).close();
        }
    }

    /** A well-formed header forged where no buffer lives: refused, not trusted for its size. */
    @Test
    void aForgedHeaderWhereNoBufferLivesIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fake = arena.allocate(HEADER_SIZE, 4096);
            fake.set(JAVA_INT, MAGIC_OFFSET, MAGIC);
            fake.set(JAVA_INT, ABI_VERSION_OFFSET, ABI_VERSION);
            fake.set(JAVA_INT, HEADER_SIZE_OFFSET, HEADER_SIZE);
            fake.set(JAVA_INT, RECORD_SIZE_OFFSET, RECORD_SIZE);
            fake.set(JAVA_LONG, CAPACITY_OFFSET, 1L << 16);    // 4 MiB of "records" past a 4 KiB block
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RingBuffer.wrapAddress(MemorySegment.ofAddress(fake.address())));
            assertTrue(e.getMessage().contains("no live lwp4j ring buffer"), e.getMessage());
        }
    }

    @Test
    void aPollerRefusesPositionsCorruptedAfterItOpened() {
        try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, RAW); RawPoller p = b.openPoller(CONSUMER_RAW)) {
            for (int i = 0; i < 3; i++) b.append(RecordType.USER.code(), 0, 0, i, 0, 0, 0, 0, 0);
            MemorySegment h = header(b);
            long head = h.get(JAVA_LONG, HEAD_OFFSET);
            long position = h.get(JAVA_LONG, consumerPositionOffset(CONSUMER_RAW));

            h.set(JAVA_LONG, HEAD_OFFSET, head + 5 * 16);          // the head beyond one lap
            assertCorrupted(() -> p.poll(r -> fail("no record may be handed out"), 100));
            assertCorrupted(p::available);
            h.set(JAVA_LONG, HEAD_OFFSET, head);

            h.set(JAVA_LONG, consumerPositionOffset(CONSUMER_RAW), head + 1);   // the position past the head
            assertCorrupted(() -> p.poll(r -> fail("no record may be handed out"), 100));
            h.set(JAVA_LONG, consumerPositionOffset(CONSUMER_RAW), position);

            long[] seen = new long[3];
            int afterRepair = p.poll(r -> seen[(int) r.position()] = r.word(0), 100);
            Soak.report("corrupted-header-positions", "corruptions_refused", 3, "records_after_repair", afterRepair);
            assertEquals(3, afterRepair, "repaired: reads on");
            assertArrayEquals(new long[] {0, 1, 2}, seen);
        }
    }

    /**
     * A thread's buffer header corrupted while the drain pipeline reads it: the drainer says
     * which buffer and why, leaves it for good (what it would count from it could not be
     * trusted), and goes on draining the others, without dying.
     */
    @Test
    void theDrainerLeavesACorruptedBufferAndDrainsTheOthers() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        AtomicLong othersRecords = new AtomicLong();
        AtomicLong fromCorrupted = new AtomicLong();
        int records = 1000;
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("count", (DrainHandler) r -> {
            if (r.type() == RecordType.USER && r.word(1) == 1) othersRecords.incrementAndGet();
            if (r.type() == RecordType.USER && r.word(1) == 2) fromCorrupted.incrementAndGet();
        }))) {
            RingBuffer mine = session.threadBuffers().current();
            assertTrue(mine.append(RecordType.USER.code(), 0, 0, 0, 0, 0, 0, 0, 0));
            assertTrue(pipeline.flush(Duration.ofSeconds(10)));
            MemorySegment h = header(mine);
            long head = h.get(JAVA_LONG, HEAD_OFFSET);
            h.set(JAVA_LONG, HEAD_OFFSET, head + 5 * mine.capacity());      // another consumer overwrote it
            Doorbell.ring();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stderr.toString(StandardCharsets.UTF_8).contains("buffer " + mine.bufferId())
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            h.set(JAVA_LONG, HEAD_OFFSET, head);

            AtomicLong othersDropped = new AtomicLong();
            Thread other = Thread.ofPlatform().start(() -> {
                RingBuffer b = session.threadBuffers().current();
                for (int i = 0; i < records; i++) {
                    if (!b.append(RecordType.USER.code(), 0, 0, i, 1, 0, 0, 0, 0)) othersDropped.incrementAndGet();
                }
                session.threadBuffers().release();
            });
            other.join(10_000);
            assertTrue(mine.append(RecordType.USER.code(), 0, 0, 0, 2, 0, 0, 0, 0), "its producer goes on");
            assertTrue(pipeline.flush(Duration.ofSeconds(10)), "the pipeline still flushes");
            String err = stderr.toString(StandardCharsets.UTF_8);
            Soak.report("corrupted-header-drain", "records_other_buffer", records, "drained", othersRecords.get(),
                    "lost", othersDropped.get(), "drainer_restarts", pipeline.drainerRestarts());
            assertEquals(records - othersDropped.get(), othersRecords.get(), "every other buffer is still drained");
            assertEquals(0, pipeline.drainerRestarts(), "the drainer did not die");
            assertEquals(0, fromCorrupted.get(), "the corrupted buffer stays left out, as the warning says, even "
                    + "once the registry changed (a new thread) and the header looks sane again");
            assertTrue(err.contains("lwp4j: warning: lwp4j ring buffer " + mine.bufferId() + " (thread "
                    + mine.ownerTid() + ") is no longer drained: ring buffer " + mine.bufferId()
                    + " has a corrupted header"), err);
            assertFalse(err.contains("freed without being retired"), "the warning names the real cause: " + err);
        } finally {
            System.setErr(realErr);
            System.err.print(stderr.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertCorrupted(Runnable poll) {
        IllegalStateException e = assertThrows(IllegalStateException.class, poll::run);
        assertTrue(e.getMessage().contains("corrupted header"), e.getMessage());
    }

    /**
     * Freeing a buffer whose capacity was overwritten unmaps the buffer, not what follows it:
     * the size comes from lwp4j's own table of its mappings.
     */
    @Test
    void freeingABufferWithACorruptedCapacityUnmapsOnlyTheBuffer() throws Throwable {
        RingBuffer b = RingBuffer.createForCurrentThread(16, 0, 0);
        long next = b.address() + (mappingSize(16) + 4095 & ~4095L);   // the first page after it
        MemorySegment guard = MemorySegment.NULL;
        if (!isMapped(next)) {                                  // a hole after it: put a page there
            guard = (MemorySegment) MMAP.invokeExact(MemorySegment.ofAddress(next), 4096L, PROT_READ,
                    MAP_PRIVATE_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0L);
            assertEquals(next, guard.address(), "a guard page right after the buffer");
        }
        header(b).set(JAVA_LONG, CAPACITY_OFFSET, 1L << 20);   // 64 MiB: would unmap whatever follows
        b.close();
        Soak.report("corrupted-header-free", "claimed_bytes", HEADER_SIZE + (1L << 20) * RECORD_SIZE, "mapping_bytes",
                mappingSize(16), "buffer_unmapped", !isMapped(b.address()), "neighbour_mapped", isMapped(next));
        assertFalse(isMapped(b.address()), "the buffer itself is unmapped");
        assertTrue(isMapped(next), "what follows the buffer is still mapped");
        if (!guard.equals(MemorySegment.NULL)) assertEquals(0, (int) MUNMAP.invokeExact(guard, 4096L));
    }

    /** Whether /proc/self/maps has a mapping that contains {@code address}. */
    static boolean isMapped(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) return true;
        }
        return false;
    }
}
