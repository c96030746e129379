package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One lwp4j ring buffer: the mlocked LWP/PEBS-style buffer of a thread (or of a native
 * sampler thread, or the orphan buffer), seen from Java.
 *
 * <p>Producer side ({@link #append}): only the owner thread may append, and only while it
 * is not stopped in a write fault (the native handler writes then): see the single-writer
 * rule in {@code lwp4j.h}. The producer fields live in the shared header because the
 * native handler and the owner thread take turns as the producer.
 *
 * <p>Consumer side: each consumer owns one slot ({@link #openPoller}); the producer never
 * overwrites what an active slot has not read, and never waits for it.
 *
 * <p>The producer's protocol is {@link RingProducer}'s, the consumer's {@link RawPoller}'s.
 */
public final class RingBuffer extends RingProducer implements AutoCloseable {
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment segment;
    private final MemorySegment readOnlyData;
    private final Arena arena;
    private final boolean owned;
    private final Thread owner;
    private final long bufferId;
    private final AtomicIntegerArray slotsInUse = new AtomicIntegerArray(MAX_CONSUMERS);
    private volatile boolean closed;

    private RingBuffer(MemorySegment mapping, Arena arena, boolean owned, Thread owner) {
        super(mapping);
        this.arena = arena;
        this.segment = mapping;
        this.owned = owned;
        this.owner = owner;
        this.bufferId = segment.get(JAVA_LONG, BUFFER_ID_OFFSET);
        this.readOnlyData = segment.asSlice(HEADER_SIZE, capacity * RECORD_SIZE).asReadOnly();
    }

    /**
     * Creates a buffer owned by the calling OS thread: the calling platform thread, or the
     * carrier of the calling virtual thread ({@link CarrierThreads}).
     *
     * @param capacity records, a power of two in [{@value RingBufferLayout#MIN_CAPACITY},
     *     {@value RingBufferLayout#MAX_CAPACITY}]
     * @param watermark fill in records that rings the doorbell (0: capacity / 2)
     * @param consumerMask consumer slots that start active at position 0
     */
    static RingBuffer createForCurrentThread(int capacity, int watermark, int consumerMask) {
        if (!isValidCapacity(capacity)) {
            throw new IllegalArgumentException("ring buffer capacity must be a power of two between "
                    + MIN_CAPACITY + " and " + MAX_CAPACITY + " records, got " + capacity);
        }
        if (watermark < 0 || watermark > capacity) {
            throw new IllegalArgumentException("watermark must be within 0.." + capacity + " records, got " + watermark);
        }
        if ((consumerMask >>> MAX_CONSUMERS) != 0) {
            throw new IllegalArgumentException("consumer mask names slots beyond " + (MAX_CONSUMERS - 1));
        }
        Thread owner = CarrierThreads.current();
        if (owner.isVirtual()) {
            throw new IllegalStateException("a virtual thread has no ring buffer of its own: its records go to its "
                    + "carrier's buffer, which lwp4j can name only when java.base exports jdk.internal.access to its "
                    + "module (--add-exports java.base/jdk.internal.access=ALL-UNNAMED)");
        }
        MemorySegment raw;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            int rc = NativeBuffers.createInto(capacity, watermark, NativeClock.gettid(), 0, consumerMask, out);
            if (rc < 0) throw new BufferMappingException(capacity, -rc);
            raw = out.get(ADDRESS, 0);
        }
        Arena arena = Arena.ofShared();
        return new RingBuffer(raw.reinterpret(mappingSize(capacity), arena, null), arena, true, owner);
    }

    /**
     * The mapping of a retired buffer, kept for a new owner ({@link #detachForReuse}): its
     * shared arena stays open, so handing it on costs no arena close (a handshake with every
     * running Java thread, which takes up to a scheduling round of all of them: 0.2 s with 16
     * busy threads on 2 vCPUs) and no mmap, mlock or munmap.
     */
    record ReusableMapping(MemorySegment segment, Arena arena, long capacity) {
        /** Frees it for good, as {@link RingBuffer#close()} does. */
        void free() {
            MemorySegment raw = MemorySegment.ofAddress(segment.address());
            arena.close();
            NativeBuffers.destroy(raw);
        }
    }

    /**
     * A retired buffer's mapping as a new buffer of the calling OS thread: reset as {@link
     * #createForCurrentThread} would make it (new id, empty, consumer slots from the mask).
     */
    static RingBuffer reuseForCurrentThread(ReusableMapping m, int watermark, int consumerMask) {
        Thread owner = CarrierThreads.current();
        if (owner.isVirtual()) {
            throw new IllegalStateException("a virtual thread has no ring buffer of its own");
        }
        int rc;
        int tid = NativeClock.gettid();
        rc = NativeBuffers.recycle(m.segment(), watermark, tid, consumerMask);
        if (rc != 0) {
            throw new IllegalArgumentException("cannot reuse ring buffer mapping at 0x" + Long.toHexString(m.segment().address())
                    + " with watermark " + watermark + " and consumer mask " + consumerMask);
        }
        return new RingBuffer(m.segment(), m.arena(), true, owner);
    }

    /** True for a buffer this wrapper made and frees; false for one it wraps ({@link #wrapAddress}). */
    boolean ownsMapping() {
        return owned;
    }

    /**
     * Closes this buffer without freeing its mapping, which it returns for {@link
     * #reuseForCurrentThread}; null (and still open) when the mapping cannot be handed on: a
     * wrapped buffer, or a poller is still open on it (it could otherwise read, or move a
     * consumer position of, the next owner's buffer). A retired buffer has no producer.
     */
    synchronized ReusableMapping detachForReuse() {
        if (closed || !owned) return null;
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            if (slotsInUse.get(i) != 0) return null;
        }
        closed = true;
        return new ReusableMapping(segment, arena, capacity);
    }

    /**
     * Wraps a buffer made elsewhere (liblwp4j's native threads, another library sharing the
     * ABI) for consuming. The header is validated first, so a corrupted or foreign mapping
     * is refused before any record is read. The mapping stays the caller's; {@link #close()}
     * only invalidates this wrapper's views, so close it before the mapping goes away.
     *
     * @throws IllegalArgumentException naming the first inconsistency found
     */
    public static RingBuffer wrap(MemorySegment mapping) {
        if (!mapping.isNative()) {
            throw new IllegalArgumentException("a ring buffer lives in native memory, not on the heap");
        }
        validateHeader(mapping);
        long size = mappingSize(mapping.get(JAVA_LONG, CAPACITY_OFFSET));
        Arena arena = Arena.ofShared();
        return new RingBuffer(MemorySegment.ofAddress(mapping.address()).reinterpret(size, arena, null),
                arena, false, null);
    }

    /**
     * Wraps a buffer address returned by liblwp4j, validated like {@link #wrap} against the size
     * liblwp4j mapped there: never against the header's own capacity, which a corrupted header
     * could make larger than the mapping.
     *
     * @throws IllegalArgumentException when no live lwp4j buffer starts at the address, or its
     *     header is inconsistent
     */
    public static RingBuffer wrapAddress(MemorySegment address) {
        if (address.equals(MemorySegment.NULL)) {
            throw new IllegalArgumentException("null ring buffer address");
        }
        long size = NativeBuffers.mappingOf(address);
        if (size == 0) {
            throw new IllegalArgumentException("no live lwp4j ring buffer at " + address);
        }
        return wrap(address.reinterpret(size));
    }

    static void validateHeader(MemorySegment m) {
        if (m.byteSize() < HEADER_SIZE) {
            throw new IllegalArgumentException("mapping of " + m.byteSize() + " bytes is smaller than the "
                    + HEADER_SIZE + "-byte header");
        }
        int magic = m.get(JAVA_INT, MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format("bad magic 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        int version = m.get(JAVA_INT, ABI_VERSION_OFFSET);
        if (version != ABI_VERSION) {
            throw new IllegalArgumentException("ABI version " + version + ", this build reads " + ABI_VERSION);
        }
        int headerSize = m.get(JAVA_INT, HEADER_SIZE_OFFSET);
        int recordSize = m.get(JAVA_INT, RECORD_SIZE_OFFSET);
        if (headerSize != HEADER_SIZE || recordSize != RECORD_SIZE) {
            throw new IllegalArgumentException("header/record size " + headerSize + "/" + recordSize
                    + ", expected " + HEADER_SIZE + "/" + RECORD_SIZE);
        }
        long cap = m.get(JAVA_LONG, CAPACITY_OFFSET);
        if (!isValidCapacity(cap)) {
            throw new IllegalArgumentException("capacity " + cap + " is not a power of two within limits");
        }
        if (m.byteSize() < mappingSize(cap)) {
            throw new IllegalArgumentException("capacity " + cap + " records needs " + mappingSize(cap)
                    + " bytes, the mapping has " + m.byteSize());
        }
        long head = m.get(JAVA_LONG, HEAD_OFFSET);
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            if (m.get(JAVA_INT, consumerStateOffset(i)) != CONSUMER_ACTIVE) continue;
            long pos = m.get(JAVA_LONG, consumerPositionOffset(i));
            if (Long.compareUnsigned(head - pos, cap) > 0) {
                throw new IllegalArgumentException("consumer " + i + " at " + pos + " is not within one lap of head "
                        + head + " (capacity " + cap + ")");
            }
        }
    }

    // ---------------------------------------------------------------- producer

    /**
     * Appends one record about the owner thread. Never blocks: when every active consumer is
     * a full lap behind, the record is dropped and counted in {@link #lost()}.
     *
     * <p>The owner is an OS thread: a virtual thread mounted on the owner may append too (it
     * runs on the owner, and nothing in here can unmount it), which is how virtual threads'
     * records land in their carrier's buffer.
     *
     * @return false when the record was dropped
     * @throws IllegalStateException when called on a thread other than the owner, or after
     *     the buffer was retired (its mapping may already be another thread's buffer)
     */
    public boolean append(int type, int flags, long time, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (CarrierThreads.current() != owner) throw notOwner();
        checkOpen();
        return appendAsOwner(type, flags, time, a0, a1, a2, a3, a4, a5);
    }

    /**
     * {@link RecordClock#now()} for a record the owner will {@link #append} a little later
     * (when the call it times returns): also asks for the cache lines that append will write,
     * the next slot and the head, which the consumer's CPU read last, so the transfer overlaps
     * the timed call instead of stalling the append's stores (about 20 ns on the reference VM:
     * BENCHMARKS.md, "Agent overhead"). Only the owner calls it; it changes nothing.
     */
    public long nowPreparingAppend() {
        return RecordClock.nowPrefetchingForWrite(nextRecordAddress(), segment.address() + HEAD_OFFSET);
    }

    private IllegalStateException notOwner() {
        return new IllegalStateException("single-writer rule: only " + owner + " may append to this buffer");
    }

    // ---------------------------------------------------------------- consumers

    /**
     * Opens a poller on a slot the buffer was created with (e.g. {@link
     * io.lwp4j.sampler.layout.RingBufferLayout#CONSUMER_RAW}): it sees every record since
     * creation. One poller per slot.
     */
    public synchronized RawPoller openPoller(int slot) {
        checkOpen();
        if (slot < 0 || slot >= MAX_CONSUMERS) {
            throw new IllegalArgumentException("consumer slot must be 0.." + (MAX_CONSUMERS - 1) + ", got " + slot);
        }
        if ((int) INT.getAcquire(segment, consumerStateOffset(slot)) != CONSUMER_ACTIVE) {
            throw new IllegalStateException("consumer slot " + slot + " is not active on buffer " + bufferId
                    + ": create the buffer with it, or use openPoller() to attach to a free slot");
        }
        if (!slotsInUse.compareAndSet(slot, 0, 1)) {
            throw new IllegalStateException("consumer slot " + slot + " already has a poller");
        }
        return new RawPoller(this, slot, false);
    }

    /** Attaches a poller to a free slot: it sees every record published from now on. */
    public synchronized RawPoller openPoller() {
        checkOpen();
        int slot = NativeBuffers.consumerAttach(segment);
        if (slot < 0) {
            throw new IllegalStateException("all " + MAX_CONSUMERS + " consumer slots of buffer " + bufferId
                    + " are taken");
        }
        slotsInUse.set(slot, 1);
        return new RawPoller(this, slot, true);
    }

    /** Synchronized with {@link #close()}: the detach writes into the mapping close frees. */
    synchronized void releaseSlot(int slot, boolean detach) {
        if (detach && !closed) {
            NativeBuffers.consumerDetach(segment, slot);
        }
        slotsInUse.set(slot, 0);
    }

    /** Bit i set when consumer slot i is active. */
    public int consumerMaskActive() {
        checkOpen();
        int m = 0;
        for (int i = 0; i < MAX_CONSUMERS; i++) {
            if ((int) INT.getAcquire(segment, consumerStateOffset(i)) == CONSUMER_ACTIVE) m |= 1 << i;
        }
        return m;
    }

    MemorySegment segment() {
        return segment;
    }

    MemorySegment readOnlyData() {
        return readOnlyData;
    }

    // ---------------------------------------------------------------- state

    public long capacity() {
        return capacity;
    }

    public long watermark() {
        return watermark;
    }

    public int ownerTid() {
        return ownerTid;
    }

    /**
     * The platform thread that owns this buffer (a carrier, for records of virtual threads),
     * or null for native and foreign buffers.
     */
    public Thread owner() {
        return owner;
    }

    public long bufferId() {
        return bufferId;
    }

    /** TSC frequency the records' cycle counts run at; 0 when their times are nanoseconds. */
    public long tscHz() {
        checkOpen();
        return segment.get(JAVA_LONG, TSC_HZ_OFFSET);
    }

    /** Cycles of this buffer's records in nanoseconds. */
    public long cyclesToNanos(long cycles) {
        long hz = tscHz();
        return hz == 0 ? cycles : Math.round(cycles * 1e9 / hz);
    }

    public int flags() {
        checkOpen();
        return (int) INT.getAcquire(segment, FLAGS_OFFSET);
    }

    public boolean isLocked() {
        return (flags() & FLAG_LOCKED) != 0;
    }

    /** Records published so far (the producer position). */
    public long head() {
        checkOpen();
        return (long) LONG.getAcquire(segment, HEAD_OFFSET);
    }

    /** Records dropped because the buffer was full. */
    public long lost() {
        checkOpen();
        return (long) LONG.getAcquire(segment, LOST_OFFSET);
    }

    /** Address of the mapping, for native consumers and the doorbell. */
    public long address() {
        return segment.address();
    }

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new BufferClosedException("ring buffer " + bufferId + " is closed");
        }
    }

    /**
     * Frees the mapping (munmap, which also unlocks it). Every view of it becomes invalid:
     * a later access throws {@link IllegalStateException}, never reads freed memory.
     * Wrapped (not owned) buffers only become unusable; their mapping is the caller's.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (owned) {
            new ReusableMapping(segment, arena, capacity).free();
        } else {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "RingBuffer[id=" + bufferId + ", tid=" + ownerTid + ", capacity=" + capacity + (closed ? ", closed" : "") + "]";
    }
}
