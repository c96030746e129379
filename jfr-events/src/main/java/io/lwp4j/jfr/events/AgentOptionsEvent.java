package io.lwp4j.jfr.events;

import java.util.function.IntSupplier;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The options the running lwp4j agent was started with, at the end of every chunk: a recording
 * of an agent loaded by attach has them too (the JVM's own arguments do not), so a report can
 * show them whatever the way the agent came in.
 */
@Name("lwp4j.AgentOptions")
@Label("Agent Options")
@Description("The agent argument of the load that started lwp4j in this JVM; options also come from lwp4j.* "
        + "system properties and LWP4J_* environment variables")
@Category({"lwp4j", "Agent"})
@Period("endChunk")
@StackTrace(false)
public final class AgentOptionsEvent extends jdk.jfr.Event {
    @Label("Options")
    @Description("The agent argument as given, key=value,...; empty: none")
    public String options;

    @Label("Attached")
    @Description("Loaded into the running JVM (dynamic attach) rather than by -javaagent at its start")
    public boolean attached;

    @Label("Ignored Loads")
    @Description("Later loads of the agent into this JVM, each ignored with a warning")
    public int ignoredLoads;

    /** Commits one at the end of every chunk of every recording that enables the event. */
    public static void recordAtEveryChunk(String options, boolean attached, IntSupplier ignoredLoads) {
        FlightRecorder.addPeriodicEvent(AgentOptionsEvent.class, () -> {
            AgentOptionsEvent e = new AgentOptionsEvent();
            e.options = options;
            e.attached = attached;
            e.ignoredLoads = ignoredLoads.getAsInt();
            e.commit();
        });
    }
}
