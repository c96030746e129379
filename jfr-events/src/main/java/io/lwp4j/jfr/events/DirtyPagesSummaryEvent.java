package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.DirtyPagesSummary")
@Label("Dirty Pages Summary")
@Description("Scan time of the asynchronous dirty-page scans in the interval")
@Category({"lwp4j", "Write Tracking"})
public final class DirtyPagesSummaryEvent extends SummaryEvent {
}
