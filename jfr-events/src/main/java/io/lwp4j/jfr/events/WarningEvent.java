package io.lwp4j.jfr.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

@Name("lwp4j.Warning")
@Label("Warning")
@Description("One of lwp4j's warnings said in this process so far: a feature turned off, why, and how to turn it "
        + "back on (the line on standard error); every warning at the start and end of every chunk")
@Period("everyChunk")
public final class WarningEvent extends PipelineEvent {
    @Label("Message")
    public String message;
}
