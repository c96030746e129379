package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.layout.RingBufferLayout;

/**
 * A buffer's lost count grew: records its producer dropped because the buffer was full
 * (the {@code PERF_RECORD_LOST} model). The dropped records are gone, so only their number
 * and the buffer they were meant for are known, never their type.
 *
 * <p>A view of a slot of the pipeline's ring, like {@link DrainedRecord}: valid only during
 * the handler callback.
 */
public final class RecordsLost {
    private DrainedRecord slot;

    RecordsLost() {}

    /** Points this view at a lost-notice slot. */
    RecordsLost wrap(DrainedRecord lostNotice) {
        slot = lostNotice;
        return this;
    }

    public long bufferId() {
        return slot.source().bufferId();
    }

    /** Owner thread id of the buffer (0 for the orphan buffer). */
    public int ownerTid() {
        return slot.source().ownerTid();
    }

    /** The Java thread owning the buffer, null for native sampler threads and the orphan buffer. */
    public Thread owner() {
        return slot.source().owner();
    }

    /** The buffer's {@code LWP4J_BUF_*} flags (locked, native owner, orphan, ...). */
    public int bufferFlags() {
        return slot.source().bufferFlags();
    }

    /** Records dropped since the previous notice for this buffer. */
    public long lost() {
        return slot.word(0);
    }

    /** Records this buffer has dropped since the drainer began reading it. */
    public long lostTotal() {
        return slot.word(1);
    }

    /** What kind of producer the buffer belongs to, for grouping losses. */
    public BufferKind bufferKind() {
        return BufferKind.of(bufferFlags());
    }

    /** Who writes a buffer, from its header flags. */
    public enum BufferKind {
        /** A Java (or attached) thread's own buffer. */
        THREAD,
        /** A native sampler thread's buffer (canary, probes). */
        NATIVE_SAMPLER,
        /** The process-wide buffer for records whose thread has no buffer. */
        ORPHAN;

        static BufferKind of(int flags) {
            if ((flags & RingBufferLayout.FLAG_ORPHAN) != 0) return ORPHAN;
            if ((flags & RingBufferLayout.FLAG_NATIVE_OWNER) != 0) return NATIVE_SAMPLER;
            return THREAD;
        }
    }
}
