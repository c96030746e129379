package io.lwp4j.sampler.drain;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;

import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;

/**
 * The drainer's state for one ring buffer: its consumer slot, where reading began and the
 * counts seen so far. Touched by the drainer thread only.
 *
 * <p>Accounting: from the drainer's first look at a buffer, every record its producer tried
 * to append is either published (the head moved) or dropped (lost grew). So
 * {@code produced = (head - startPosition) + (lost - startLost)}, and once the drainer has
 * read up to head, {@code produced == drained + lost}, exactly.
 */
final class BufferCursor {
    private final RingBuffer buffer;
    private final RawPoller poller;
    private final BufferSource source;
    private final long startPosition;
    private final long startLost;
    private long lostSeen;
    private long produced;
    private long drained;
    private boolean closed;

    private BufferCursor(RingBuffer buffer, RawPoller poller, long startLost) {
        this.buffer = buffer;
        this.poller = poller;
        this.source = BufferSource.of(buffer);
        this.startPosition = poller.position();
        this.startLost = startLost;
        this.lostSeen = startLost;
    }

    /**
     * Starts reading {@code buffer} on the drain slot when it was created with it (then no
     * record since creation is missed), else on any free slot, from the current head.
     *
     * @throws IllegalStateException when the buffer is closed or has no free slot
     */
    static BufferCursor open(RingBuffer buffer) {
        if ((buffer.consumerMaskActive() & 1 << CONSUMER_DRAIN) != 0) {
            try {
                RawPoller p = buffer.openPoller(CONSUMER_DRAIN);
                // At position 0 the slot has gated the producer since creation: every drop
                // so far happened with these records unread, so all of them count.
                return new BufferCursor(buffer, p, p.position() == 0 ? 0 : buffer.lost());
            } catch (IllegalStateException slotTaken) {
                // another poller in this process reads the drain slot: attach a free one
            }
        }
        long lostBefore = buffer.lost();
        return new BufferCursor(buffer, buffer.openPoller(), lostBefore);
    }

    RingBuffer buffer() {
        return buffer;
    }

    RawPoller poller() {
        return poller;
    }

    /** What its records and lost notices carry about the buffer. */
    BufferSource source() {
        return source;
    }

    long lostSeen() {
        return lostSeen;
    }

    /** Lost count at the last notice; returns the growth since the previous one. */
    long noteLost(long lostNow) {
        long grown = lostNow - lostSeen;
        lostSeen = lostNow;
        return grown;
    }

    long lostSinceStart() {
        return lostSeen - startLost;
    }

    /** Updates {@code produced} from a head read after {@link #noteLost}; returns its growth. */
    long noteProduced(long head) {
        long now = head - startPosition + lostSeen - startLost;
        long grown = now - produced;
        produced = now;
        return grown;
    }

    void addDrained(int n) {
        drained += n;
    }

    long produced() {
        return produced;
    }

    long drained() {
        return drained;
    }

    /** Gives the slot back and frees it: a drainer that is gone must not gate the producer. */
    void close() {
        closed = true;
        poller.closeAndFree();
    }

    boolean isClosed() {
        return closed;
    }
}
