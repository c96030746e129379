package io.lwp4j.jfr.events;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.StackTrace;

/**
 * What every event about lwp4j's own pipeline shares: its category, and no stack trace (the
 * committing thread is lwp4j's, its stack says nothing about the application). Both
 * annotations are {@code @Inherited}; each event keeps its own name, label, description and
 * period, which JFR reads from the event's own class.
 */
@Category({"lwp4j", "Pipeline"})
@StackTrace(false)
public abstract class PipelineEvent extends Event {}
