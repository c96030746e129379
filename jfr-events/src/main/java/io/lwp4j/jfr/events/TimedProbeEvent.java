package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Timespan;

/** The samples of one syscall-path probe measurement, as the probe thread summarised them. */
public abstract class TimedProbeEvent extends RecordEvent {
    @Label("Run")
    @Description("The probe run this measurement belongs to, from 1")
    public long run;

    @Label("Minimum")
    @Timespan(Timespan.NANOSECONDS)
    public long min;

    @Label("Median")
    @Description("The lower middle sample")
    @Timespan(Timespan.NANOSECONDS)
    public long median;

    @Label("Maximum")
    @Timespan(Timespan.NANOSECONDS)
    public long max;

    @Label("Mean")
    @Timespan(Timespan.NANOSECONDS)
    public long mean;

    @Label("Median Cycles")
    @Description("The median sample in TSC cycles (nanoseconds when the TSC is unusable)")
    public long medianCycles;

    @Label("Timer Overhead Cycles")
    @Description("The cost of timing an empty call the same way, subtracted from every sample")
    public long overheadCycles;

    @Label("TSC Frequency")
    @Description("The calibrated TSC frequency the cycles run at; 0 when they are nanoseconds")
    @Frequency
    public long tscFrequency;
}
