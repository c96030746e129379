package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallThresholdTest {
    @Test
    void parsesJfrTimespans() {
        assertEquals(20_000_000, CallThreshold.parse("20 ms"));
        assertEquals(0, CallThreshold.parse("0 ns"));
        assertEquals(0, CallThreshold.parse("0"));
        assertEquals(1_500, CallThreshold.parse("1500ns"));
        assertEquals(3_000_000_000L, CallThreshold.parse(" 3 s "));
        assertEquals(Long.MAX_VALUE, CallThreshold.parse("infinity"));
        assertEquals(Long.MAX_VALUE, CallThreshold.parse("9223372036854775807 d"));
        assertThrows(IllegalArgumentException.class, () -> CallThreshold.parse("fast"));
        assertThrows(IllegalArgumentException.class, () -> CallThreshold.parse("20 weeks"));
    }

    @Test
    void theSmallestThresholdOfTheRecordingsWinsAndUnsetIsTheDefault() {
        CallThreshold t = new CallThreshold();
        assertEquals("1 ms", t.combine(Set.of("20 ms", "1 ms", "infinity")));
        assertEquals(CallThreshold.DEFAULT, t.combine(Set.of()));
        t.setValue("10 us");
        assertTrue(t.accepts(10_000));
        assertFalse(t.accepts(9_999));
        t.setValue("nonsense");
        assertFalse(t.accepts(Long.MAX_VALUE - 1), "a bad value records nothing rather than everything");
    }
}
