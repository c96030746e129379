package io.lwp4j.cli.report;

/**
 * What one (operation, kind) of I/O call cost over the report's time range, summed from the
 * recording's {@code lwp4j.SyscallSummary} intervals: exact calls, bytes and errors, working
 * time and waits apart (a read parked for its data, a whole select or accept), and the
 * schema-4 buckets of both, from which every percentile of the range comes.
 */
final class IoRangeTotals {
    final String operation;
    final String kind;
    long calls;
    long bytes;
    long errors;
    long workNanos;
    long waitNanos;
    long waits;
    long maxWorkNanos;
    long maxWaitNanos;
    final IoBuckets work = new IoBuckets();
    final IoBuckets wait = new IoBuckets();
    /** Work buckets per time bucket: the latency-over-time chart. */
    final TimeBuckets<IoBuckets> workOverTime;
    /** Wait buckets per time bucket, for {@code --include-waits}. */
    final TimeBuckets<IoBuckets> waitOverTime;

    IoRangeTotals(String operation, String kind, long originNanos, long widthNanos) {
        this.operation = operation;
        this.kind = kind;
        this.workOverTime = new TimeBuckets<>(originNanos, widthNanos, IoBuckets::new, IoBuckets::addAll);
        this.waitOverTime = new TimeBuckets<>(originNanos, widthNanos, IoBuckets::new, IoBuckets::addAll);
    }

    String key() {
        return key(operation, kind);
    }

    static String key(String operation, String kind) {
        return operation + " " + kind;
    }

    /**
     * The working-time percentile q in ns, from the buckets (within 2.2 %), never above the
     * longest: the agent counts a call that was all wait (an accept, a read parked for its data)
     * as 0 ns of work in the lowest bucket, whose midpoint is 8 ns.
     */
    long workQuantile(double q) {
        return Math.min(work.quantileNanos(q), maxWorkNanos);
    }

    long waitQuantile(double q) {
        return Math.min(wait.quantileNanos(q), maxWaitNanos);
    }
}
