package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** Committed with {@link DrainStatisticsEvent}, one per record type seen. */
@Name("lwp4j.RecordTypeStatistics")
@Label("Record Type Statistics")
@Description("Records of one type drained and emitted since the drain pipeline started (a lost record's type is "
        + "unknown: losses are in Drain Statistics and Records Lost)")
public final class RecordTypeStatisticsEvent extends PipelineEvent {
    @Label("Record Type")
    public String recordType;

    @Label("Drained")
    public long drained;

    @Label("Emitted")
    @Description("Committed as at least one JFR event")
    public long emitted;

    @Label("Filtered")
    @Description("Counted in the summaries only")
    public long filtered;
}
