package io.lwp4j.jfr.synthetic;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Test-only stand-ins for the I/O events of lwp4j's agent (issue 14's schema): the same names
 * and fields, so the report, which reads events by name, reads them as it reads the agent's.
 * In a package of lwp4j's own ({@code io.lwp4j.jfr}), as the agent's classes are, so a stack
 * recorded here starts with a frame the report folds away, as it folds the agent's advice.
 */
public final class SyntheticIoEvents {
    private SyntheticIoEvents() {
    }

    @Name("lwp4j.SyscallSummary") @Label("Syscall Summary") @Category({"lwp4j", "I/O"}) @StackTrace(false)
    public static final class Summary extends Event {
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

    @Name("lwp4j.Syscall") @Label("Syscall") @Category({"lwp4j", "I/O"}) @StackTrace(true)
    public static final class Call extends Event {
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

    /** lwp4j.SyscallSummary as the agent versions before issue 14 wrote it: per-interval percentiles only. */
    @Name("lwp4j.SyscallSummary") @Label("Syscall Summary") @Category({"lwp4j", "I/O"}) @StackTrace(false)
    public static final class OlderSummary extends Event {
        @Label("Operation") public String operation;
        @Label("Count") public long count;
        @Label("Median") @Timespan(Timespan.NANOSECONDS) public long p50;
        @Label("Interval") @Timespan(Timespan.NANOSECONDS) public long interval;
    }
}
