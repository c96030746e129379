package io.lwp4j.sampler.decode;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.WF_ORPHAN;
import static io.lwp4j.sampler.layout.WriteTrackingLayout.WF_REPEAT;
import static io.lwp4j.sampler.layout.WriteTrackingLayout.WF_WOKEN;

/** What a write fault's {@code LWP4J_WF_*} flags say, read alike from the record and from its copy. */
public sealed interface WriteFaultFlags permits WriteFault, WriteFault.Value {
    /** {@code LWP4J_WF_*} of {@link io.lwp4j.sampler.layout.WriteTrackingLayout}: orphan, repeat, woken. */
    int faultFlags();

    /** The thread had no buffer: the record came through the orphan buffer. */
    default boolean isOrphan() {
        return (faultFlags() & WF_ORPHAN) != 0;
    }

    /** The page was already written this epoch (threads raced on it): not a first write. */
    default boolean isRepeat() {
        return (faultFlags() & WF_REPEAT) != 0;
    }

    /** The handler was asleep and had to be woken for it. */
    default boolean handlerWasWoken() {
        return (faultFlags() & WF_WOKEN) != 0;
    }
}
