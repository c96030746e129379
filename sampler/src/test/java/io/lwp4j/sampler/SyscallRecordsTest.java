package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.SyscallLayout.*;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SyscallRecordsTest {

    @Test
    void recordCarriesEveryFieldWhereLwp4jHPutsIt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<long[]> seen = new ArrayList<>();
        Thread t = new Thread(() -> {
            try (RingBuffer b = RingBuffer.createForCurrentThread(16, 0, 0); RawPoller p = b.openPoller()) {
                long start = RecordClock.now();
                long end = start + 12345;
                assertTrue(SyscallRecords.append(b, start, end, 4096, 8192, 1L << 40, 7, PREAD, FILE, FLAG_THREW,
                        ERROR_TIMEOUT, 99));
                p.poll(r -> {
                    assertEquals(RecordType.SYSCALL, r.type());
                    assertEquals(b.ownerTid(), r.tid());
                    assertEquals(RecordClock.recordFlags(), r.flags());
                    assertEquals(RecordClock.isTsc(), (r.flags() & RecordLayout.FLAG_TIME_NS) == 0);
                    seen.add(new long[] {r.time(), r.word(0), r.word(1), r.word(2), r.word(3), r.word(4), r.word(5)});
                }, 10);
                long[] w = seen.get(0);
                assertEquals(start, w[0]);
                assertEquals(RecordClock.toNanos(12345), w[1], "duration converted to ns");
                assertEquals(4096, w[2]);
                assertEquals(8192, w[3]);
                assertEquals(1L << 40, w[4]);
                assertEquals(7, SyscallLayout.fd(w[5]));
                assertEquals(PREAD, operation(w[5]));
                assertEquals(FILE, kind(w[5]));
                assertEquals(FLAG_THREW, flags(w[5]));
                assertEquals(ERROR_TIMEOUT, error(w[5]));
                assertEquals(99, w[6]);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(1, seen.size());
    }

    @Test
    void ticksBecomeNanosecondsAtTheClocksRate() throws Throwable {
        long hz = RecordClock.isTsc() ? (long) io.lwp4j.sampler.internal.NativeClock.tscHz() : 1_000_000_000L;
        assertEquals(0, RecordClock.toNanos(0));
        for (long ticks : new long[] {1, 37, 1_000, hz / 1000, hz, 3600 * hz, -hz / 1000}) {
            double exact = ticks * 1e9 / hz;
            assertEquals(exact, RecordClock.toNanos(ticks), Math.max(1, Math.abs(exact) * 1e-12), ticks + " ticks");
        }
    }

    @Test
    void negativeFdSurvivesPacking() {
        long w = packDescriptorWord(-1, SELECT, SELECTOR, FLAG_VIRTUAL, ERROR_NONE);
        assertEquals(-1, SyscallLayout.fd(w));
        assertEquals(SELECT, operation(w));
        assertEquals(SELECTOR, kind(w));
        assertEquals(FLAG_VIRTUAL, flags(w));
    }

    @Test
    void namesRoundTrip() {
        for (int op = 1; op <= OPERATION_MAX; op++) {
            assertEquals(op, operationOf(operationName(op)));
        }
        assertEquals(-1, operationOf("fsync"));
        assertEquals("server-socket", kindName(SERVER_SOCKET));
    }

    /** Without a carrier binding a virtual thread cannot get a buffer: its records belong to its carrier. */
    @Test
    void virtualThreadWithoutCarrierBindingIsRefusedClearly() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS)) {
                session.threadBuffers().current();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }).join();
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertTrue(thrown.get().getMessage().contains("carrier"), thrown.get().getMessage());
    }
}
