package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Timespan;

@Name("lwp4j.DirtyPages")
@Label("Dirty Pages")
@Description("One asynchronous scan (WP_ASYNC, PAGEMAP_SCAN) of a write-tracked range, ending its epoch: no "
        + "thread stalled for these writes")
@Category({"lwp4j", "Write Tracking"})
public final class DirtyPagesEvent extends RecordEvent {
    @Label("Range ID")
    public long rangeId;

    @Label("Epoch")
    @Description("The epoch the scan ended")
    public long epoch;

    @Label("Range Start")
    @MemoryAddress
    public long start;

    @Label("Pages")
    @Description("The range's length in pages")
    public long pages;

    @Label("Pages Written")
    @Description("Pages written during the epoch")
    public long pagesWritten;

    @Label("Written Fraction")
    @Description("Pages written over pages in the range")
    @Percentage
    public double writtenFraction;

    @Label("Scan Time")
    @Description("PAGEMAP_SCAN ioctl(s) for the range, re-protecting the written pages")
    @Timespan(Timespan.NANOSECONDS)
    public long scanTime;
}
