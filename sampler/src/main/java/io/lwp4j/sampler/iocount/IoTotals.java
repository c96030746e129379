package io.lwp4j.sampler.iocount;

import io.lwp4j.sampler.layout.SyscallLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A snapshot of I/O counts ({@link IoCounts#collect()}): per operation and kind of descriptor
 * with at least one call, the {@link CallTotals}. Immutable. Cumulative as collected; {@link
 * #minus} of an earlier snapshot gives the interval between them.
 */
public final class IoTotals {
    public static final IoTotals EMPTY = new IoTotals(List.of());

    /**
     * The calls of one operation on one kind of descriptor.
     *
     * @param operation {@link SyscallLayout#READ} .. {@link SyscallLayout#SELECT}
     * @param kind {@link SyscallLayout#FILE} .. {@link SyscallLayout#SELECTOR}
     * @param calls calls made, each counted once in {@code workTimes}
     * @param bytes bytes moved by reads and writes
     * @param errors calls that threw
     * @param workNanos time the calls spent, less their waits
     * @param waitNanos time the calls waited for readiness (data, a peer, a selected key)
     * @param workTimes work time per call (0 for a call that only waited: accept, select)
     * @param waitTimes wait time of each call that waited
     */
    public record CallTotals(int operation, int kind, long calls, long bytes, long errors, long workNanos,
            long waitNanos, IoHistogram workTimes, IoHistogram waitTimes) {
        /** Calls that waited. */
        public long waits() {
            return waitTimes.count();
        }

        public String operationName() {
            return SyscallLayout.operationName(operation);
        }

        public String kindName() {
            return SyscallLayout.kindName(kind);
        }

        CallTotals minus(CallTotals earlier) {
            return new CallTotals(operation, kind, calls - earlier.calls, bytes - earlier.bytes,
                    errors - earlier.errors, workNanos - earlier.workNanos, waitNanos - earlier.waitNanos,
                    workTimes.minus(earlier.workTimes), waitTimes.minus(earlier.waitTimes));
        }

        boolean isEmpty() {
            return calls == 0 && errors == 0 && bytes == 0 && workNanos == 0 && waitNanos == 0 && waitTimes.count() == 0;
        }
    }

    private final List<CallTotals> pairs;

    private IoTotals(List<CallTotals> pairs) {
        this.pairs = pairs;
    }

    static IoTotals of(long[][] sums, long[][] waits) {
        List<CallTotals> pairs = new ArrayList<>();
        for (int p = 0; p < ThreadIoCounts.PAIRS; p++) {
            long[] a = sums[p];
            if (a == null) continue;
            IoHistogram work = IoHistogram.ofSlots(a, ThreadIoCounts.WORK_BUCKETS);
            IoHistogram wait = waits[p] == null ? IoHistogram.EMPTY : IoHistogram.ofSlots(waits[p], 0);
            CallTotals t = new CallTotals(p & 0xf, p >>> 4, work.count(), a[ThreadIoCounts.BYTES],
                    a[ThreadIoCounts.ERRORS], a[ThreadIoCounts.WORK_NANOS], a[ThreadIoCounts.WAIT_NANOS], work, wait);
            if (!t.isEmpty()) pairs.add(t);
        }
        return new IoTotals(Collections.unmodifiableList(pairs));
    }

    /** Every operation and kind with calls (or any count), by kind then operation. */
    public List<CallTotals> pairs() {
        return pairs;
    }

    /** The totals of one operation and kind, or null when it has none. */
    public CallTotals get(int operation, int kind) {
        for (CallTotals t : pairs) {
            if (t.operation == operation && t.kind == kind) return t;
        }
        return null;
    }

    /** Calls of every operation and kind. */
    public long calls() {
        long n = 0;
        for (CallTotals t : pairs) n += t.calls;
        return n;
    }

    /** What was counted after {@code earlier}, a snapshot of the same counts taken before this one. */
    public IoTotals minus(IoTotals earlier) {
        List<CallTotals> out = new ArrayList<>();
        for (CallTotals t : pairs) {
            CallTotals before = earlier.get(t.operation, t.kind);
            CallTotals d = before == null ? t : t.minus(before);
            if (!d.isEmpty()) out.add(d);
        }
        return new IoTotals(Collections.unmodifiableList(out));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IoTotals[");
        for (CallTotals t : pairs) {
            s.append(' ').append(t.operationName()).append('/').append(t.kindName()).append(" calls=").append(t.calls)
                    .append(" bytes=").append(t.bytes);
        }
        return s.append(" ]").toString();
    }
}
