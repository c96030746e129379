package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RecordLayout.PAYLOAD_OFFSET;
import static io.lwp4j.sampler.layout.RecordLayout.TIME_OFFSET;
import static io.lwp4j.sampler.layout.RecordLayout.headerWord;
import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.NativeBuffers;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The producer half of the ring protocol, the Java twin of {@code lwp4j_claim},
 * {@code lwp4j_publish} and {@code lwp4j_doorbell_check} in {@code lwp4j.h}: the same
 * loss-counting and doorbell rules, checked by {@code RingProtocolDifferentialTest}, which
 * drives both through one script and compares the headers after each step.
 *
 * <p>Field ownership and ordering (JCTools' vocabulary: {@code lp} plain load, {@code lv}
 * volatile load, here load-acquire, {@code so} ordered store, here store-release):
 * head, lost, tail_cache and rung_head are written by the producer only, so it loads them
 * plain ({@code lp}); it publishes a record with {@code so} of head and counts a loss with
 * {@code so} of lost; it reads the consumers' states and positions with {@code lv}. The
 * caller guarantees the single-writer rule ({@link RingBuffer#append} checks the owner).
 *
 * <p>{@link RingBuffer} extends this class rather than holding one: the producer's fields stay
 * in the object the append is called on (a separate producer object cost 3.5 ns an append in
 * {@code RingBufferBenchmark.appendThenPoll}).
 */
public class RingProducer {
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment header;
    /** Read once from the header; {@link RingBuffer} reads them here too. */
    final long capacity;
    private final long mask;
    final long watermark;
    private final long doorbellCheckMask;
    /** The header's doorbell eventfd, -1: none. */
    private final int doorbellFd;
    final int ownerTid;

    /** @param header the whole mapping, its descriptor line already written by the creator */
    RingProducer(MemorySegment header) {
        this.header = header;
        this.capacity = header.get(JAVA_LONG, CAPACITY_OFFSET);
        this.mask = capacity - 1;
        this.watermark = Integer.toUnsignedLong(header.get(JAVA_INT, WATERMARK_OFFSET));
        this.doorbellCheckMask = doorbellCheckMask(watermark);
        this.doorbellFd = header.get(JAVA_INT, DOORBELL_FD_OFFSET);
        this.ownerTid = header.get(JAVA_INT, OWNER_TID_OFFSET);
    }

    /** {@code lwp4j_doorbell_check_mask}: past the watermark, consumers are re-read every this + 1 records. */
    static long doorbellCheckMask(long watermark) {
        return Long.highestOneBit(Math.max(1, watermark >>> 3)) - 1;
    }

    /**
     * Appends one record, or counts it lost when every active consumer is a full lap behind.
     * Kept under the JIT's inlining limit (FreqInlineSize): the advice of every recorded I/O
     * call inlines this; the rare paths are calls.
     *
     * @return false when the record was dropped
     */
    final boolean appendAsOwner(int type, int flags, long time, long a0, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment s = header;
        long head = (long) LONG.get(s, HEAD_OFFSET);           // lp: producer-written
        long tail = (long) LONG.get(s, TAIL_CACHE_OFFSET);     // lp: producer-written
        if (head - tail >= capacity && head - (tail = refreshTailCache(head)) >= capacity) {
            return countLost();
        }
        long r = HEADER_SIZE + (head & mask) * RECORD_SIZE;
        long p = r + PAYLOAD_OFFSET;
        LONG.set(s, r, headerWord(type, flags, ownerTid));
        LONG.set(s, r + TIME_OFFSET, time);
        LONG.set(s, p, a0);
        LONG.set(s, p + 8, a1);
        LONG.set(s, p + 16, a2);
        LONG.set(s, p + 24, a3);
        LONG.set(s, p + 32, a4);
        LONG.set(s, p + 40, a5);
        LONG.setRelease(s, HEAD_OFFSET, head + 1);             // so: publishes the record
        long fill = head + 1 - tail;
        if (fill >= watermark && ((fill - watermark) & doorbellCheckMask) == 0 && doorbellFd >= 0) {
            ringIfConsumerCaughtUp(head + 1);
        }
        return true;
    }

    /** Address of the record slot the next append writes, and of the head: for a prefetch. */
    final long nextRecordAddress() {
        long head = (long) LONG.get(header, HEAD_OFFSET);      // lp: producer-written
        return header.address() + HEADER_SIZE + (head & mask) * RECORD_SIZE;
    }

    /** The cached tail was a full lap behind: re-reads the consumers' positions into it. */
    private long refreshTailCache(long head) {
        long tail = lvMinConsumerPosition(head);
        LONG.set(header, TAIL_CACHE_OFFSET, tail);             // producer-only field
        return tail;
    }

    private boolean countLost() {
        MemorySegment s = header;
        LONG.setRelease(s, LOST_OFFSET, (long) LONG.get(s, LOST_OFFSET) + 1);   // so after lp
        return false;
    }

    /**
     * {@code lwp4j_doorbell_ring}, in Java up to the eventfd write: refresh the cached tail and
     * go down to the native call (a thread-state transition, then the write) only when the fill
     * is still past the watermark and the slowest consumer has read everything that was there
     * at the last ring. rung_head is written here, not in C, so native code is handed no
     * pointer into this mapping, which a session's close may unmap meanwhile (the segment's
     * accesses are checked; a raw address would not be).
     */
    private void ringIfConsumerCaughtUp(long head) {
        MemorySegment s = header;
        long fresh = lvMinConsumerPosition(head);
        LONG.set(s, TAIL_CACHE_OFFSET, fresh);                 // producer-only fields
        // Positions are free-running u64 (C compares them unsigned; with no consumer, fresh
        // is head - capacity, which is "negative" in the first lap).
        if (head - fresh < watermark || Long.compareUnsigned(fresh, (long) LONG.get(s, RUNG_HEAD_OFFSET)) < 0) {
            return;
        }
        LONG.set(s, RUNG_HEAD_OFFSET, head);                   // producer-only field
        NativeBuffers.doorbellNotify(doorbellFd);
    }

    /** Slowest active consumer position; with none, head - capacity (all records count lost). */
    final long lvMinConsumerPosition(long head) {
        long min = 0;
        boolean any = false;
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            if ((int) INT.getAcquire(header, consumerStateOffset(i)) != CONSUMER_ACTIVE) continue;
            long p = (long) LONG.getAcquire(header, consumerPositionOffset(i));
            if (!any || p < min) min = p;
            any = true;
        }
        return any ? min : head - capacity;
    }
}
