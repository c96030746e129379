package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

@Name("lwp4j.WriteFault")
@Label("Write Fault")
@Description("First write of an epoch to a write-tracked page, as the userfaultfd handler saw it; the writing "
        + "thread was stopped until the handler resolved the fault")
@Category({"lwp4j", "Write Tracking"})
public final class WriteFaultEvent extends RecordEvent {
    @Label("Page Address")
    @MemoryAddress
    public long address;

    @Label("Range ID")
    @Description("The tracked range holding the page")
    public long rangeId;

    @Label("Epoch")
    @Description("The range's epoch at the fault")
    public long epoch;

    @Label("Resolve Time")
    @Description("Fault message received to page writable again")
    @Timespan(Timespan.NANOSECONDS)
    public long resolveTime;

    @Label("Handler Idle Time")
    @Description("How long the handler slept before this fault; 0 when it was spinning and needed no wake-up")
    @Timespan(Timespan.NANOSECONDS)
    public long handlerIdleTime;

    @Label("Handler OS Thread ID")
    public int handlerOsThreadId;

    @Label("Handler Woken")
    @Description("The handler was asleep in poll(2) and had to be woken for this fault")
    public boolean handlerWoken;

    @Label("Repeat")
    @Description("The page was already written this epoch (threads raced on it): not a first write")
    public boolean repeat;

    @Label("Orphan")
    @Description("The thread had no buffer: the record came through the process-wide orphan buffer")
    public boolean orphan;
}
