package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.layout.RingBufferLayout;

/**
 * A buffer's lost count grew: records its producer dropped because the buffer was full
 * (the {@code PERF_RECORD_LOST} model). The dropped records are gone, so only their number
 * and the buffer they were meant for are known, never their type.
 *
 * <p>Like {@link DrainedRecord}, a preallocated slot of the pipeline's ring: valid only
 * during the handler callback.
 */
public final class RecordsLost {
    private long bufferId;
    private int ownerTid;
    private Thread owner;
    private int bufferFlags;
    private long lost;
    private long lostTotal;

    RecordsLost() {}

    void set(BufferCursor source, long lostNow, long lostTotalNow) {
        bufferId = source.bufferId();
        ownerTid = source.ownerTid();
        owner = source.owner();
        bufferFlags = source.bufferFlags();
        lost = lostNow;
        lostTotal = lostTotalNow;
    }

    public long bufferId() {
        return bufferId;
    }

    /** Owner thread id of the buffer (0 for the orphan buffer). */
    public int ownerTid() {
        return ownerTid;
    }

    /** The Java thread owning the buffer, null for native sampler threads and the orphan buffer. */
    public Thread owner() {
        return owner;
    }

    /** The buffer's {@code LWP4J_BUF_*} flags (locked, native owner, orphan, ...). */
    public int bufferFlags() {
        return bufferFlags;
    }

    /** Records dropped since the previous notice for this buffer. */
    public long lost() {
        return lost;
    }

    /** Records this buffer has dropped since the drainer began reading it. */
    public long lostTotal() {
        return lostTotal;
    }

    /** What kind of producer the buffer belongs to, for grouping losses. */
    public BufferKind bufferKind() {
        return BufferKind.of(bufferFlags);
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
