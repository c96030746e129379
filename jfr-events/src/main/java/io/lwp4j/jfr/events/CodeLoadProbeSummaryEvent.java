package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name("lwp4j.CodeLoadProbeSummary")
@Label("Code Load Probe Summary")
@Description("Median per-iteration time of the code-loading probe runs in the interval, per strategy")
@Category({"lwp4j", "Syscall Path"})
public final class CodeLoadProbeSummaryEvent extends SummaryEvent {
    @Label("Strategy")
    @Description("naive, reuse, reuse-locked, shared or memfd-dual")
    public String strategy;

    @Override
    public void setKey(String key) {
        strategy = key;
    }
}
