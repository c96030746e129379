package io.lwp4j.sampler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** {@code lwp4j_call}'s result convention, as {@code lwp4j.h} states it. */
class LibLwp4jTest {
    private static final int ENOSYS = 38;

    @Test
    void anUnknownOpIsEnosys() {
        assertEquals(-ENOSYS, LibLwp4j.call(0));
        assertEquals(-ENOSYS, LibLwp4j.callCritical(Integer.MAX_VALUE));
    }

    @Test
    void aCreatorsNullIsANegativeErrnoAndItsFacadeSaysNull() {
        long refused = LibLwp4j.call(NativeOp.SEQ_PRODUCER_START, 1, 3, 0);   // 3: not a power of two
        assertTrue(refused < 0 && refused >= -4095, "an errno, not an address: " + refused);
        assertEquals(MemorySegment.NULL, NativeSelfCheck.seqProducerStart(1, 3, 0));
    }

    @Test
    void aLookupsNoneIsZeroAndItsFacadeSaysNull() {
        assertEquals(0, LibLwp4j.callCritical(NativeOp.REGISTRY_GET, -1));
        assertEquals(MemorySegment.NULL, NativeRegistry.get(-1));
    }

    @Test
    void anIntResultWidensWithItsSignAndUnusedArgumentsAreIgnored() {
        assertEquals(-22L, LibLwp4j.call(NativeOp.REGISTRY_PUT, -5, 0), "lwp4j_registry_put(-5, NULL): -EINVAL");
        assertEquals(NativeClock.gettid(), LibLwp4j.callCritical(NativeOp.GETTID, -1, -1, -1, -1));
    }
}
