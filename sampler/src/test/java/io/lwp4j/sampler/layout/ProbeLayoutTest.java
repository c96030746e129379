package io.lwp4j.sampler.layout;

import static io.lwp4j.sampler.layout.ProbeLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProbeLayoutTest {
    @Test
    void eachCallAndStrategyCodeHasItsOwnName() {
        assertEquals("getpid", callName(SYSCALL_GETPID));
        assertEquals("clock_gettime-vdso", callName(SYSCALL_CLOCK_VDSO));
        assertEquals("clock_gettime-syscall", callName(SYSCALL_CLOCK_RAW));
        assertEquals("call-" + SYSCALL_CALL_COUNT, callName(SYSCALL_CALL_COUNT), "a code past the last one");

        assertEquals("naive", strategyName(CODE_LOAD_NAIVE));
        assertEquals("reuse", strategyName(CODE_LOAD_REUSE));
        assertEquals("reuse-locked", strategyName(CODE_LOAD_REUSE_LOCKED));
        assertEquals("shared", strategyName(CODE_LOAD_SHARED));
        assertEquals("memfd-dual", strategyName(CODE_LOAD_MEMFD_DUAL));
        assertEquals("strategy-" + CODE_LOAD_STRATEGY_COUNT, strategyName(CODE_LOAD_STRATEGY_COUNT), "a code past the last one");
    }
}
