package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One interval's distribution of one record kind's duration, from an HdrHistogram (2
 * significant digits): every record counts, whether or not its own event is enabled. Every
 * kind's summary comes each second ({@code @Period} and {@code @StackTrace} are
 * {@code @Inherited}; a setting in a .jfc still changes one kind's period).
 */
@Period("1 s")
@StackTrace(false)
public abstract class SummaryEvent extends Event {
    @Label("Count")
    @Description("Records in the interval")
    public long count;

    @Label("Rate")
    @Description("Records per second over the interval")
    @Frequency
    public double rate;

    @Label("Median")
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
    @Timespan(Timespan.NANOSECONDS)
    public long max;

    @Label("Interval")
    @Description("The time the summary covers, ending at this event")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;

    /** Sets the kind's key field (operation, call, strategy); kinds with one summary ignore it. */
    public void setKey(String key) {}
}
