package io.lwp4j.bench;

import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.jfr.JfrStatistics;
import io.lwp4j.jfr.Lwp4jSettings;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.layout.RecordType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;

/**
 * The drain pipeline end to end into JFR, on this machine (not a timed test: it prints).
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     io.lwp4j.bench.DrainPipelineBenchmark [--seconds=20] [--rounds=10] [--only=throughput|sustained|cpu]
 * </pre>
 *
 * <ol>
 *   <li><b>Throughput</b>: four threads each fill their 64 Ki-record buffer below its
 *       watermark (the drainer sleeps), then one flush drains every buffer and the JFR handler
 *       commits every record as an event into a running disk recording (JDK default settings
 *       plus lwp4j.jfc); timed from the flush request until the last event is committed.
 *       Records/s over the rounds, per configuration.
 *   <li><b>Sustained</b>: one producer paced at a fixed rate for a few seconds while the
 *       pipeline drains into the recording: events emitted per second and records lost.
 *   <li><b>CPU at 100 k records/s</b>: four threads each append 25 records every millisecond;
 *       lwp4j's own threads' CPU time (from /proc/self/task/N/schedstat, nanoseconds) as a
 *       share of one core, with JFR's own threads beside it.
 * </ol>
 */
public final class DrainPipelineBenchmark {
    private static final int PRODUCERS = 4;

