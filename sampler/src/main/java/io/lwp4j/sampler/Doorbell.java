package io.lwp4j.sampler;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.internal.NativeBuffers;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The process-wide doorbell: the eventfd that producers signal when a buffer's fill crosses
 * its watermark ({@code lwp4j_doorbell_ring}). The drainer sleeps on it; {@link #ring()} lets
 * Java wake it too (a flush, a buffer retired), through the same counter, so a wake-up can
 * never be lost between the drainer's last look at the buffers and its next wait.
 */
public final class Doorbell {
    private static final Linker LINKER = Linker.nativeLinker();
    /** libc {@code ssize_t write(int, const void *, size_t)}. */
    private static final MethodHandle WRITE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("write").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MemorySegment ONE = Arena.global().allocate(JAVA_LONG);

    static {
        ONE.set(JAVA_LONG, 0, 1L);
    }

    private Doorbell() {}

    /**
     * Sleeps until a producer (or {@link #ring()}) signals, at most {@code timeoutMillis}; the
     * signal count is consumed.
     *
     * @return true when signalled, false on timeout or an interrupted poll
     */
    public static boolean await(int timeoutMillis) {
        return NativeBuffers.doorbellWait(timeoutMillis) > 0;
    }

    /** Wakes whoever waits in {@link #await}: adds one to the eventfd counter. */
    public static void ring() {
        try {
            int fd = NativeBuffers.doorbellFd();
            long written = (long) WRITE.invokeExact(fd, ONE, 8L);
            // -1 (EAGAIN) only when the counter is saturated: the waiter is awake anyway
            assert written == 8 || written == -1;
        } catch (Throwable t) {
            throw LibLwp4j.rethrow(t);
        }
    }
}
