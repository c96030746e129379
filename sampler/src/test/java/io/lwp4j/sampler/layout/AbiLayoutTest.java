package io.lwp4j.sampler.layout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.internal.NativeOp;
import io.lwp4j.sampler.internal.NativeSelfCheck;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Java mirror equals what the C compiler laid out for lwp4j.h, name by name. */
class AbiLayoutTest {

    static Map<String, Long> nativeEntries() throws Throwable {
        Map<String, Long> c = new TreeMap<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            MemorySegment table = NativeSelfCheck.abiEntries(count);
            int n = count.get(JAVA_INT, 0);
            long entrySize = 16;
            table = table.reinterpret(n * entrySize);
            for (int i = 0; i < n; i++) {
                MemorySegment name = table.get(ADDRESS, i * entrySize).reinterpret(256);
                c.put(name.getString(0), table.get(JAVA_LONG, i * entrySize + 8));
            }
        }
        return c;
    }

    @Test
    void javaMirrorEqualsTheCompiledHeader() throws Throwable {
        Map<String, Long> c = nativeEntries();
        Map<String, Long> java = new TreeMap<>();
        java.putAll(RingBufferLayout.abi());
        java.putAll(RecordLayout.abi());
        java.putAll(SyscallLayout.abi());
        java.putAll(BufferStatistics.abi());
        java.putAll(WriteTrackingLayout.abi());
        java.putAll(ProbeLayout.abi());
        java.putAll(AbiTable.of(NativeOp.class));
        assertTrue(c.size() > 40, "the C table lists the layout: " + c.keySet());
        assertEquals(c, java, "every lwp4j.h constant and offset must have the same value in Java");
    }
}
