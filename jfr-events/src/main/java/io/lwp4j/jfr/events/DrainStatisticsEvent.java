package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

/**
 * Committed at the end of every chunk, after the pipeline was flushed: so at JVM exit, right
 * before the recording is written, it says how many records were produced, emitted and lost.
 */
@Name("lwp4j.DrainStatistics")
@Label("Drain Statistics")
@Description("What became of every record since the drain pipeline started: produced = emitted + filtered + "
        + "lost + pending + in flight")
@Period("endChunk")
public final class DrainStatisticsEvent extends PipelineEvent {
    @Label("Produced")
    @Description("Records appended or dropped by producers since the drainer began reading their buffers")
    public long produced;

    @Label("Drained")
    @Description("Records copied out of the buffers into the pipeline")
    public long drained;

    @Label("Emitted")
    @Description("Records committed as at least one JFR event")
    public long emitted;

    @Label("Filtered")
    @Description("Records whose events were disabled or under threshold: counted in the summaries only")
    public long filtered;

    @Label("Lost")
    @Description("Records dropped by producers because their buffer was full")
    public long lost;

    @Label("Pending")
    @Description("Records still in the buffers at the drainer's last pass")
    public long pending;

    @Label("In Flight")
    @Description("Records and notices drained but not yet handled by every handler")
    public long inFlight;

    @Label("Handler Failures")
    @Description("Handler and subscriber calls that threw")
    public long handlerFailures;

    @Label("Flushed")
    @Description("The pipeline was drained before this event within the flush timeout")
    public boolean flushed;
}
