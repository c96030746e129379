package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.CodeLoadProbe")
@Label("Code Load Probe")
@Description("What putting freshly written machine code in place and running it costs, per iteration, with one "
        + "strategy")
@Category({"lwp4j", "Syscall Path"})
public final class CodeLoadProbeEvent extends TimedProbeEvent {
    @Label("Strategy")
    @Description("naive: mmap, write, mprotect, call, munmap; reuse: mprotect flips of one mapping; reuse-locked: "
            + "the same, MAP_LOCKED; shared: the same, MAP_SHARED; memfd-dual: one memfd mapped RX and W")
    public String strategy;

    @Label("Error")
    @Description("errno of the refused step, 0 when every step worked (the timing is then zero)")
    public int error;

    @Label("Pages")
    @Description("Pages in the code region")
    public int pages;

    @Label("Iterations")
    public int iterations;
}
