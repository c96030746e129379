package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

@Name("lwp4j.SyscallSummary")
@Label("Syscall Summary")
@Description("Call time of the application's I/O calls in the interval, per operation, whether or not each call was recorded as an event")
@Category({"lwp4j", "Application I/O"})
@Period("1 s")
public final class SyscallSummaryEvent extends SummaryEvent {
    @Label("Operation")
    @Description("read, write, pread, pwrite, force, open, connect, accept, poll or select")
    public String operation;

    @Override
    public void setKey(String key) {
        operation = key;
    }
}
