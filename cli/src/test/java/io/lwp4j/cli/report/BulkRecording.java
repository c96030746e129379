package io.lwp4j.cli.report;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A load generator for a benchmark, not a test of lwp4j: a large recording for timing the report
 * (BENCHMARKS.md, "The report: time and memory"), lwp4j's I/O events written through
 * {@code jdk.jfr} directly, with the names and fields of the agent's, as fast as JFR takes
 * them, until the file reaches a size (the agent would need hours of a busy server for 1 GB).
 * Per simulated second, one {@code lwp4j.SyscallSummary} for each of 16 (operation, kind) pairs with ~40
 * buckets, and 200 {@code lwp4j.Syscall} slow calls from 8 pool threads, each with one of 300
 * stacks of 12-40 frames. JFR reports a recording's size late, so it writes past the size and
 * keeps the whole chunks up to the one that reaches it. {@code args}: recording file, megabytes.
 */
public final class BulkRecording {
    private static final String[] OPERATIONS = {"read socket", "write socket", "read file", "write file", "pread file",
                                                "pwrite file", "force file", "open file", "connect socket",
                                                "accept server-socket", "select selector", "read server-socket",
                                                "write selector", "pread socket", "pwrite socket", "force socket"};

    private static final int CALL_SITES = 300;

    private BulkRecording() {
    }

    /** {@code lwp4j.SyscallSummary}'s name and fields, so the report reads these as the agent's. */
    @Name("lwp4j.SyscallSummary") @Label("Syscall Summary") @Category({"lwp4j", "I/O"}) @StackTrace(false)
    static final class Summary extends Event {
        @Label("Operation") public String operation;
        @Label("Kind") public String kind;
        @Label("Calls") public long calls;
        @Label("Bytes") @DataAmount(DataAmount.BYTES) public long bytes;
        @Label("Errors") public long errors;
        @Label("Call Time") @Timespan(Timespan.NANOSECONDS) public long callTime;
        @Label("Wait Time") @Timespan(Timespan.NANOSECONDS) public long waitTime;
        @Label("Waits") public long waits;
        @Label("Median") @Timespan(Timespan.NANOSECONDS) public long p50;
        @Label("90th Percentile") @Timespan(Timespan.NANOSECONDS) public long p90;
        @Label("99th Percentile") @Timespan(Timespan.NANOSECONDS) public long p99;
        @Label("99.9th Percentile") @Timespan(Timespan.NANOSECONDS) public long p999;
        @Label("Maximum") @Timespan(Timespan.NANOSECONDS) public long max;
        @Label("Wait Median") @Timespan(Timespan.NANOSECONDS) public long waitP50;
        @Label("Wait 99th Percentile") @Timespan(Timespan.NANOSECONDS) public long waitP99;
        @Label("Wait Maximum") @Timespan(Timespan.NANOSECONDS) public long waitMax;
        @Label("Interval") @Timespan(Timespan.NANOSECONDS) public long interval;
        @Label("Histogram") public String histogram;
    }

    /** {@code lwp4j.Syscall}'s name and fields. */
    @Name("lwp4j.Syscall") @Label("Syscall") @Category({"lwp4j", "I/O"}) @StackTrace(true)
    static final class Call extends Event {
        @Label("Operation") public String operation;
        @Label("Kind") public String kind;
        @Label("File Descriptor") public int fd;
        @Label("Path") public String path;
        @Label("Local Address") public String localAddress;
        @Label("Peer Address") public String peerAddress;
        @Label("Bytes") @DataAmount(DataAmount.BYTES) public long bytes;
        @Label("Requested") public long requested;
        @Label("Position") public long position;
        @Label("Wait Time") @Timespan(Timespan.NANOSECONDS) public long waitTime;
        @Label("Error") public String error;
        @Label("Virtual Thread") public boolean virtualThread;
        @Label("Call Time") @Timespan(Timespan.NANOSECONDS) public long callTime;
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long target = Long.parseLong(args[1]) * 1024 * 1024;
        Thread[] pool = new Thread[8];
        try (Recording recording = new Recording()) {
            recording.enable(Summary.class);
            recording.enable(Call.class).withStackTrace();
            recording.setDestination(file);
            recording.setMaxSize(0);
            recording.start();
            for (int t = 0; t < pool.length; t++) {
                int id = t;
                pool[t] = new Thread(() -> work(id, recording, target), "qtp77-" + t);
                pool[t].start();
            }
            for (Thread t : pool) t.join();
            recording.stop();
        }
        keepChunksUpTo(file, target);
        System.out.println(file + ": " + Files.size(file) / (1024 * 1024) + " MiB");
    }

