package io.lwp4j.jfr.events;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;

@Name("lwp4j.BufferStatistics")
@Label("Buffer Statistics")
@Description("lwp4j's ring buffers in this process and the memory they keep locked")
@Period("10 s")
public final class BufferStatisticsEvent extends PipelineEvent {
    @Label("Live Buffers")
    public long buffersLive;

    @Label("Buffers Created")
    public long buffersCreated;

    @Label("Locked Memory")
    @Description("Bytes of ring buffers locked in memory (mlock)")
    @DataAmount(DataAmount.BYTES)
    public long lockedMemory;

    @Label("Lock Budget")
    @Description("Most bytes lwp4j locks; buffers past it stay unlocked")
    @DataAmount(DataAmount.BYTES)
    public long lockBudget;

    @Label("Lock Budget Used")
    @Percentage
    public double lockBudgetUsed;

    @Label("Unlocked by RLIMIT_MEMLOCK")
    @Description("Buffers left unlocked because mlock was refused (raise ulimit -l)")
    public long unlockedByRlimit;

    @Label("Unlocked by Budget")
    @Description("Buffers left unlocked because the lock budget was spent")
    public long unlockedByBudget;
}
