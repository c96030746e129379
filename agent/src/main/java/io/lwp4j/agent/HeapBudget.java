package io.lwp4j.agent;

import io.lwp4j.sampler.drain.DrainConfig;

/**
 * How much of the application's heap lwp4j may take, from the JVM's maximum heap ({@code
 * -Xmx}): all of lwp4j's heap is what its classes and the drain ring keep (about 3 MiB at the
 * defaults, docs/OPTIONS.md "Memory budget") plus what its start allocates and drops (the
 * instrumentation of the JDK's I/O classes). The application must never run out of memory
 * because of it, so:
 * <ul>
 *   <li>below {@link #MIN_HEAP}: lwp4j stays off (its start alone could exhaust such a heap:
 *       measured, Hello under the agent dies at {@code -Xmx4m} and runs at {@code -Xmx5m});
 *   <li>below {@link #FULL_HEAP}: lwp4j runs reduced, with a drain ring of {@link
 *       #REDUCED_RING} records instead of the default's ({@link DrainConfig#DEFAULTS}), and
 *       without its MBean (starting the platform MBean server takes a few MiB of heap: measured,
 *       the JDK's HTTP server under the agent ran out of memory at {@code -Xmx8m} with it);
 *   <li>from {@link #FULL_HEAP} on: the defaults.
 * </ul>
 * Off and reduced are each one warning line naming the heap and the {@code -Xmx} that lifts it.
 */
enum HeapBudget {
    OFF, REDUCED, FULL;

    static final long MIN_HEAP = 8L << 20;
    static final long FULL_HEAP = 32L << 20;
    static final int REDUCED_RING = 256;
    /** Heap per slot of the drain ring (one DrainedRecord, measured with a class histogram). */
    static final int DRAINED_RECORD_BYTES = 104;

    static HeapBudget of(long maxHeap) {
        if (maxHeap < MIN_HEAP) return OFF;
        return maxHeap < FULL_HEAP ? REDUCED : FULL;
    }

    /** The drain configuration this budget allows. */
    DrainConfig drainConfig(DrainConfig wanted) {
        return this == REDUCED && wanted.ringSize() > REDUCED_RING ? wanted.withRingSize(REDUCED_RING) : wanted;
    }

    /** Whether the MBean ({@code jmx=}) may start the platform MBean server in this heap. */
    boolean allowsMBean() {
        return this == FULL;
    }

    /** The one line that says how lwp4j adapted to a heap of {@code maxHeap} bytes; null for FULL. */
    String warning(long maxHeap) {
        return switch (this) {
            case OFF -> "lwp4j is off: the JVM's maximum heap is " + mib(maxHeap) + " and lwp4j needs at least "
                    + mib(MIN_HEAP) + " so that it never takes what the application needs; run with -Xmx"
                    + (MIN_HEAP >> 20) + "m or more to use it";
            case REDUCED -> "lwp4j runs reduced in a " + mib(maxHeap) + " heap: a drain ring of " + REDUCED_RING
                    + " records (" + REDUCED_RING * DRAINED_RECORD_BYTES / 1024 + " KiB of heap) instead of "
                    + DrainConfig.DEFAULTS.ringSize() + ", and no MBean (jmx); "
                    + "from -Xmx" + (FULL_HEAP >> 20) + "m on it runs in full";
            case FULL -> null;
        };
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
