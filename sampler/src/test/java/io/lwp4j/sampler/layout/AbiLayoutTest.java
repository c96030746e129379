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
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Java constants equal what the C compiler laid out for lwp4j.h in the library this JVM
 * loaded, name by name: a library built from another header, or generated sources left from
 * one, fail here.
 */
class AbiLayoutTest {
    /** The classes that extend the generated ones (native/tools/java_layout). */
    private static final List<Class<?>> MIRRORS = List.of(RingBufferLayout.class, RecordLayout.class,
            SyscallLayout.class, WriteTrackingLayout.class, ProbeLayout.class, NativeOp.class);

    /** One row of {@code lwp4j_abi_entries()}; {@code java} is null for a value mirrored by hand. */
    record AbiEntry(String name, long value, String java) {}

    static List<AbiEntry> nativeEntries() {
        List<AbiEntry> entries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_INT);
            MemorySegment table = NativeSelfCheck.abiEntries(count);
            int n = count.get(JAVA_INT, 0);
            long entrySize = 24; // name, value, java
            table = table.reinterpret(n * entrySize);
            for (int i = 0; i < n; i++) {
                MemorySegment name = table.get(ADDRESS, i * entrySize).reinterpret(256);
                MemorySegment java = table.get(ADDRESS, i * entrySize + 16);
                entries.add(new AbiEntry(name.getString(0), table.get(JAVA_LONG, i * entrySize + 8),
                        java.equals(MemorySegment.NULL) ? null : java.reinterpret(256).getString(0)));
            }
        }
        return entries;
    }

    @Test
    void generatedConstantsEqualTheLoadedLibrarysTable() throws IllegalAccessException {
        Map<String, Long> c = new TreeMap<>();
        for (AbiEntry e : nativeEntries()) {
            if (e.java() != null) c.put(e.java(), e.value());
        }
        Map<String, Long> java = new TreeMap<>();
        for (Class<?> mirror : MIRRORS) {
            Class<?> generated = mirror.getSuperclass();
            String relative = generated.getName().substring("io.lwp4j.sampler.".length());
            for (Field f : generated.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true); // NativeOpAbi is package-private in another package
                java.put(f.getType().getName() + " " + relative + "." + f.getName(), ((Number) f.get(null)).longValue());
            }
        }
        assertTrue(c.size() > 40, "the C table lists the layout: " + c.keySet());
        Map<String, String> differing = new TreeMap<>();
        for (String name : union(c.keySet(), java.keySet())) {
            if (!Objects.equals(c.get(name), java.get(name))) {
                differing.put(name, "C " + c.get(name) + ", Java " + java.get(name));
            }
        }
        assertEquals(Map.of(), differing, "every lwp4j.h constant and offset must have the same type, name and value in Java");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void bufferStatisticsEqualsTheLoadedLibrarysTable() {
        Map<String, Long> c = new TreeMap<>();
        for (AbiEntry e : nativeEntries()) {
            if (e.java() == null) c.put(e.name(), e.value());
        }
        assertEquals(c, new TreeMap<>(BufferStatistics.abi()), "struct lwp4j_stats as BufferStatistics lays it out");
    }
}
