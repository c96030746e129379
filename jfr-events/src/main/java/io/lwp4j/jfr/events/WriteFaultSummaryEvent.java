package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.WriteFaultSummary")
@Label("Write Fault Summary")
@Description("Handle time of the write faults in the interval")
@Category({"lwp4j", "Write Tracking"})
public final class WriteFaultSummaryEvent extends SummaryEvent {
}
