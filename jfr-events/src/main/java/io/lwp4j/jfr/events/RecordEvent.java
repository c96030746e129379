package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What every per-record lwp4j event carries besides its payload. The drain pipeline commits
 * these events, so JFR's event thread is the drain thread and the start time is when the
 * record was committed; the thread the record is about and the record's own time are fields.
 */
@StackTrace(false)
public abstract class RecordEvent extends Event {
    @Label("Thread")
    @Description("The Java thread the record is about; empty for native sampler threads and records about "
            + "threads without a Java buffer")
    public Thread thread;

    @Label("OS Thread ID")
    @Description("The thread (gettid) the record is about")
    public int osThreadId;

    @Label("Drain Delay")
    @Description("From the record's own time to this event's start time, when the drain pipeline committed "
            + "it: the record was written at start time minus drain delay")
    @Timespan(Timespan.NANOSECONDS)
    public long drainDelay;
}