    /** Cuts the file after the whole chunk that reaches {@code bytes} (a chunk's size is at byte 8 of its header). */
    private static void keepChunksUpTo(Path file, long bytes) throws java.io.IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            long position = 0;
            while (position < channel.size()) {
                header.clear();
                channel.read(header, position);
                if (position >= bytes) break;
                position += header.getLong(8);
            }
            channel.truncate(position);
        }
    }

    private static void work(int id, Recording recording, long target) {
        SplittableRandom random = new SplittableRandom(id);
        StringBuilder histogram = new StringBuilder();
        for (long second = 0; ; second++) {
            if (second % 50 == 0 && recording.getSize() >= target) return; // the chunks written so far
            for (int op = id; op < OPERATIONS.length; op += 8) {
                Summary s = new Summary();
                String[] key = OPERATIONS[op].split(" ");
                s.operation = key[0];
                s.kind = key[1];
                histogram.setLength(0);
                long calls = 0;
                int base = -300 + random.nextInt(60);
                for (int k = 0; k < 40; k++) {
                    long n = 1 + random.nextInt(5000);
                    calls += n;
                    histogram.append(k == 0 ? "" : " ").append(base + k).append(':').append(n);
                }
                histogram.append("|").append(base + 60).append(':').append(10);
                s.calls = calls + 10;
                s.bytes = calls * 512;
                s.callTime = calls * 20_000;
                s.waits = 10;
                s.waitTime = 10 * 1_000_000L;
                s.max = midpoint(base + 39);
                s.waitMax = midpoint(base + 60);
                s.interval = 1_000_000_000L;
                s.histogram = histogram.toString();
                s.commit();
            }
            for (int c = 0; c < 25; c++) {
                int site = random.nextInt(CALL_SITES); // one of a few hundred stacks, as in a real server
                SplittableRandom path = new SplittableRandom(site);
                slowCall(path, 12 + path.nextInt(28));
            }
        }
    }

    /** The midpoint of schema-4 bucket k, in ns: what the agent reports as a longest call. */
    private static long midpoint(int k) {
        return Math.round(1e9 * Math.pow(2, (k - 0.5) / 16));
    }

    /** A slow call recorded from a stack {@code depth} frames deep, through one of many call sites. */
    private static void slowCall(SplittableRandom random, int depth) {
        if (depth > 0) {
            switch (random.nextInt(4)) {
                case 0 -> siteA(random, depth - 1);
                case 1 -> siteB(random, depth - 1);
                case 2 -> siteC(random, depth - 1);
                default -> slowCall(random, depth - 1);
            }
            return;
        }
        Call e = new Call();
        e.operation = "force";
        e.kind = "file";
        e.fd = 9;
        e.path = "/var/lib/app/journal-" + random.nextInt(100) + ".db";
        e.callTime = 20_000_000L + random.nextInt(50_000_000);
        e.commit();
    }

    private static void siteA(SplittableRandom random, int depth) {
        slowCall(random, depth);
    }

    private static void siteB(SplittableRandom random, int depth) {
        slowCall(random, depth);
    }

    private static void siteC(SplittableRandom random, int depth) {
        slowCall(random, depth);
    }
}
