package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.SyscallPathProbe")
@Label("Syscall Path Probe")
@Description("One burst of the entry/exit canary: what the kernel's syscall path costs this process right now, "
        + "per call")
@Category({"lwp4j", "Syscall Path"})
public final class SyscallPathProbeEvent extends TimedProbeEvent {
    @Label("Call")
    @Description("getpid: the minimal kernel entry and exit; clock_gettime-vdso: no entry at all; "
            + "clock_gettime-syscall: the same work through the kernel")
    public String call;

    @Label("Burst")
    @Description("Calls timed")
    public long burst;
}
