package io.lwp4j.sampler.tracking;

import io.lwp4j.sampler.RingBuffer;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * A process-wide liblwp4j buffer (the canary's, the async scanner's), made by the library on
 * first use and wrapped once, on the first call of {@link #get()}. It lives as long as the
 * process: consume it with a poller, never close it.
 */
final class ProcessWideRecords {
    private final Supplier<MemorySegment> address;
    /** Written once under this object's lock, read without it. */
    private volatile RingBuffer buffer;

    ProcessWideRecords(Supplier<MemorySegment> address) {
        this.address = address;
    }

    /** The buffer if {@link #get()} made it already, else null. */
    RingBuffer ifMade() {
        return buffer;
    }

    RingBuffer get() {
        RingBuffer b = buffer;
        if (b == null) {
            synchronized (this) {
                b = buffer;
                if (b == null) {
                    b = RingBuffer.wrapAddress(address.get());
                    buffer = b;
                }
            }
        }
        return b;
    }
}
