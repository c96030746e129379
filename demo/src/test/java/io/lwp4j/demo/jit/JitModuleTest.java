package io.lwp4j.demo.jit;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.probe.CodeLoadStrategy;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JitModuleTest {

    @ParameterizedTest
    @EnumSource(CodeLoadStrategy.class)
    void generatedCodeRunsAndComputesWhatJavaComputes(CodeLoadStrategy strategy) {
        SplittableRandom rnd = new SplittableRandom(42);
        try (Arena arena = Arena.ofConfined(); var region = CodeRegions.open(strategy, 4)) {
            MemorySegment globals = arena.allocate(64 * 8, 4096);
            for (int m = 0; m < 50; m++) {
                for (int g = 0; g < 64; g++) globals.setAtIndex(JAVA_LONG, g, rnd.nextLong());
                assertEquals(12, JitModule.generate(rnd, 12).loadAndRun(region, globals, m));
            }
        }
    }

    @Test
    void onlyTheDualMappingBreaksWxorX() {
        for (CodeLoadStrategy s : CodeLoadStrategy.values()) {
            assertEquals(s != CodeLoadStrategy.MEMFD_DUAL, s.keepsWxorX(), s.name());
        }
    }

    @Test
    void regionsGiveTheirMappingsBack() throws Exception {
        long before = Files.readAllLines(Path.of("/proc/self/maps")).size();
        SplittableRandom rnd = new SplittableRandom(1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment globals = arena.allocate(64 * 8, 4096);
            for (int i = 0; i < 200; i++) {
                for (CodeLoadStrategy s : CodeLoadStrategy.values()) {
                    try (var region = CodeRegions.open(s, 2)) {
                        JitModule.generate(rnd, 3).loadAndRun(region, globals, i);
                    }
                }
            }
        }
        long after = Files.readAllLines(Path.of("/proc/self/maps")).size();
        assertTrue(after - before < 20, "mappings leaked: " + before + " -> " + after);
    }

    @Test
    void badRegionSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CodeRegions.open(CodeLoadStrategy.REUSE, 0));
        try (var region = CodeRegions.open(CodeLoadStrategy.REUSE, 1); Arena arena = Arena.ofConfined()) {
            MemorySegment globals = arena.allocate(64 * 8, 4096);
            assertThrows(IllegalArgumentException.class,
                    () -> JitModule.generate(new SplittableRandom(), 33).loadAndRun(region, globals, 1));
        }
    }
}
