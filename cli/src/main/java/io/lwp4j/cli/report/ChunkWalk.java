package io.lwp4j.cli.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Steps through a recording's chunks record by record, reading only each record's size, the
 * way the JDK's parser walks them: a chunk is a 68-byte header (magic {@code FLR\0}, version,
 * size, constant-pool and metadata offsets, start in epoch ns, duration, start ticks, ticks per
 * second, features), then records (events, constant pools, metadata) each starting with its
 * own size, compressed (LEB128) when feature bit 0 says so, and ending exactly at the chunk's
 * end. The JDK's streaming parser stops without a word at a record it cannot read; this walk,
 * done first, names the damage instead of letting the report show half a recording as whole.
 */
final class ChunkWalk {
    static final int MAGIC = 0x464c5200; // "FLR\0"
    static final int HEADER = 68;
    private static final int COMPRESSED_INTS = 1;

    /** What the walk found: the span of the chunks, and the damage, if any (null: whole). */
    record Result(long startEpochNanos, long endEpochNanos, String damage) {}

    private final FileChannel channel;
    private final long fileBytes;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long bufferStart = -1;

    private ChunkWalk(FileChannel channel, long fileBytes) {
        this.channel = channel;
        this.fileBytes = fileBytes;
    }

    static Result walk(FileChannel channel, long fileBytes) throws IOException {
        return new ChunkWalk(channel, fileBytes).walk();
    }

    private Result walk() throws IOException {
        long start = Long.MAX_VALUE, end = Long.MIN_VALUE;
        long position = 0;
        while (position < fileBytes) {
            if (position + HEADER > fileBytes || readInt(position) != MAGIC) {
                return new Result(start, end, position == 0 ? "Not a Flight Recorder file"
                        : "corrupted: " + (fileBytes - position) + " bytes after the last chunk are not a chunk");
            }
            long chunkSize = readLong(position + 8);
            if (chunkSize < HEADER) return new Result(start, end, "corrupted: the chunk at byte " + position + " has size " + chunkSize);
            if (position + chunkSize > fileBytes) {
                return new Result(start, end, "cut short: the chunk at byte " + position + " needs " + chunkSize
                        + " bytes, the file ends at " + fileBytes);
            }
            long chunkStart = readLong(position + 32), chunkDuration = readLong(position + 40);
            boolean compressed = (readInt(position + 64) & COMPRESSED_INTS) != 0;
            start = Math.min(start, chunkStart);
            end = Math.max(end, chunkStart + Math.max(0, chunkDuration));
            long chunkEnd = position + chunkSize;
            long record = position + HEADER;
            while (record < chunkEnd) {
                long size = compressed ? readVarint(record, chunkEnd) : readInt(record);
                if (size <= 0 || record + size > chunkEnd) {
                    return new Result(start, end, "corrupted: the record at byte " + record + " claims " + size
                            + " bytes, its chunk ends at byte " + chunkEnd);
                }
                record += size;
            }
            position = chunkEnd;
        }
        return new Result(start, end, null);
    }

    /** LEB128, at most 9 bytes: the size of a record; -1 when it runs past the chunk. */
    private long readVarint(long at, long limit) throws IOException {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (at + i >= limit) return -1;
            int b = readByte(at + i);
            if (i == 8) return value | ((long) b << 56);
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
        return value;
    }

    private int readByte(long at) throws IOException {
        fill(at, 1);
        return buffer.get((int) (at - bufferStart)) & 0xff;
    }

    private int readInt(long at) throws IOException {
        fill(at, 4);
        return buffer.getInt((int) (at - bufferStart));
    }

    private long readLong(long at) throws IOException {
        fill(at, 8);
        return buffer.getLong((int) (at - bufferStart));
    }

    /** Makes bytes [at, at + n) available in the buffer. */
    private void fill(long at, int n) throws IOException {
        if (bufferStart >= 0 && at >= bufferStart && at + n <= bufferStart + buffer.limit()) return;
        buffer.clear();
        int read = 0;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, at + read);
            if (r < 0) break;
            read += r;
        }
        buffer.flip();
        bufferStart = at;
        if (buffer.limit() < n) throw new IOException("the file ends at byte " + (at + buffer.limit()));
    }
}
