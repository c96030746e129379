package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.SyscallPathProbeSummary")
@Label("Syscall Path Probe Summary")
@Description("Median per-call time of the canary bursts in the interval, per call")
@Category({"lwp4j", "Syscall Path"})
public final class SyscallPathProbeSummaryEvent extends SummaryEvent {
    @Label("Call")
    @Description("getpid, clock_gettime-vdso or clock_gettime-syscall")
    public String call;

    @Override
    public void setKey(String key) {
        call = key;
    }
}
