package io.lwp4j.sampler.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/** Bad periods, sizes and timeouts are refused with a message that says what is allowed. */
@ExtendWith(ProbesRestored.class)
class ProbeArgumentsTest {
    final SyscallProbe canary = SyscallProbe.get();
    final CodeLoadProbe codeLoad = CodeLoadProbe.get();

    static void refused(Executable call, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention " + part);
        }
    }

    @Test
    void periodsOutsideTheProbesLimits() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(999_999),
                Probe.MAX_PERIOD.plusNanos(1)}) {
            refused(() -> canary.start(bad), "syscall", "between", "PT0.001S", "PT1H", bad.toString());
            refused(() -> canary.setPeriod(bad), "between");
        }
        refused(() -> codeLoad.start(Duration.ofMillis(99)), "code-load", "PT0.1S");
        refused(() -> canary.start(Duration.ZERO), "runOnce");
        assertThrows(NullPointerException.class, () -> canary.start(null));
        assertFalse(canary.isRunning(), "nothing started by a refused call");

        canary.start(SyscallProbe.MIN_PERIOD);
        canary.setPeriod(Probe.MAX_PERIOD);
        assertEquals(Probe.MAX_PERIOD, canary.stats().period());
        codeLoad.start(CodeLoadProbe.MIN_PERIOD);
    }

    @Test
    void sizesOutsideTheProbesLimits() {
        for (int bad : new int[] {0, -1, SyscallProbe.MAX_BURST + 1}) {
            refused(() -> canary.setBurst(bad), "burst", "1.." + SyscallProbe.MAX_BURST, "got " + bad);
        }
        refused(() -> codeLoad.setCodeRegion(0, 1), "pages", "1.." + CodeLoadProbe.MAX_PAGES);
        refused(() -> codeLoad.setCodeRegion(CodeLoadProbe.MAX_PAGES + 1, 1), "pages");
        refused(() -> codeLoad.setCodeRegion(1, 0), "iterations", "1.." + CodeLoadProbe.MAX_ITERATIONS);
        refused(() -> codeLoad.setCodeRegion(1, CodeLoadProbe.MAX_ITERATIONS + 1), "iterations");
        canary.setBurst(SyscallProbe.MAX_BURST);
        canary.setBurst(SyscallProbe.DEFAULT_BURST);
        codeLoad.setCodeRegion(CodeLoadProbe.DEFAULT_PAGES, CodeLoadProbe.DEFAULT_ITERATIONS);
    }

    @Test
    void nonPositiveTimeouts() {
        refused(() -> canary.runOnce(Duration.ZERO), "timeout", "positive");
        refused(() -> codeLoad.runOnce(Duration.ofSeconds(-1)), "timeout", "positive");
        assertFalse(canary.isRunning(), "a refused run-once starts nothing");
    }
}
