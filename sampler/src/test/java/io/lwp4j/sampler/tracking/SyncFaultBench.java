package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.decode.WriteFaultProbe;
import io.lwp4j.sampler.internal.NativeClock;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lwp4j's own sync path driven from a Java thread writing into a tracked segment, with the
 * same per-step table as {@code native/target/bench/fault_bench}, and fault_bench's bare C
 * baselines run in between, in the same process tree and with the same placement.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *      -cp sampler/target/test-classes:sampler/target/classes:native/target/classes \
 *      io.lwp4j.sampler.tracking.SyncFaultBench [faults] [--spin-us=50] [--rounds=3] \
 *      [--fault-bench=native/target/bench/fault_bench]
 * </pre>
 *
 * Each round runs every Java mode with faults / rounds faults, then fault_bench with as many;
 * the Java rows aggregate every sample, the C rows show the median of the per-round
 * medians. Steps: receive = record time - t0 (the handler read the message), handle = the
 * record's handle cycles, complete = t3 - (receive + handle) (un-protect, wake, resume),
 * total = t3 - t0, where t0 and t3 are {@code lwp4j_now()} (rdtsc) around the write.
 * Last, the {@link WriteFaultCanary}'s own records (bursts of 8 probes every 1 ms) with both
 * placements. A plain main so that it can move to the JMH bench module as is.
 */
