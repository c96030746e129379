package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JdkInstrumentationTest {

    /** A JDK that renamed one of the advised methods must fail this test, not go silently unrecorded. */
    @Test
    void everyAdvisedMethodExistsInThisJdk() {
        Map<String, List<JdkInstrumentation.Site>> byType = new LinkedHashMap<>();
        for (JdkInstrumentation.Site s : JdkInstrumentation.IO_SITES) {
            byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s);
        }
        assertEquals(List.of(), JdkInstrumentation.missingSites(byType));
    }

    @Test
    void everyOperationHasASite() {
        Set<Integer> ops = new HashSet<>();
        JdkInstrumentation.IO_SITES.forEach(s -> ops.add(s.operation()));
        for (int op = 1; op <= io.lwp4j.sampler.layout.SyscallLayout.OPERATION_MAX; op++) {
            assertTrue(ops.contains(op), "operation " + op);
        }
    }
}
