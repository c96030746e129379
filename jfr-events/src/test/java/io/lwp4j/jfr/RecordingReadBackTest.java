package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.jfr.events.SyscallEvent;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.Subscription;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.IDescribable;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.unit.ContentType;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * A real recording of every lwp4j event, made in this JVM with the JDK's default settings plus
 * lwp4j.jfc (raw records and every Syscall enabled on top), read back with the JDK's
 * {@link RecordingFile} and with JDK Mission Control's parser. The recording threads also do
 * what the agent does for an I/O call: count it in their own {@link ThreadIoCounts} and commit
 * its {@code lwp4j.Syscall} themselves, spanning the call ({@link EventSpan}).
 */
class RecordingReadBackTest {
    static final int THREADS = 3;
    static final int ROUNDS = 200;
    static final int LOSS_RECORDS = 400;

    @TempDir
    static Path dir;
    static Path file;
    static JfrStatistics statistics;
    static long lossThreadLost;
    static long subscriberFailures;
    static long tscHz;
    static List<RecordedEvent> events;
    static IItemCollection jmc;

    @BeforeAll
    static void record() throws Exception {
        file = dir.resolve("lwp4j.jfr");
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS.withCapacity(4096));
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS, Map.of());
                Recording recording = new Recording(Lwp4jSettings.with("default"))) {
            recording.enable("lwp4j.RawRecord");
            recording.enable("lwp4j.Syscall").with("callThreshold", "0 ns");
            recording.setDestination(file);
            recording.start();
            Subscription throwing = jfr.pipeline().subscribe(r -> {
                throw new IllegalStateException("a subscriber that always fails");
            });

            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < THREADS; k++) {
                Thread t = new Thread(() -> {
                    RingBuffer b = session.threadBuffers().current();
                    ThreadIoCounts io = session.ioCounts().register(Thread.currentThread());
                    for (int i = 0; i < ROUNDS; i++) {
                        SyntheticRecords.appendOneOfEach(b, i);
                        io.count(READ_FILE, SyntheticRecords.SYSCALL_NANOS, 4096);
                        commitSlowRead();
                    }
                    session.threadBuffers().release();
                    session.ioCounts().threadEnded(io);
                }, "recorded-" + k);
                threads.add(t);
            }
            // a thread whose 16-record buffer overflows: its losses become lwp4j.RecordsLost
            session.buffers().configure(BufferConfig.DEFAULTS.withCapacity(16));
            CountDownLatch made = new CountDownLatch(1);
            long[] lost = new long[1];
            Thread lossy = new Thread(() -> {
                RingBuffer b = session.threadBuffers().current();
                made.countDown();
                for (int i = 0; i < LOSS_RECORDS; i++) b.append(RecordType.USER.code(), 0, 0, 1_000_000 + i, 0, 0, 0, 0, 0);
                lost[0] = b.lost();
            }, "lossy");
            lossy.start();
            made.await();
            session.buffers().configure(BufferConfig.DEFAULTS.withCapacity(4096));
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
            lossy.join();
            lossThreadLost = lost[0];
            tscHz = session.threadBuffers().current().tscHz();
            Thread.sleep(1200); // one period of the 1 s summaries
            recording.stop(); // ends the chunk: the end-of-chunk hook drains and commits the statistics
            statistics = jfr.statistics();
            subscriberFailures = throwing.failures();
        }
        events = RecordingFile.readAllEvents(file);
        jmc = JfrLoaderToolkit.loadEvents(file.toFile());
    }

    private static final int READ_FILE = ThreadIoCounts.pair(SyscallLayout.READ, SyscallLayout.FILE);

    /** lwp4j.Syscall of a {@link SyntheticRecords#SYSCALL_NANOS} read, committed as the agent commits it. */
    private static void commitSlowRead() {
        SyscallEvent e = new SyscallEvent();
        assertTrue(EventSpan.spanLast(e, SyntheticRecords.SYSCALL_NANOS), EventSpan.unavailableBecause());
        e.callTime = SyntheticRecords.SYSCALL_NANOS;
        e.operation = "read";
        e.kind = "file";
        e.fd = 7;
        e.path = "/data/file";
        e.bytes = 4096;
        e.result = 4096;
        e.requested = 8192;
        e.position = -1;
        e.error = "none";
        e.commit();
    }

    @AfterAll
    static void keepNothing() throws IOException {
        Files.deleteIfExists(file);
    }

    private static List<RecordedEvent> events(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    @Test
    void everyLwp4jEventTypeIsInTheRecording() {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedEvent e : events) {
            String name = e.getEventType().getName();
            if (name.startsWith("lwp4j.")) counts.merge(name, 1L, Long::sum);
        }
        for (Class<? extends Event> c : JfrPipeline.EVENT_CLASSES) {
            String name = EventType.getEventType(c).getName();
            assertTrue(counts.containsKey(name), name + " missing; recorded: " + counts);
        }
        int perType = THREADS * ROUNDS;
        assertEquals(perType, counts.get("lwp4j.WriteFault"));
        assertEquals(perType, counts.get("lwp4j.Syscall"));
        assertEquals(7L * perType + LOSS_RECORDS - lossThreadLost, counts.get("lwp4j.RawRecord"));
        assertEquals(perType + LOSS_RECORDS - lossThreadLost, counts.get("lwp4j.UserRecord"));
        System.out.println("lwp4j events in the recording: " + counts);
    }

    @Test
    void jfrAccountsForEveryRecordAndTheStatisticsEventSaysSo() {
        assertTrue(lossThreadLost > 0, "a 16-record buffer written in a loop overflows");
        long lostInEvents = events("lwp4j.RecordsLost").stream().mapToLong(e -> e.getLong("lost")).sum();
        assertEquals(lossThreadLost, lostInEvents);
        long produced = 7L * THREADS * ROUNDS + LOSS_RECORDS;
        assertEquals(produced, statistics.drain().produced());
        assertEquals(produced, statistics.emitted() + statistics.drain().lost(), statistics.toString());
        assertEquals(0, statistics.filtered());
        RecordedEvent s = events("lwp4j.DrainStatistics").getLast();
        assertTrue(s.getBoolean("flushed"));
        assertEquals(produced, s.getLong("produced"));
        assertEquals(statistics.emitted(), s.getLong("emitted"));
        assertEquals(lossThreadLost, s.getLong("lost"));
        assertEquals(0, s.getLong("pending"));
        assertEquals(0, s.getLong("inFlight"));
        assertEquals(THREADS * ROUNDS * 7L + LOSS_RECORDS - lossThreadLost, s.getLong("drained"));
        long typesDrained = events("lwp4j.RecordTypeStatistics").stream().mapToLong(e -> e.getLong("drained")).sum();
        assertEquals(s.getLong("drained"), typesDrained);
        assertEquals(statistics.drain().drained(), subscriberFailures, "the subscriber threw on every record...");
        assertEquals(THREADS * ROUNDS, events("lwp4j.WriteFault").size(), "...and JFR got every record anyway");
    }

    @Test
    void valuesAreConvertedToNanosecondsAndNames() {
        RecordedEvent f = events("lwp4j.WriteFault").getFirst();
        assertEquals(Math.round(SyntheticRecords.HANDLE_CYCLES * 1e9 / tscHz), f.getDuration("handleTime").toNanos(), 1);
        assertTrue(f.getLong("address") >= SyntheticRecords.PAGE);
        assertTrue(f.getBoolean("handlerWoken"));
        assertNotNull(f.getThread("thread"), "the Java thread the record is about");
        assertTrue(f.getThread("thread").getJavaName().startsWith("recorded-"));
        assertEquals("lwp4j-drain-" + JfrPipeline.HANDLER, f.getThread().getJavaName(), "committed by the JFR handler");
        assertTrue(f.getDuration("drainDelay").toNanos() >= 0);
        assertTrue(f.getDuration("drainDelay").compareTo(Duration.ofSeconds(30)) < 0);

        RecordedEvent sys = events("lwp4j.Syscall").getFirst();
        assertEquals("read", sys.getString("operation"));
        assertEquals("file", sys.getString("kind"));
        assertEquals("/data/file", sys.getString("path"));
        assertEquals(4096, sys.getLong("bytes"));
        assertEquals(SyntheticRecords.SYSCALL_NANOS, sys.getDuration("callTime").toNanos());
        assertEquals(SyntheticRecords.SYSCALL_NANOS, sys.getDuration().toNanos(), 1, "the event spans the call");
        assertTrue(sys.getThread().getJavaName().startsWith("recorded-"), "committed by the calling thread");
        assertTrue(sys.getStackTrace().getFrames().stream()
                .anyMatch(frame -> frame.getMethod().getName().equals("commitSlowRead")), "with its stack");

        RecordedEvent probe = events("lwp4j.SyscallPathProbe").getFirst();
        assertEquals("getpid", probe.getString("call"));
        assertEquals(64, probe.getLong("burst"));
        assertEquals(190, probe.getDuration("median").toNanos());

        RecordedEvent load = events("lwp4j.CodeLoadProbe").getFirst();
        assertEquals("memfd-dual", load.getString("strategy"));
        assertEquals(100, load.getDuration("median").toNanos());

        RecordedEvent dirty = events("lwp4j.DirtyPages").getFirst();
        assertEquals(0.25, dirty.getDouble("writtenFraction"), 1e-9);

        long summarised = events("lwp4j.SyscallSummary").stream().mapToLong(e -> e.getLong("calls")).sum();
        assertEquals(THREADS * ROUNDS, summarised, "every call is in a summary");
        long bytes = events("lwp4j.SyscallSummary").stream().mapToLong(e -> e.getLong("bytes")).sum();
        assertEquals(THREADS * ROUNDS * 4096L, bytes);
        RecordedEvent summary = events("lwp4j.SyscallSummary").getFirst();
        assertEquals("read", summary.getString("operation"));
        assertEquals("file", summary.getString("kind"));
        assertEquals(SyntheticRecords.SYSCALL_NANOS, summary.getDuration("p99").toNanos(),
                SyntheticRecords.SYSCALL_NANOS * IoHistogramScheme.RELATIVE_ERROR, "a bucket's midpoint");
        // over all intervals: one collect may see a call's bucket before its time (ThreadIoCounts), the next sees both
        long callTime = events("lwp4j.SyscallSummary").stream().mapToLong(e -> e.getDuration("callTime").toNanos()).sum();
        assertEquals(summarised * SyntheticRecords.SYSCALL_NANOS, callTime);
        assertEquals(IoHistogramScheme.index(SyntheticRecords.SYSCALL_NANOS) + ":" + summary.getLong("calls") + "|",
                summary.getString("histogram"));

        RecordedEvent raw = events("lwp4j.RawRecord").stream()
                .filter(e -> e.getInt("recordType") == RecordType.WRITE_FAULT.code()).findFirst().orElseThrow();
        assertEquals(SyntheticRecords.HANDLE_CYCLES, raw.getLong("word3"), "raw events carry cycles as written");
        assertEquals(tscHz, raw.getLong("tscFrequency"));
    }

    /** Units that must reach JMC whatever the annotations say (guards against a dropped annotation). */
    static final Map<String, ContentType<?>> REQUIRED_UNITS = Map.ofEntries(
            Map.entry("lwp4j.WriteFault.address", UnitLookup.ADDRESS),
            Map.entry("lwp4j.WriteFault.handleTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.WriteFault.handlerIdleTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.WriteFault.drainDelay", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.WriteFault.thread", UnitLookup.THREAD),
            Map.entry("lwp4j.DirtyPages.start", UnitLookup.ADDRESS),
            Map.entry("lwp4j.DirtyPages.scanTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.DirtyPages.writtenFraction", UnitLookup.PERCENTAGE),
            Map.entry("lwp4j.WriteFaultProbe.totalTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.SyscallPathProbe.median", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.SyscallPathProbe.tscFrequency", UnitLookup.FREQUENCY),
            Map.entry("lwp4j.CodeLoadProbe.median", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.Syscall.callTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.Syscall.bytes", UnitLookup.MEMORY),
            Map.entry("lwp4j.SyscallSummary.p999", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.SyscallSummary.waitTime", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.SyscallSummary.bytes", UnitLookup.MEMORY),
            Map.entry("lwp4j.WriteFaultSummary.max", UnitLookup.TIMESPAN),
            Map.entry("lwp4j.RawRecord.tscFrequency", UnitLookup.FREQUENCY),
            Map.entry("lwp4j.RecordsLost.owner", UnitLookup.THREAD),
            Map.entry("lwp4j.BufferStatistics.lockedMemory", UnitLookup.MEMORY),
            Map.entry("lwp4j.BufferStatistics.lockBudgetUsed", UnitLookup.PERCENTAGE));

    /** The unit JMC must report for a field, from the JFR annotation on it. */
    private static ContentType<?> expectedJmcContentType(ValueDescriptor field) {
        String annotation = field.getContentType();
        if (annotation != null) {
            return switch (annotation) {
                case "jdk.jfr.Timespan" -> UnitLookup.TIMESPAN;
                case "jdk.jfr.Timestamp" -> UnitLookup.TIMESTAMP;
                case "jdk.jfr.MemoryAddress" -> UnitLookup.ADDRESS;
                case "jdk.jfr.DataAmount" -> UnitLookup.MEMORY;
                case "jdk.jfr.Percentage" -> UnitLookup.PERCENTAGE;
                case "jdk.jfr.Frequency" -> UnitLookup.FREQUENCY;
                case "jdk.jfr.Unsigned" -> UnitLookup.RAW_NUMBER; // raw record words and TSC times
                default -> throw new AssertionError("no expectation for " + annotation + " on " + field.getName());
            };
        }
        return switch (field.getTypeName()) {
            case "java.lang.Thread" -> UnitLookup.THREAD;
            case "java.lang.String" -> UnitLookup.PLAIN_TEXT;
            case "boolean" -> UnitLookup.FLAG;
            case "long" -> UnitLookup.RAW_NUMBER; // JMC reads plain longs as raw numbers (ids, counters)
            case "int", "short", "byte", "float", "double" -> UnitLookup.NUMBER;
            default -> throw new AssertionError("no expectation for " + field.getTypeName() + " " + field.getName());
        };
    }

    @Test
    void jmcReportsEveryTypeWithItsFieldsLabelsAndUnits() {
        Map<String, IItemIterable> byType = new HashMap<>();
        for (IItemIterable it : jmc) {
            if (it.getType().getIdentifier().startsWith("lwp4j.") && it.hasItems()) {
                byType.put(it.getType().getIdentifier(), it);
            }
        }
        StringBuilder report = new StringBuilder();
        Map<String, ContentType<?>> required = new HashMap<>(REQUIRED_UNITS);
        for (Class<? extends Event> c : JfrPipeline.EVENT_CLASSES) {
            EventType declared = EventType.getEventType(c);
            IItemIterable items = byType.get(declared.getName());
            assertNotNull(items, declared.getName() + " not seen by JMC: " + byType.keySet());
            IType<IItem> type = items.getType();
            assertEquals(declared.getLabel(), type.getName(), "label of " + declared.getName());
            assertTrue(type.getDescription().startsWith(declared.getDescription()), type.getDescription());
            Map<String, IAccessorKey<?>> keys = new HashMap<>();
            Map<String, IDescribable> described = new HashMap<>();
            type.getAccessorKeys().forEach((k, d) -> {
                keys.put(k.getIdentifier(), k);
                described.put(k.getIdentifier(), d);
            });
            for (ValueDescriptor field : declared.getFields()) {
                String name = field.getName();
                if (name.equals("startTime") || name.equals("duration") || name.equals("eventThread")
                        || name.equals("stackTrace")) {
                    continue;
                }
                IAccessorKey<?> key = keys.get(name);
                assertNotNull(key, declared.getName() + "." + name + " not reported by JMC: " + keys.keySet());
                assertEquals(field.getLabel(), described.get(name).getName(), "label of " + declared.getName() + "." + name);
                assertSame(expectedJmcContentType(field), key.getContentType(),
                        "unit of " + declared.getName() + "." + name + " is " + key.getContentType().getIdentifier());
                ContentType<?> must = required.remove(declared.getName() + "." + name);
                if (must != null) assertSame(must, key.getContentType(), declared.getName() + "." + name);
                report.append(declared.getName()).append('.').append(name).append(": ").append(field.getLabel())
                        .append(" [").append(key.getContentType().getIdentifier()).append("]\n");
            }
        }
        assertEquals(Map.of(), required, "fields not found");
        System.out.print(report);
    }

    @SuppressWarnings("unchecked")
    private static <M> M member(IItemIterable items, String field) {
        IType<IItem> type = items.getType();
        for (IAccessorKey<?> k : type.getAccessorKeys().keySet()) {
            if (k.getIdentifier().equals(field)) {
                IMemberAccessor<M, IItem> a = (IMemberAccessor<M, IItem>) type.getAccessor(k);
                return a.getMember(items.iterator().next());
            }
        }
        throw new AssertionError(field + " not in " + type.getIdentifier());
    }

    @Test
    void jmcReadsTheValuesInTheirUnits() throws Exception {
        AtomicLong writeFaults = new AtomicLong();
        for (IItemIterable it : jmc) {
            String id = it.getType().getIdentifier();
            if (id.equals("lwp4j.WriteFault")) {
                writeFaults.addAndGet(it.getItemCount());
                IQuantity handle = member(it, "handleTime");
                assertEquals(Math.round(SyntheticRecords.HANDLE_CYCLES * 1e9 / tscHz),
                        handle.longValueIn(UnitLookup.NANOSECOND), 1);
                IQuantity address = member(it, "address");
                assertTrue(address.longValue() >= SyntheticRecords.PAGE);
            }
            if (id.equals("lwp4j.DirtyPages")) {
                IQuantity fraction = member(it, "writtenFraction");
                assertEquals(25.0, fraction.doubleValueIn(UnitLookup.PERCENT), 1e-9);
            }
            if (id.equals("lwp4j.Syscall")) {
                IQuantity bytes = member(it, "bytes");
                assertEquals(4096, bytes.longValueIn(UnitLookup.BYTE));
            }
        }
        assertEquals(THREADS * ROUNDS, writeFaults.get());
    }
}
