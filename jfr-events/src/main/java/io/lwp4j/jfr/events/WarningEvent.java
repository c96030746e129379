package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

@Name("lwp4j.Warning")
@Label("Warning")
@Description("One of lwp4j's warnings said in this process so far: a feature turned off, why, and how to turn it "
        + "back on (the line on standard error); every warning at the start and end of every chunk")
@Category({"lwp4j", "Pipeline"})
@Period("everyChunk")
@StackTrace(false)
public final class WarningEvent extends jdk.jfr.Event {
    @Label("Message")
    public String message;
}
