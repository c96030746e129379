package io.lwp4j.jfr.synthetic;

import io.lwp4j.jfr.synthetic.SyntheticIoEvents.Call;
import io.lwp4j.jfr.synthetic.SyntheticIoEvents.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What lwp4j's agent does around each I/O call (issue 14), done by hand for test programs
 * until the agent does it: time the call, count it per (operation, kind) as exact calls,
 * bytes, errors, working time and waits apart, in schema-4 buckets; commit one
 * {@code lwp4j.SyscallSummary} per (operation, kind) per interval; commit a call of
 * {@link #SLOW_NANOS} or more, or one that failed, as {@code lwp4j.Syscall} on the calling
 * thread with its stack. In lwp4j's package, so its frames fold away in the report as the
 * agent's advice does. Keeps the exact totals for the test to compare with the report.
 */
public final class SyntheticAgent {
    public static final long SLOW_NANOS = 20_000_000L;

    /** Counts of one (operation, kind), in one interval or in total. */
    static final class Counts {
        long calls, bytes, errors, work, wait, waits, maxWork, maxWait;
        final Map<Integer, Long> workBuckets = new TreeMap<>(), waitBuckets = new TreeMap<>();

        void add(long workNanos, long waitNanos, long bytesMoved, boolean failed) {
            calls++;
            bytes += bytesMoved;
            if (failed) errors++;
            work += workNanos;
            maxWork = Math.max(maxWork, workNanos);
            // a call that was all wait (accept, select) never lands in the work buckets
            if (workNanos > 0) workBuckets.merge(bucket(workNanos), 1L, Long::sum);
            if (waitNanos > 0) {
                waits++;
                wait += waitNanos;
                maxWait = Math.max(maxWait, waitNanos);
                waitBuckets.merge(bucket(waitNanos), 1L, Long::sum);
            }
        }
    }

    /** An I/O call; returns the bytes it moved. */
    @FunctionalInterface
    public interface Io {
        long run() throws IOException;
    }

    /** How much of a call was a wait. */
    public enum Wait {
        NONE, WHOLE, IF_BLOCKED
    }

    private final Map<String, Counts> interval = new TreeMap<>();
    private final Map<String, Counts> totals = new TreeMap<>();
    private long recordedCalls;

    /** The schema-4 bucket of a duration of at least 1 ns: 2^((k-1)/16) s < d <= 2^(k/16) s. */
    static int bucket(long nanos) {
        if (nanos < 1) throw new IllegalArgumentException("no bucket for " + nanos + " ns");
        int k = (int) Math.ceil(16 * Math.log(nanos / 1e9) / Math.log(2));
        while (upper(k) < nanos) k++;
        while (upper(k - 1) >= nanos) k--;
        return k;
    }

    private static double upper(int k) {
        return 1e9 * Math.pow(2, k / 16.0);
    }

    /**
     * Runs a call of {@code operation} on a {@code kind}, counts it, and records it whole when it
     * is slow or fails. {@code path} for files, {@code socket} for sockets; {@code wait} says
     * what of it was a wait: none, all of it (accept, select), or, for a socket read, what it
     * spent blocked when no data was there yet.
     */
    public long call(String operation, String kind, String path, Socket socket, Wait wait, Io io) throws IOException {
        Call event = new Call();
        event.begin();
        long start = System.nanoTime();
        boolean blocked = wait == Wait.IF_BLOCKED && socket != null && !socket.isClosed() && socket.getInputStream().available() == 0;
        long bytes = 0;
        IOException failure = null;
        try {
            bytes = io.run();
        } catch (IOException e) {
            failure = e;
        }
        long duration = System.nanoTime() - start;
        long waited = wait == Wait.WHOLE ? duration : blocked ? Math.max(0, duration - 2_000) : 0;
        if (duration >= SLOW_NANOS || failure != null) {
            event.operation = operation;
            event.kind = kind;
            event.fd = -1;
            event.path = path;
            if (socket != null) {
                event.localAddress = address(socket.getLocalAddress(), socket.getLocalPort());
                event.peerAddress = address(socket.getInetAddress(), socket.getPort());
            }
            event.bytes = Math.max(0, bytes);
            event.waitTime = waited;
            event.callTime = duration;
            event.error = failure == null ? "" : "io";
            event.commit();
            synchronized (this) {
                recordedCalls++;
            }
        }
        count(operation, kind, duration - waited, waited, Math.max(0, bytes), failure != null);
        if (failure != null) throw failure;
        return bytes;
    }

    private static String address(InetAddress a, int port) {
        return a == null ? "" : a.getHostAddress() + ":" + port;
    }

    private synchronized void count(String operation, String kind, long work, long wait, long bytes, boolean failed) {
        String key = operation + " " + kind;
        interval.computeIfAbsent(key, k -> new Counts()).add(work, wait, bytes, failed);
        totals.computeIfAbsent(key, k -> new Counts()).add(work, wait, bytes, failed);
    }

    /** Commits one summary per (operation, kind) with calls in the interval, and starts the next. */
    public synchronized void endInterval(long intervalNanos) {
        for (Map.Entry<String, Counts> e : interval.entrySet()) {
            Counts c = e.getValue();
            Summary s = new Summary();
            String[] key = e.getKey().split(" ");
            s.operation = key[0];
            s.kind = key[1];
            s.calls = c.calls;
            s.bytes = c.bytes;
            s.errors = c.errors;
            s.callTime = c.work;
            s.waitTime = c.wait;
            s.waits = c.waits;
            s.max = c.maxWork;
            s.waitMax = c.maxWait;
            s.p50 = quantile(c.workBuckets, 0.5);
            s.p90 = quantile(c.workBuckets, 0.9);
            s.p99 = quantile(c.workBuckets, 0.99);
            s.p999 = quantile(c.workBuckets, 0.999);
            s.waitP50 = quantile(c.waitBuckets, 0.5);
            s.waitP99 = quantile(c.waitBuckets, 0.99);
            s.interval = intervalNanos;
            s.histogram = encode(c.workBuckets) + "|" + encode(c.waitBuckets);
            s.commit();
        }
        interval.clear();
    }

    static String encode(Map<Integer, Long> buckets) {
        StringBuilder out = new StringBuilder();
        buckets.forEach((k, n) -> out.append(out.isEmpty() ? "" : " ").append(k).append(':').append(n));
        return out.toString();
    }

    private static long quantile(Map<Integer, Long> buckets, double q) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum(), seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= Math.ceil(q * total)) return Math.round(1e9 * Math.pow(2, (e.getKey() - 0.5) / 16));
        }
        return 0;
    }

    /**
     * The exact totals, per "operation kind": calls, bytes, errors, work, wait, waits; and
     * recordedCalls; beside {@code facts} of the program's own.
     */
    public synchronized void writeTotals(Path file, Properties facts) throws IOException {
        Properties p = new Properties();
        p.putAll(facts);
        totals.forEach((key, c) -> {
            p.setProperty(key + ".calls", String.valueOf(c.calls));
            p.setProperty(key + ".bytes", String.valueOf(c.bytes));
            p.setProperty(key + ".errors", String.valueOf(c.errors));
            p.setProperty(key + ".work", String.valueOf(c.work));
            p.setProperty(key + ".wait", String.valueOf(c.wait));
            p.setProperty(key + ".waits", String.valueOf(c.waits));
        });
        p.setProperty("recordedCalls", String.valueOf(recordedCalls));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "exact totals");
        }
    }
}
