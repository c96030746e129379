package io.lwp4j.sampler;

import io.lwp4j.sampler.layout.RingBufferLayout;

/**
 * How new ring buffers are made.
 *
 * @param capacity records per buffer (power of two); default 256, i.e. 16 KiB of records
 * @param watermark fill in records that rings the doorbell; 0 means capacity / 2
 * @param lockBudget most bytes lwp4j mlocks in this process; buffers past it stay unlocked
 * @param consumerMask consumer slots active from each buffer's creation (bit i: slot i)
 * @param memoryBudget most bytes of buffer mappings, locked or not, lwp4j keeps in this
 *     process (4 KiB of header plus the records, each): past it a thread gets a smaller buffer,
 *     or none (see {@link BufferRegistry})
 */
public record BufferConfig(int capacity, int watermark, long lockBudget, int consumerMask, long memoryBudget) {
    public static final int DEFAULT_CAPACITY = 256;
    public static final long DEFAULT_LOCK_BUDGET = 64L << 20;
    public static final long DEFAULT_MEMORY_BUDGET = RingBufferLayout.DEFAULT_MEMORY_BUDGET;
    public static final BufferConfig DEFAULTS =
            new BufferConfig(DEFAULT_CAPACITY, 0, DEFAULT_LOCK_BUDGET, 0, DEFAULT_MEMORY_BUDGET);

    public BufferConfig {
        ConfigCheck.require(RingBufferLayout.isValidCapacity(capacity), "buffer capacity", "a power of two between "
                + RingBufferLayout.MIN_CAPACITY + " and " + RingBufferLayout.MAX_CAPACITY + " records", capacity);
        ConfigCheck.require(watermark >= 0 && watermark <= capacity, "watermark",
                "within 0.." + capacity + " records", watermark);
        ConfigCheck.require(lockBudget >= 0, "lock budget", ">= 0 bytes", lockBudget);
        ConfigCheck.require(memoryBudget >= 0, "memory budget", ">= 0 bytes", memoryBudget);
        ConfigCheck.require(consumerMask >>> RingBufferLayout.MAX_CONSUMERS == 0, "consumer mask",
                "a set of slots 0.." + (RingBufferLayout.MAX_CONSUMERS - 1), consumerMask);
    }

    /** Buffer size in bytes of records, e.g. {@code fromBytes(16 << 10)}: 256 records. */
    public static int capacityForBytes(long bytes) {
        long records = bytes / RingBufferLayout.RECORD_SIZE;
        ConfigCheck.require(bytes % RingBufferLayout.RECORD_SIZE == 0 && RingBufferLayout.isValidCapacity(records),
                "buffer size", "a power of two between " + RingBufferLayout.MIN_CAPACITY * RingBufferLayout.RECORD_SIZE
                        + " and " + (long) RingBufferLayout.MAX_CAPACITY * RingBufferLayout.RECORD_SIZE + " bytes", bytes);
        return (int) records;
    }

    public BufferConfig withCapacity(int c) {
        return new BufferConfig(c, Math.min(watermark, c), lockBudget, consumerMask, memoryBudget);
    }

    public BufferConfig withWatermark(int w) {
        return new BufferConfig(capacity, w, lockBudget, consumerMask, memoryBudget);
    }

    public BufferConfig withLockBudget(long b) {
        return new BufferConfig(capacity, watermark, b, consumerMask, memoryBudget);
    }

    public BufferConfig withConsumerMask(int m) {
        return new BufferConfig(capacity, watermark, lockBudget, m, memoryBudget);
    }

    public BufferConfig withMemoryBudget(long b) {
        return new BufferConfig(capacity, watermark, lockBudget, consumerMask, b);
    }
}
