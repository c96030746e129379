package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.HEAD_OFFSET;
import static io.lwp4j.sampler.layout.RingBufferLayout.RECORD_SIZE;
import static io.lwp4j.sampler.layout.RingBufferLayout.consumerPositionOffset;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A zero-copy consumer of one ring buffer, owning one consumer slot.
 *
 * <p>{@link #poll} load-acquires the producer's head, hands each record to the handler as a
 * read-only {@link RecordView} over the buffer itself (valid only during the callback), then
 * store-releases the slot position, which is what lets the producer reuse those records
 * (JCTools' vocabulary in the comments: {@code lp} plain load of a field only this side
 * writes, {@code lv} load-acquire, {@code so} store-release).
 * Not thread-safe: one thread polls a poller.
 */
public final class RawPoller implements AutoCloseable {
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private final RingBuffer buffer;
    private final int slot;
    private final boolean attached;
    private final long positionOffset;
    private final long mask;
    private final RecordView view;
    private boolean closed;

    RawPoller(RingBuffer buffer, int slot, boolean attached) {
        this.buffer = buffer;
        this.slot = slot;
        this.attached = attached;
        this.positionOffset = consumerPositionOffset(slot);
        this.mask = buffer.capacity() - 1;
        this.view = new RecordView(buffer.tscHz());
    }

    /** Receives records during {@link #poll}; the view is reused, copy what you keep. */
    @FunctionalInterface
    public interface RecordHandler {
        void onRecord(RecordView record);
    }

    /**
     * Hands up to {@code limit} available records to the handler, oldest first.
     *
     * @return the number of records consumed
     * @throws IllegalStateException when the buffer or this poller is closed
     */
    public int poll(RecordHandler handler, int limit) {
        checkOpen();
        MemorySegment s = buffer.segment();
        long position = (long) LONG.get(s, positionOffset);          // lp: only this slot writes it
        long head = (long) LONG.getAcquire(s, HEAD_OFFSET);           // lv: records below are complete
        int n = (int) Math.min(unread(head, position), limit);
        MemorySegment data = buffer.readOnlyData();
        for (int i = 0; i < n; i++) {
            long p = position + i;
            view.wrap(data, (p & mask) * RECORD_SIZE, p);
            handler.onRecord(view);
        }
        if (n > 0) {
            LONG.setRelease(s, positionOffset, position + n);          // so: frees them for the producer
        }
        return n;
    }

    /** Records published and not yet consumed by this poller. */
    public long available() {
        checkOpen();
        MemorySegment s = buffer.segment();
        return unread((long) LONG.getAcquire(s, HEAD_OFFSET), (long) LONG.get(s, positionOffset));
    }

    /**
     * head - position, which the protocol keeps within one lap; anything else means the shared
     * header was overwritten (a position or the head beyond capacity), and reading on would
     * hand out records that are not what they claim.
     */
    private long unread(long head, long position) {
        long n = head - position;
        if (Long.compareUnsigned(n, mask + 1) > 0) {
            throw new CorruptedBufferException("ring buffer " + buffer.bufferId() + " has a corrupted header: consumer "
                    + slot + " at " + position + " is not within one lap (" + (mask + 1) + " records) of head " + head);
        }
        return n;
    }

    /** Next position this poller reads (free-running record count). */
    public long position() {
        checkOpen();
        return (long) LONG.get(buffer.segment(), positionOffset);
    }

    public int slot() {
        return slot;
    }

    public RingBuffer buffer() {
        return buffer;
    }

    private void checkOpen() {
        if (closed) {
            throw new BufferClosedException("poller on slot " + slot + " is closed");
        }
        buffer.checkOpen();
    }

    /** Gives the slot back; an attached slot stops gating the producer. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        buffer.releaseSlot(slot, attached);
    }

    /**
     * Gives the slot back and frees it even when the buffer was created with it, so it stops
     * gating the producer: a consumer that stops for good must not make the buffer fill up
     * (and drop records for the other consumers) on its behalf.
     */
    public void closeAndFree() {
        if (closed) return;
        closed = true;
        buffer.releaseSlot(slot, true);
    }
}
