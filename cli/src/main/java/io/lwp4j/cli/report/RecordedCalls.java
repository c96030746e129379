package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The recording's {@code lwp4j.Syscall} events (slow, failed or sampled calls), kept in bounded
 * memory however many there are: the slowest {@code top} whole, a tally per thread pool and per
 * file or peer (at most {@link #MAX_KEYS} of each, the rest tallied together), and the slowest
 * {@link #MARKS_PER_OPERATION} of each operation as marks for its latency chart.
 */
final class RecordedCalls {
    static final int MAX_KEYS = 10_000;
    static final int MARKS_PER_OPERATION = 400;
    static final String OTHER_THREADS = "(other threads)";
    static final String OTHER_TARGETS = "(other files and peers)";

    /** Calls of one thread pool, or to one file or peer. */
    static final class Tally {
        final String key;
        long calls;
        long workNanos;
        long waitNanos;
        long bytes;
        long errors;
        long maxNanos;
        final Set<String> threads = new HashSet<>();

        Tally(String key) {
            this.key = key;
        }

        void add(RecordedCall c, boolean includeWaits) {
            calls++;
            workNanos += c.workNanos();
            waitNanos += c.waitNanos();
            bytes += c.bytes();
            if (c.error() != null && !c.error().isEmpty()) errors++;
            maxNanos = Math.max(maxNanos, c.rankNanos(includeWaits));
            if (threads.size() < 1000) threads.add(c.thread());
        }
    }

    /** A mark on a latency chart: when, and how long. */
    record Mark(long epochNanos, long nanos, String thread, String target) {}

    private final int top;
    private final boolean includeWaits;
    private final Comparator<RecordedCall> byRank;
    private final PriorityQueue<RecordedCall> slowest;
    private final Map<String, Tally> byThreadGroup = new HashMap<>();
    private final Map<String, Tally> byTarget = new HashMap<>();
    private final Map<String, PriorityQueue<Mark>> marks = new LinkedHashMap<>();
    private long count;
    private long errors;

    RecordedCalls(int top, boolean includeWaits) {
        this.top = top;
        this.includeWaits = includeWaits;
        this.byRank = Comparator.comparingLong((RecordedCall c) -> c.rankNanos(includeWaits))
                .thenComparingLong(c -> -c.startEpochNanos());
        this.slowest = new PriorityQueue<>(byRank);
    }

    /** Whether a call ranked this long would be kept among the slowest: saves reading its stack. */
    boolean wouldKeep(long rankNanos) {
        return slowest.size() < top || rankNanos > slowest.peek().rankNanos(includeWaits);
    }

    void add(RecordedCall c) {
        count++;
        if (c.error() != null && !c.error().isEmpty()) errors++;
        if (top > 0 && wouldKeep(c.rankNanos(includeWaits))) {
            slowest.add(c);
            if (slowest.size() > top) slowest.poll();
        }
        tally(byThreadGroup, ThreadGroupName.of(c.thread()), OTHER_THREADS).add(c, includeWaits);
        tally(byTarget, c.target(), OTHER_TARGETS).add(c, includeWaits);
        PriorityQueue<Mark> m = marks.computeIfAbsent(IoRangeTotals.key(c.operation(), c.kind()),
                k -> new PriorityQueue<>(Comparator.comparingLong(Mark::nanos)));
        m.add(new Mark(c.startEpochNanos(), c.rankNanos(includeWaits), c.thread(), c.target()));
        if (m.size() > MARKS_PER_OPERATION) m.poll();
    }

    private static Tally tally(Map<String, Tally> tallies, String key, String other) {
        Tally t = tallies.get(key);
        if (t != null) return t;
        if (tallies.size() >= MAX_KEYS) return tallies.computeIfAbsent(other, Tally::new);
        t = new Tally(key);
        tallies.put(key, t);
        return t;
    }

    long count() {
        return count;
    }

    long errors() {
        return errors;
    }

    boolean includeWaits() {
        return includeWaits;
    }

    /** The slowest calls, slowest first. */
    List<RecordedCall> slowest() {
        List<RecordedCall> list = new ArrayList<>(slowest);
        list.sort(byRank.reversed());
        return list;
    }

    /** Thread pools by their calls' working time (with waits, under --include-waits), largest first. */
    List<Tally> byThreadGroup() {
        return sorted(byThreadGroup);
    }

    List<Tally> byTarget() {
        return sorted(byTarget);
    }

    private List<Tally> sorted(Map<String, Tally> tallies) {
        List<Tally> list = new ArrayList<>(tallies.values());
        list.sort(Comparator.comparingLong((Tally t) -> t.workNanos + (includeWaits ? t.waitNanos : 0)).reversed()
                .thenComparing(t -> t.key));
        return list;
    }

    /** Marks of one (operation, kind): its slowest recorded calls. */
    List<Mark> marks(String ioKey) {
        PriorityQueue<Mark> m = marks.get(ioKey);
        return m == null ? List.of() : List.copyOf(m);
    }
}