    private DrainPipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        int rounds = 10;
        String only = "";
        for (String a : args) {
            if (a.startsWith("--seconds=")) seconds = Integer.parseInt(a.substring(10));
            else if (a.startsWith("--rounds=")) rounds = Integer.parseInt(a.substring(9));
            else if (a.startsWith("--only=")) only = a.substring(7);
            else throw new IllegalArgumentException("usage: DrainPipelineBenchmark [--seconds=N] [--rounds=N] "
                    + "[--only=throughput|sustained|cpu], got " + a);
        }
        System.out.printf("lwp4j drain pipeline -> JFR, %d CPUs, %s, JDK %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), Runtime.version());
        Path dir = Files.createTempDirectory("lwp4j-bench");
        try {
            if (only.isEmpty() || only.equals("throughput")) throughputTable(dir, rounds);
            if (only.isEmpty() || only.equals("sustained")) sustainedTable(dir);
            if (only.isEmpty() || only.equals("cpu")) cpuTable(dir, seconds);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void throughputTable(Path dir, int rounds) throws Exception {
        System.out.println("\n== Throughput: backlog of 4 x 65535 records drained into a disk recording ==");
        System.out.println("configuration                                   median M rec/s   (min .. max)");
        throughput(dir, rounds, "write faults -> lwp4j.WriteFault", RecordType.WRITE_FAULT, false, true);
        throughput(dir, rounds, "write faults -> WriteFault + RawRecord", RecordType.WRITE_FAULT, true, true);
        throughput(dir, rounds, "user records -> lwp4j.UserRecord", RecordType.USER, false, true);
        throughput(dir, rounds, "I/O call records (syscalls=records)", RecordType.SYSCALL, false, true);
        throughput(dir, rounds, "write faults, no recording (drain+decode)", RecordType.WRITE_FAULT, false, false);
    }

    private static void sustainedTable(Path dir) throws Exception {
        System.out.println("\n== Sustained: one producer paced at a fixed rate for 5 s (after 1 s warm-up), 4 MiB buffer, "
                + "write faults -> lwp4j.WriteFault ==");
        System.out.println("offered rec/s   emitted rec/s   lost");
        for (long rate : new long[] {1_000_000, 2_000_000, 3_000_000}) sustained(dir, rate, 5);
    }

    private static void cpuTable(Path dir, int seconds) throws Exception {
        System.out.printf("%n== CPU at 100 k records/s (%d threads x 25 records/ms), %d s ==%n", PRODUCERS, seconds);
        System.out.println("records -> events                       buffer   lwp4j CPU   ns/record   JFR threads   passes/s");
        for (int capacity : new int[] {256, 1024, 4096}) {
            cpuShare(dir, seconds, "I/O call records (syscalls=records)", RecordType.SYSCALL, capacity);
        }
        for (int capacity : new int[] {256, 1024, 4096}) {
            cpuShare(dir, seconds, "write faults -> one event each", RecordType.WRITE_FAULT, capacity);
        }
    }

    // ------------------------------------------------------------------ records

    private static long tsc() {
        try {
            return NativeClock.now();
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** One record of {@code type} with a plausible payload (see lwp4j.h). */
    private static boolean append(RingBuffer b, RecordType type, long i, long time) {
        return switch (type) {
            case WRITE_FAULT -> b.append(type.code(), 0, time, 0x7f00_0000_0000L + (i << 12), 1, i >>> 10,
                    20_000 + (i & 0x3ff) * 50, 0, b.ownerTid() + 1);
            case SYSCALL -> b.append(type.code(), 0, time, 2_000 + (i & 0xfff) * 10, 4096, 4096, -1,
                    9L | (1L + (i & 1)) << 32 | 2L << 40, 1);
            default -> b.append(RecordType.USER.code(), 0, time, i, 1, 2, 3, 4, 5);
        };
    }

    private static Recording recording(Path dir, boolean raw) throws Exception {
        Recording r = new Recording(Lwp4jSettings.with("default"));
        if (raw) r.enable("lwp4j.RawRecord");
        r.setDestination(dir.resolve("bench.jfr"));
        r.start();
        return r;
    }

    // ------------------------------------------------------------------ throughput

    private static void throughput(Path dir, int rounds, String label, RecordType type, boolean raw, boolean record)
            throws Exception {
        int capacity = 1 << 16;
        BufferConfig config = BufferConfig.DEFAULTS.withCapacity(capacity).withWatermark(capacity).withLockBudget(1L << 30);
        int perThread = capacity - 1; // below the watermark: the drainer is not woken
        CyclicBarrier go = new CyclicBarrier(PRODUCERS + 1);
        CyclicBarrier filled = new CyclicBarrier(PRODUCERS + 1);
        int total = rounds + 3;
        double[] rates = new double[rounds];
        try (SamplingSession session = SamplingSession.open(config);
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS.withIdleWait(Duration.ofSeconds(30)));
                Recording r = record ? recording(dir, raw) : null) {
            List<Thread> producers = new ArrayList<>();
            for (int k = 0; k < PRODUCERS; k++) {
                Thread t = new Thread(() -> {
                    RingBuffer b = session.threadBuffers().current();
                    long i = 0;
                    try {
                        for (int round = 0; round < total; round++) {
                            go.await();
                            long time = tsc();
                            for (int n = 0; n < perThread; n++) append(b, type, i++, time);
                            filled.await();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        session.threadBuffers().release();
                    }
                }, "bench-producer-" + k);
                t.start();
                producers.add(t);
            }
            for (int round = 0; round < total; round++) {
                go.await();
                filled.await();
                long t0 = System.nanoTime();
                if (!jfr.pipeline().flush(Duration.ofSeconds(60))) throw new IllegalStateException("flush timed out");
                long ns = System.nanoTime() - t0;
                if (round >= 3) rates[round - 3] = (double) PRODUCERS * perThread / ns * 1e3;
            }
            for (Thread t : producers) t.join();
            JfrStatistics s = jfr.statistics();
            if (s.drain().lost() != 0) throw new IllegalStateException("records lost: " + s);
        }
        Arrays.sort(rates);
        System.out.printf("%-46s %8.2f         (%.2f .. %.2f)%n", label, rates[rounds / 2], rates[0], rates[rounds - 1]);
    }

    // ------------------------------------------------------------------ sustained

    private static void sustained(Path dir, long ratePerSecond, int seconds) throws Exception {
        BufferConfig config = BufferConfig.DEFAULTS.withCapacity(1 << 16).withWatermark(1 << 14).withLockBudget(1L << 30);
        try (SamplingSession session = SamplingSession.open(config);
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS.withRingSize(1 << 16).withMaxBatch(1 << 14));
                Recording r = recording(dir, false)) {
            long perTick = ratePerSecond / 10_000; // 100 us ticks
            long warmupNanos = TimeUnit.SECONDS.toNanos(1);
            Thread producer = new Thread(() -> {
                RingBuffer b = session.threadBuffers().current();
                long next = System.nanoTime();
                long end = next + warmupNanos + TimeUnit.SECONDS.toNanos(seconds);
                long i = 0;
                while (next < end) {
                    long time = tsc();
                    for (long n = 0; n < perTick; n++) append(b, RecordType.WRITE_FAULT, i++, time);
                    next += 100_000;
                    long wait = next - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                }
                session.threadBuffers().release();
            }, "bench-producer");
            producer.start();
            LockSupport.parkNanos(warmupNanos); // the JIT compiles the drain and commit paths
            JfrStatistics s0 = jfr.statistics();
            long t0 = System.nanoTime();
            producer.join();
            jfr.pipeline().flush(Duration.ofSeconds(60));
            long ns = System.nanoTime() - t0;
            JfrStatistics s1 = jfr.statistics();
            long produced = s1.drain().produced() - s0.drain().produced();
            System.out.printf("%,13d   %,13.0f   %.3f %%   (%d drainer passes, %d loss notices)%n", ratePerSecond,
                    (s1.emitted() - s0.emitted()) * 1e9 / ns, 100.0 * (s1.drain().lost() - s0.drain().lost()) / produced,
                    s1.drain().passes() - s0.drain().passes(), s1.lostNoticesCommitted() - s0.lostNoticesCommitted());
        }
    }

    // ------------------------------------------------------------------ CPU

    /** CPU nanoseconds of this process's threads whose name starts with {@code prefix}. */
    private static long threadCpuNanos(String prefix) throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    if (!comm.startsWith(prefix)) continue;
                    sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                } catch (IOException threadEnded) {
                    // gone between the listing and the read
                }
            }
        }
        return sum;
    }

    private static void cpuShare(Path dir, int seconds, String label, RecordType type, int capacity) throws Exception {
        BufferConfig config = BufferConfig.DEFAULTS.withCapacity(capacity).withWatermark(0);
        int perTickPerThread = 25; // x 4 threads x 1000 ticks/s = 100 k records/s
        long warmupNanos = TimeUnit.SECONDS.toNanos(3);
        try (SamplingSession session = SamplingSession.open(config);
                JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS); Recording r = recording(dir, false)) {
            long runNanos = warmupNanos + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            List<Thread> producers = new ArrayList<>();
            for (int k = 0; k < PRODUCERS; k++) {
                Thread t = new Thread(() -> {
                    RingBuffer b = session.threadBuffers().current();
                    long next = start;
                    long i = 0;
                    while (next - start < runNanos) {
                        long time = tsc();
                        for (int n = 0; n < perTickPerThread; n++) append(b, type, i++, time);
                        next += 1_000_000;
                        long wait = next - System.nanoTime();
                        if (wait > 0) LockSupport.parkNanos(wait);
                    }
                    session.threadBuffers().release();
                }, "bench-producer-" + k);
                t.start();
                producers.add(t);
            }
            LockSupport.parkNanos(warmupNanos);
            JfrStatistics s0 = jfr.statistics();
            long lwp0 = threadCpuNanos("lwp4j-");
            long drainer0 = threadCpuNanos("lwp4j-drainer");
            long handler0 = threadCpuNanos("lwp4j-drain-jfr");
            long jfr0 = threadCpuNanos("JFR ");
            long t0 = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
            long lwp1 = threadCpuNanos("lwp4j-");
            long drainer1 = threadCpuNanos("lwp4j-drainer");
            long handler1 = threadCpuNanos("lwp4j-drain-jfr");
            long jfr1 = threadCpuNanos("JFR ");
            long wall = System.nanoTime() - t0;
            JfrStatistics s1 = jfr.statistics();
            for (Thread t : producers) t.join();
            long records = s1.drain().drained() - s0.drain().drained();
            long passes = s1.drain().passes() - s0.drain().passes();
            System.out.printf("%-38s %5d KiB   %6.3f %%   %7.1f      %6.3f %%     %6.0f   (%,.0f rec/s, %d lost; "
                            + "drainer %.0f, JFR handler %.0f ns/record)%n",
                    label, capacity * 64 / 1024, 100.0 * (lwp1 - lwp0) / wall, (double) (lwp1 - lwp0) / records,
                    100.0 * (jfr1 - jfr0) / wall, passes * 1e9 / wall, records * 1e9 / wall, s1.drain().lost(),
                    (double) (drainer1 - drainer0) / records, (double) (handler1 - handler0) / records);
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException e) {
            // not Linux-like: leave it out
        }
        return "unknown CPU";
    }
}
