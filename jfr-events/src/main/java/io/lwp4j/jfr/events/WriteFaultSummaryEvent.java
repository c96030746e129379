package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

@Name("lwp4j.WriteFaultSummary")
@Label("Write Fault Summary")
@Description("Resolve time of the write faults in the interval")
@Category({"lwp4j", "Write Tracking"})
@Period("1 s")
public final class WriteFaultSummaryEvent extends SummaryEvent {
}
