package io.lwp4j.sampler.probe;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever the probes map is gone after each run and after stop. */
@ExtendWith(ProbesRestored.class)
class ProbeMappingsTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The JVM maps on its own (code cache, metaspace, GC) while the test runs. */
    static final int JVM_NOISE_LINES = 8;

    final SyscallProbe canary = SyscallProbe.get();
    final CodeLoadProbe codeLoad = CodeLoadProbe.get();

    static List<String> maps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps"));
    }

    static long memfdsOpen() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("lwp4j-code-load");
                } catch (IOException gone) {
                    return false; // the directory stream's own fd, closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void manyRunsAndRestartsLeaveNoMappingBehind() throws Exception {
        codeLoad.setCodeRegion(8, 16);
        // Warm up: the first probe threads set up glibc's stack cache and malloc arenas.
        codeLoad.runOnce(TIMEOUT);
        canary.runOnce(TIMEOUT);
        codeLoad.stop();
        canary.stop();
        int before = maps().size();
        long buffersBefore = BufferStatistics.read().buffersLive();

        codeLoad.start(Probe.MAX_PERIOD);
        for (int i = 0; i < 50; i++) {
            codeLoad.runOnce(TIMEOUT);
        }
        assertTrue(maps().size() <= before + 1 + JVM_NOISE_LINES, "between runs only the probe's buffer is mapped");
        for (int i = 0; i < 20; i++) {
            codeLoad.stop();
            codeLoad.runOnce(TIMEOUT);
            canary.start(SyscallProbe.MIN_PERIOD);
            canary.runOnce(TIMEOUT);
            canary.stop();
        }
        codeLoad.stop();

        List<String> after = maps();
        assertTrue(after.size() <= before + JVM_NOISE_LINES, "/proc/self/maps grew from " + before + " to "
                + after.size() + " lines over 70 code-load runs (5 strategies, 8 pages) and 40 probe restarts");
        assertTrue(after.stream().noneMatch(l -> l.contains("lwp4j-code-load")), "no memfd view left mapped");
        assertEquals(0, memfdsOpen(), "no memfd left open");
        assertEquals(buffersBefore, BufferStatistics.read().buffersLive(), "every probe buffer destroyed");
    }
}
