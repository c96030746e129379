package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.RecordsLost")
@Label("Records Lost")
@Description("A ring buffer's producer dropped records because the buffer was full (its consumers were a lap "
        + "behind); the records are gone, so only their number is known")
public final class RecordsLostEvent extends PipelineEvent {
    @Label("Lost")
    @Description("Records dropped since the previous notice for this buffer")
    public long lost;

    @Label("Lost Total")
    @Description("Records this buffer has dropped since the drain pipeline began reading it")
    public long lostTotal;

    @Label("Buffer ID")
    public long bufferId;

    @Label("Buffer Kind")
    @Description("thread: a thread's own buffer; native-sampler: a canary or probe thread's; orphan: records of "
            + "threads without a buffer")
    public String bufferKind;

    @Label("Buffer Owner")
    @Description("The Java thread owning the buffer; empty for native sampler threads and the orphan buffer")
    public Thread owner;

    @Label("Buffer Owner OS Thread ID")
    public int ownerOsThreadId;
}
