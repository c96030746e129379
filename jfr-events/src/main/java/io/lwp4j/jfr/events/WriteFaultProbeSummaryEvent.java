package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.WriteFaultProbeSummary")
@Label("Write Fault Probe Summary")
@Description("Total time (write to write completed) of the canary faults in the interval")
@Category({"lwp4j", "Write Tracking"})
public final class WriteFaultProbeSummaryEvent extends SummaryEvent {
}
