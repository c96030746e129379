package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RecordLayout.*;
import static io.lwp4j.sampler.layout.RingBufferLayout.RECORD_SIZE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * A flyweight over one 64-byte record in place. It reads through a read-only segment of the
 * buffer's data area, so every access is bounds-checked by the segment and a consumer can
 * never write into the buffer through it.
 */
public final class RecordView implements RecordWords {
    private final long tscHz;
    private MemorySegment data;
    private long offset;
    private long position;

    RecordView(long tscHz) {
        this.tscHz = tscHz;
    }

    /**
     * A view of the record at {@code offset} in {@code records} (a copy, or the output of
     * {@code lwp4j_probe_latest}); its cycle counts run at {@code tscHz} (0: nanoseconds).
     */
    public static RecordView over(MemorySegment records, long offset, long tscHz) {
        RecordView v = new RecordView(tscHz);
        v.wrap(records.asReadOnly(), offset, 0);
        return v;
    }

    void wrap(MemorySegment data, long offset, long position) {
        this.data = data;
        this.offset = offset;
        this.position = position;
    }

    /** Position (free-running index) of this record in its buffer. */
    public long position() {
        return position;
    }

    @Override
    public int typeCode() {
        return Short.toUnsignedInt(data.get(JAVA_SHORT, offset + TYPE_OFFSET));
    }

    @Override
    public int flags() {
        return Short.toUnsignedInt(data.get(JAVA_SHORT, offset + FLAGS_OFFSET));
    }

    @Override
    public int tid() {
        return data.get(JAVA_INT, offset + TID_OFFSET);
    }

    /** TSC cycles, or CLOCK_MONOTONIC ns when {@link #flags()} has FLAG_TIME_NS. */
    @Override
    public long time() {
        return data.get(JAVA_LONG, offset + TIME_OFFSET);
    }

    /** Payload word {@code i}, 0..5. */
    @Override
    public long word(int i) {
        if (i < 0 || i >= PAYLOAD_WORDS) {
            throw new IndexOutOfBoundsException("payload word " + i + " of " + PAYLOAD_WORDS);
        }
        return data.get(JAVA_LONG, offset + payloadOffset(i));
    }

    @Override
    public long tscHz() {
        return tscHz;
    }

    /** Copies the whole record (64 bytes) to {@code dst} at {@code dstOffset}. */
    public void copyTo(MemorySegment dst, long dstOffset) {
        MemorySegment.copy(data, offset, dst, dstOffset, RECORD_SIZE);
    }

    @Override
    public String toString() {
        return "Record[pos=" + position + ", type=" + typeCode() + ", tid=" + tid() + ", time=" + time() + "]";
    }
}
