package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("lwp4j.SyscallPathEnvironment")
@Label("Syscall Path Environment")
@Description("What every syscall of the canary's thread carries, as the kernel reports it: why the canary's "
        + "figures are what they are on this host and kernel")
@Category({"lwp4j", "Syscall Path"})
@Period("everyChunk")
@StackTrace(false)
public final class SyscallPathEnvironmentEvent extends jdk.jfr.Event {
    @Label("Seccomp Mode")
    @Description("off, strict, filter or unknown (/proc/self/task/TID/status)")
    public String seccompMode;

    @Label("Seccomp Filters")
    @Description("Filters the thread runs on every syscall; -1 when unknown")
    public int seccompFilters;

    @Label("Audit")
    @Description("off, on, on, locked, none in this kernel, or unknown with why")
    public String audit;

    @Label("Audit Syscall Rules")
    @Description("Audit rules walked on every syscall (the syscall-exit list) once audit is on; -1 when unknown")
    public int auditRules;

    @Label("CPU Mitigations")
    @Description("One 'name: state' line per CPU vulnerability not reported 'Not affected' "
            + "(/sys/devices/system/cpu/vulnerabilities)")
    public String mitigations;

    @Label("CPU")
    public String cpu;

    @Label("Kernel")
    public String kernel;
}
