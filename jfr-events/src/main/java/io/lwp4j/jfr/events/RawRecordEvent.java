package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Unsigned;

/** Off by default: one per record, as the producer wrote it, for tools that post-process. */
@Name("lwp4j.RawRecord")
@Label("Raw Record")
@Description("One lwp4j ring-buffer record exactly as written (type, flags, TSC time, six payload words), for "
        + "tools that decode it themselves with lwp4j.h")
@Category({"lwp4j", "Raw"})
@Enabled(false)
@StackTrace(false)
public final class RawRecordEvent extends jdk.jfr.Event {
    @Label("Record Type")
    @Description("LWP4J_REC_*: 1 user, 2 write fault, 3 dirty pages, 4 write fault probe, 5 syscall probe, "
            + "6 code load probe, 7 syscall")
    public int recordType;

    @Label("Record Flags")
    @Description("LWP4J_REC_TIME_NS (1): time is CLOCK_MONOTONIC ns; LWP4J_REC_TSC_UNSTABLE (2): cycle fields "
            + "hold ns")
    public int recordFlags;

    @Label("OS Thread ID")
    public int osThreadId;

    @Label("Time")
    @Description("As written: TSC cycles, or CLOCK_MONOTONIC ns with LWP4J_REC_TIME_NS")
    @Unsigned
    public long time;

    @Label("TSC Frequency")
    @Description("The buffer's calibrated TSC frequency; 0 when its times are nanoseconds")
    @Frequency
    public long tscFrequency;

    @Label("Drain Delay")
    @Description("From the record's time to this event's start time: anchors the raw time on JFR's clock")
    @Timespan(Timespan.NANOSECONDS)
    public long drainDelay;

    @Label("Buffer ID")
    public long bufferId;

    @Label("Position")
    @Description("The record's index in its buffer (free-running)")
    public long position;

    @Label("Word 0")
    @Unsigned
    public long word0;

    @Label("Word 1")
    @Unsigned
    public long word1;

    @Label("Word 2")
    @Unsigned
    public long word2;

    @Label("Word 3")
    @Unsigned
    public long word3;

    @Label("Word 4")
    @Unsigned
    public long word4;

    @Label("Word 5")
    @Unsigned
    public long word5;
}
