package io.lwp4j.jfr.events;

import io.lwp4j.jfr.CallThreshold;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One slow I/O call, committed by the calling thread as the call returns, like the JDK's own
 * {@code jdk.SocketRead} or {@code jdk.FileForce}: its event thread is the caller, its stack
 * trace the caller's, its start time and duration span the call (see {@link
 * io.lwp4j.jfr.EventSpan}). Every call, slow or not, is counted in {@code
 * lwp4j.SyscallSummary}.
 */
@Name("lwp4j.Syscall")
@Label("Syscall")
@Description("One I/O call through the JDK that took at least the call threshold, committed by the calling thread "
        + "as it returned; every call is counted in lwp4j.SyscallSummary")
@Category({"lwp4j", "Application I/O"})
@StackTrace(true)
public final class SyscallEvent extends Event {
    @Label("Operation")
    @Description("read, write, pread, pwrite, force, open, connect, accept or select")
    public String operation;

    @Label("Descriptor Kind")
    @Description("file, socket, server-socket or selector")
    public String kind;

    @Label("File Descriptor")
    @Description("-1 when not known")
    public int fd;

    @Label("Path")
    @Description("The file's path as the application named it; empty for sockets and selectors")
    public String path;

    @Label("Local Address")
    @Description("The socket's local address and port; empty for files")
    public String localAddress;

    @Label("Peer Address")
    @Description("The address and port of the socket's peer; empty for files and listening sockets")
    public String peerAddress;

    @Label("Call Time")
    @Description("How long the call took, waits included (the event's duration, also when it is an instant event)")
    @Timespan(Timespan.NANOSECONDS)
    public long callTime;

    @Label("Wait Time")
    @Description("The part of the call time spent waiting for readiness: data or buffer space (a blocking socket "
            + "read or write), a peer (connect, accept), a selected key (select)")
    @Timespan(Timespan.NANOSECONDS)
    public long waitTime;

    @Label("Bytes")
    @Description("Bytes moved by a read or write; 0 for other operations, at end of stream and when the call threw")
    @DataAmount(DataAmount.BYTES)
    public long bytes;

    @Label("Result")
    @Description("As the call returned: bytes moved (-1 at end of stream), keys ready, 1/0 opened, connected or "
            + "accepted")
    public long result;

    @Label("Requested")
    @Description("Bytes asked for, or the timeout in ms of a select; -1 when not known")
    public long requested;

    @Label("File Position")
    @Description("Offset of a positional read or write, else -1")
    public long position;

    @Label("Error")
    @Description("What the call threw: none, io, timeout, closed or other")
    public String error;

    @Label("Virtual Thread")
    @Description("A virtual thread made the call (the event thread)")
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
