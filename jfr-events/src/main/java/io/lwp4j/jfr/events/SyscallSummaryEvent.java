package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One interval's I/O calls of one operation on one kind of descriptor, every call counted (by
 * the calling thread, {@code io.lwp4j.sampler.iocount}): exact calls, bytes and errors, work
 * and wait time apart, their percentiles, and the schema-4 buckets themselves so intervals
 * merge exactly ({@code io.lwp4j.sampler.iocount.IoHistogramText} reads them).
 */
@Name("lwp4j.SyscallSummary")
@Label("Syscall Summary")
@Description("The application's I/O calls of one operation and descriptor kind in the interval, every call counted; "
        + "time spent waiting for readiness (data, a peer, a selected key) apart from the call's work")
@Category({"lwp4j", "Application I/O"})
@Period("1 s")
@StackTrace(false)
public final class SyscallSummaryEvent extends jdk.jfr.Event {
    @Label("Operation")
    @Description("read, write, pread, pwrite, force, open, connect, accept or select")
    public String operation;

    @Label("Descriptor Kind")
    @Description("file, socket, server-socket or selector")
    public String kind;

    @Label("Calls")
    @Description("Calls that returned or threw in the interval")
    public long calls;

    @Label("Bytes")
    @Description("Bytes moved by the interval's reads or writes")
    @DataAmount(DataAmount.BYTES)
    public long bytes;

    @Label("Errors")
    @Description("Calls that threw")
    public long errors;

    @Label("Call Time")
    @Description("Time the calls spent working: their duration less their waits (accept and select only wait)")
    @Timespan(Timespan.NANOSECONDS)
    public long callTime;

    @Label("Wait Time")
    @Description("Time the calls spent waiting for readiness: data or buffer space of a blocking socket, a peer "
            + "(connect, accept), a selected key (select)")
    @Timespan(Timespan.NANOSECONDS)
    public long waitTime;

    @Label("Calls That Waited")
    public long waits;

    @Label("Median")
    @Description("Work time per call, 50th percentile (the midpoint of its bucket: within 2.2 %)")
    @Timespan(Timespan.NANOSECONDS)
    public long p50;

    @Label("90th Percentile")
    @Timespan(Timespan.NANOSECONDS)
    public long p90;

    @Label("99th Percentile")
    @Timespan(Timespan.NANOSECONDS)
    public long p99;

    @Label("99.9th Percentile")
    @Timespan(Timespan.NANOSECONDS)
    public long p999;

    @Label("Maximum")
    @Description("Longest work time (its bucket's midpoint)")
    @Timespan(Timespan.NANOSECONDS)
    public long max;

    @Label("Wait Median")
    @Description("Wait time of the calls that waited, 50th percentile")
    @Timespan(Timespan.NANOSECONDS)
    public long waitP50;

    @Label("Wait 99th Percentile")
    @Timespan(Timespan.NANOSECONDS)
    public long waitP99;

    @Label("Longest Wait")
    @Timespan(Timespan.NANOSECONDS)
    public long waitMax;

    @Label("Interval")
    @Description("The time the summary covers, ending at this event")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;

    @Label("Histogram")
    @Description("The interval's non-empty buckets as k:count pairs, work time then '|' then wait time; bucket k "
            + "holds durations in (2^((k-1)/16), 2^(k/16)] seconds (Prometheus native histogram schema 4)")
    public String histogram;
}
