package io.lwp4j.sampler;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.NativeBuffers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * Process-wide buffer statistics ({@code struct lwp4j_stats}): of the {@code buffersLive},
 * {@code buffersLocked} are mlocked, the others are not (refused by the lock budget or by
 * RLIMIT_MEMLOCK: {@code unlockedByBudget} and {@code unlockedByRlimit} count those since the
 * process started).
 */
public record BufferStatistics(
        long buffersLive,
        long buffersCreated,
        long lockedBytes,
        long lockBudget,
        long unlockedByRlimit,
        long unlockedByBudget,
        int lastMlockErrno,
        int doorbellFd,
        long buffersLocked) {

    private static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("buffers_live"),
            JAVA_LONG.withName("buffers_created"),
            JAVA_LONG.withName("locked_bytes"),
            JAVA_LONG.withName("lock_budget"),
            JAVA_LONG.withName("unlocked_rlimit"),
            JAVA_LONG.withName("unlocked_budget"),
            JAVA_INT.withName("last_mlock_errno"),
            JAVA_INT.withName("doorbell_fd"),
            JAVA_LONG.withName("buffers_locked"));

    /** The layout above under its names in {@code lwp4j_abi_entries()}. */
    public static java.util.Map<String, Long> abi() {
        return java.util.Map.of(
                "stats.size", LAYOUT.byteSize(),
                "stats.last_mlock_errno", LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("last_mlock_errno")),
                "stats.buffers_locked", LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("buffers_locked")));
    }

    public static BufferStatistics read() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(LAYOUT);
            NativeBuffers.statsRead(s);
            return new BufferStatistics(s.get(JAVA_LONG, 0), s.get(JAVA_LONG, 8), s.get(JAVA_LONG, 16),
                    s.get(JAVA_LONG, 24), s.get(JAVA_LONG, 32), s.get(JAVA_LONG, 40), s.get(JAVA_INT, 48),
                    s.get(JAVA_INT, 52), s.get(JAVA_LONG, 56));
        }
    }
}
