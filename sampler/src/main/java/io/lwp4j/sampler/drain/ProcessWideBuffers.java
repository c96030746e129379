package io.lwp4j.sampler.drain;

import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.tracking.WriteFaultCanary;
import io.lwp4j.sampler.tracking.WriteTracker;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * liblwp4j's process-wide buffers, which live as long as the process and belong to no thread:
 * the orphan buffer (write faults of threads without a buffer, repeats), the write-fault
 * canary's and the async scanner's. The pipeline registers them when it starts, so the
 * drainer reads them like any thread's buffer; made now, after the drainer attached, they
 * gate on the drain slot from creation. The canary's and the scanner's only if they exist: each
 * is made and registered when its feature starts (a mapping and a dozen native bindings that a
 * JVM without the feature does not pay for).
 */
final class ProcessWideBuffers {
    private ProcessWideBuffers() {}

    static void register(BufferRegistry registry) {
        register(registry, "orphan", ProcessWideBuffers::orphan);
        if (WriteFaultCanary.recordsIfMade() != null) register(registry, "write-fault canary", WriteFaultCanary::records);
        if (WriteTracker.dirtyPageRecordsIfMade() != null) {
            register(registry, "dirty-page scan", WriteTracker::dirtyPageRecords);
        }
    }

    private static void register(BufferRegistry registry, String what, Supplier<RingBuffer> buffer) {
        try {
            registry.register(buffer.get());
        } catch (RuntimeException e) {
            Warnings.warnOnce("drain-process-buffer-" + what, "lwp4j cannot drain the " + what + " buffer: " + e);
        }
    }

    private static RingBuffer orphan() {
        return RingBuffer.wrapAddress(NativeBuffers.orphanBuffer());
    }
}
