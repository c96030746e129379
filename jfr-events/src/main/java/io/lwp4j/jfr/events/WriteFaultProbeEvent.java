package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("lwp4j.WriteFaultProbe")
@Label("Write Fault Probe")
@Description("One canary write fault on lwp4j's private probe page, timed on both sides: what a "
        + "write-protect fault costs this process right now, step by step")
@Category({"lwp4j", "Write Tracking"})
public final class WriteFaultProbeEvent extends RecordEvent {
    @Label("Receive Time")
    @Description("Write to the handler reading the fault message")
    @Timespan(Timespan.NANOSECONDS)
    public long receiveTime;

    @Label("Resolve Time")
    @Description("Message to UFFDIO_WRITEPROTECT returned (the writer is woken inside)")
    @Timespan(Timespan.NANOSECONDS)
    public long resolveTime;

    @Label("Complete Time")
    @Description("ioctl returned to the write completed")
    @Timespan(Timespan.NANOSECONDS)
    public long completeTime;

    @Label("Total Time")
    @Description("Write began to write completed")
    @Timespan(Timespan.NANOSECONDS)
    public long totalTime;

    @Label("Writer CPU")
    public int writerCpu;

    @Label("Handler CPU")
    public int handlerCpu;

    @Label("Sequence")
    @Description("Probe number since the canary started")
    public long sequence;

    @Label("Handler Woken")
    @Description("The handler was asleep and had to be woken")
    public boolean handlerWoken;
}
