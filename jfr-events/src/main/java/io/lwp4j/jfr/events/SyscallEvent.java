package io.lwp4j.jfr.events;

import io.lwp4j.jfr.CallThreshold;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.Timespan;

@Name("lwp4j.Syscall")
@Label("Syscall")
@Description("One I/O call the application made through the JDK, timed by the lwp4j agent in the calling thread")
@Category({"lwp4j", "Application I/O"})
public final class SyscallEvent extends RecordEvent {
    @Label("Operation")
    @Description("read, write, pread, pwrite, force, open, connect, accept, poll or select")
    public String operation;

    @Label("Descriptor Kind")
    @Description("file, socket, server-socket or selector")
    public String kind;

    @Label("File Descriptor")
    @Description("-1 when not known")
    public int fd;

    @Label("Call Time")
    @Description("How long the call took")
    @Timespan(Timespan.NANOSECONDS)
    public long callTime;

    @Label("Bytes")
    @Description("Bytes moved by a read or write; 0 for other operations, at end of stream and when the call threw")
    @DataAmount(DataAmount.BYTES)
    public long bytes;

    @Label("Result")
    @Description("As the call returned: bytes moved (-1 at end of stream), keys ready, 1/0 connected/accepted")
    public long result;

    @Label("Requested")
    @Description("Bytes asked for, or the timeout in ms of a poll or select; -1 when not known")
    public long requested;

    @Label("File Position")
    @Description("Offset of a positional read or write, else -1")
    public long position;

    @Label("Error")
    @Description("What the call threw: none, io, timeout, closed or other")
    public String error;

    @Label("Java Thread ID")
    @Description("Thread.threadId() of the caller; a virtual thread's own id")
    public long javaThreadId;

    @Label("Virtual Thread")
    @Description("A virtual thread made the call; the OS thread is its carrier")
    public boolean virtualThread;

    /** Commits only calls that took at least the configured time (like the JDK's own I/O events). */
    @Name("callThreshold")
    @Label("Call Threshold")
    @Description("Record only calls at least this long")
    @SettingDefinition
    protected boolean callThreshold(CallThreshold threshold) {
        return threshold.accepts(callTime);
    }
}