public final class SyncFaultBench {
    static final long PAGE = TrackedRange.PAGE_SIZE;
    static final Linker LINKER = Linker.nativeLinker();
    static final MethodHandle SCHED_SETAFFINITY = LINKER.downcallHandle(
            LINKER.defaultLookup().find("sched_setaffinity").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));

    record Placement(String name, int writerCpu, int handlerCpu) {}

    static final List<Placement> PLACEMENTS =
            List.of(new Placement("same", 0, 0), new Placement("cross", 0, 1));

    private SyncFaultBench() {}

    public static void main(String[] args) throws Throwable {
        int faults = 10_000, rounds = 3;
        long spinUs = 50;
        Path faultBench = Path.of("native/target/bench/fault_bench");
        for (String a : args) {
            if (a.startsWith("--spin-us=")) spinUs = Long.parseLong(a.substring(10));
            else if (a.startsWith("--rounds=")) rounds = Integer.parseInt(a.substring(9));
            else if (a.startsWith("--fault-bench=")) faultBench = Path.of(a.substring(14));
            else faults = Integer.parseInt(a);
        }
        if (!Files.isExecutable(faultBench)) {
            throw new IllegalArgumentException(faultBench + " not found: build native first, or pass --fault-bench=");
        }
        int perRound = (faults + rounds - 1) / rounds;
        long hz = NativeClock.tscHz();
        int capacity = Integer.highestOneBit(Math.max(perRound, 16) * 2 - 1);
        // the bench's session, for the life of its process
        ThreadBuffers threadBuffers = SamplingSession.open(BufferConfig.DEFAULTS.withCapacity(capacity)).threadBuffers();

        Map<String, Samples> java = new LinkedHashMap<>();
        Map<String, List<double[]>> c = new LinkedHashMap<>();
        measure(threadBuffers, 2_000, 0, PLACEMENTS.get(0), new Samples());             // JIT warm-up, discarded
        for (int r = 0; r < rounds; r++) {
            for (Placement p : PLACEMENTS) {
                for (long spin : new long[] {0, spinUs}) {
                    String key = (spin == 0 ? "lwp4j sync (Java), blocking" : "lwp4j sync (Java), adaptive")
                            + "\t" + p.name();
                    measure(threadBuffers, perRound, spin, p, java.computeIfAbsent(key, k -> new Samples()));
                }
            }
            for (String[] row : faultBench(faultBench, perRound, spinUs)) {
                c.computeIfAbsent(row[1] + "\t" + row[2], k -> new ArrayList<>()).add(
                        Arrays.stream(row, 4, 12).mapToDouble(Double::parseDouble).toArray());
            }
        }

        System.out.printf("## SyncFaultBench: lwp4j sync from a Java thread vs fault_bench's bare C modes%n%n"
                + "%d faults per mode, %d rounds, spin window %d us, TSC %.3f GHz; same = writer and handler "
                + "on CPU 0, cross = writer CPU 0, handler CPU 1 (sched_setaffinity)%n%n"
                + "| mode | placement | receive mean / median | handle-resolve mean / median | "
                + "complete mean / median | total mean / median | faults |%n|---|---|---|---|---|---|---|%n",
                perRound * rounds, rounds, spinUs, hz / 1e9);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (var e : java.entrySet()) {
            double[] s = e.getValue().stats(hz);
            medians.put(e.getKey(), s[7]);
            row(e.getKey(), s, e.getValue().n);
        }
        for (var e : c.entrySet()) {
            double[] s = new double[8];
            for (int k = 0; k < 8; k++) {
                int kk = k;
                double[] v = e.getValue().stream().mapToDouble(x -> x[kk]).sorted().toArray();
                s[k] = k % 2 == 0 ? Arrays.stream(v).average().orElse(0) : v[v.length / 2];
            }
            medians.put(e.getKey(), s[7]);
            row("C " + e.getKey(), s, perRound * rounds);
        }
        for (Placement p : PLACEMENTS) {
            Samples probes = canary(Math.max(faults / 4, 400), spinUs, p);
            row("canary (WriteFaultCanary), adaptive\t" + p.name(), probes.stats(hz), probes.n);
        }
        System.out.println("\nThe Java rows split the handler's side as handle (lookup, bitmap, record) and complete (the"
                + " un-protect + wake ioctl, then the resume); the canary rows split it as the seed does (resolve ="
                + " the ioctl).");
        System.out.println("\nRatios of median totals, same placement (targets in parentheses):");
        for (Placement p : PLACEMENTS) {
            double jb = medians.getOrDefault("lwp4j sync (Java), blocking\t" + p.name(), 0.0);
            double ja = medians.getOrDefault("lwp4j sync (Java), adaptive\t" + p.name(), 0.0);
            double cb = medians.getOrDefault("thread-block\t" + p.name(), 0.0);
            double ca = medians.getOrDefault("thread-spin\t" + p.name(), 0.0);
            double sb = medians.getOrDefault("sigbus\tcpu0", 0.0);
            System.out.printf("  %s: Java blocking / C thread-block %.2f (<= 1.15); Java adaptive / C thread-spin "
                    + "%.2f (<= 1.15); Java adaptive / C sigbus %.2f (<= 1.5)%n", p.name(), jb / cb, ja / ca, ja / sb);
        }
    }

    static void row(String key, double[] s, long n) {
        String[] k = key.split("\t");
        System.out.printf("| %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f us | %d |%n",
                k[0], k[1], s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], n);
    }

    /** Per-step samples in cycles: receive, handle, complete, total. */
    static final class Samples {
        long[][] v = new long[4][1 << 14];
        int n;

        void add(long receive, long handle, long complete, long total) {
            if (n == v[0].length) {
                for (int k = 0; k < 4; k++) v[k] = Arrays.copyOf(v[k], n * 2);
            }
            v[0][n] = receive;
            v[1][n] = handle;
            v[2][n] = complete;
            v[3][n] = total;
            n++;
        }

        /** mean, median (us) of each step. */
        double[] stats(long hz) {
            double[] s = new double[8];
            for (int k = 0; k < 4; k++) {
                long[] x = Arrays.copyOf(v[k], n);
                Arrays.sort(x);
                s[2 * k] = Arrays.stream(x).average().orElse(0) * 1e6 / hz;
                s[2 * k + 1] = x[n / 2] * 1e6 / hz;
            }
            return s;
        }
    }

    static void pin(int cpu) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment set = a.allocate(128);
            set.set(JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
            if ((int) SCHED_SETAFFINITY.invokeExact(0, 128L, set) != 0) {
                throw new IllegalStateException("sched_setaffinity(" + cpu + ") failed");
            }
        }
    }

    /** pages faults by this thread on a fresh tracked segment; steps into out. */
    static void measure(ThreadBuffers threadBuffers, int pages, long spinUs, Placement p, Samples out) throws Throwable {
        pin(p.writerCpu());
        long[] t0 = new long[pages], t3 = new long[pages];
        try (Arena arena = Arena.ofShared();
             WriteTracker t = WriteTracker.open(WriteTracker.Options.sync()
                     .withSpin(Duration.ofNanos(spinUs * 1000)).withHandlerCpu(p.handlerCpu()))) {
            MemorySegment mem = arena.allocate(pages * PAGE, PAGE);
            for (int i = 0; i < pages; i++) mem.set(JAVA_BYTE, i * PAGE, (byte) 0xEE);  // populate
            t.track(mem);
            RingBuffer b = threadBuffers.current();
            try (RawPoller poller = b.openPoller()) {
                for (int i = 0; i < pages; i++) {
                    t0[i] = NativeClock.now();
                    mem.set(JAVA_BYTE, i * PAGE, (byte) 0xAD);
                    t3[i] = NativeClock.now();
                }
                long base = mem.address();
                int seen = poller.poll(r -> {
                    WriteFault.Value f = WriteFault.valueOf(r);
                    int i = (int) ((f.address() - base) / PAGE);
                    long receive = f.received() - t0[i];
                    out.add(receive, f.handleCycles(), t3[i] - t0[i] - receive - f.handleCycles(), t3[i] - t0[i]);
                }, Integer.MAX_VALUE);
                if (seen != pages || b.lost() != 0) {
                    throw new IllegalStateException(seen + " records for " + pages + " faults, " + b.lost() + " lost");
                }
            } finally {
                threadBuffers.release();
            }
        }
    }

    /** The canary's own breakdown: about n probes, 8 per 1 ms tick. */
    static Samples canary(int n, long spinUs, Placement p) throws InterruptedException {
        Samples out = new Samples();
        try (RawPoller poller = WriteFaultCanary.records().openPoller()) {
            WriteFaultCanary.start(new WriteFaultCanary.Options(Duration.ofMillis(1), 8,
                    Duration.ofNanos(spinUs * 1000), p.writerCpu(), p.handlerCpu()));
            try {
                while (out.n < n) {
                    Thread.sleep(20);
                    poller.poll(r -> {
                        WriteFaultProbe.Value w = WriteFaultProbe.valueOf(r);
                        out.add(w.receiveCycles(), w.resolveCycles(), w.completeCycles(), w.totalCycles());
                    }, Integer.MAX_VALUE);
                }
            } finally {
                WriteFaultCanary.stop();
            }
        }
        return out;
    }

    /** fault_bench's bare modes, tab-separated rows: row, mode, placement, n, 4 x (mean, median). */
    static List<String[]> faultBench(Path bin, int faults, long spinUs) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder(bin.toString(), String.valueOf(faults), "-m", "sigbus,thread-block,thread-spin",
                "-p", "same,cross", "-s", String.valueOf(spinUs), "-t").redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (pr.waitFor() != 0) throw new IllegalStateException("fault_bench failed:\n" + out);
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("row\t")) rows.add(line.split("\t"));
        }
        return rows;
    }
}
