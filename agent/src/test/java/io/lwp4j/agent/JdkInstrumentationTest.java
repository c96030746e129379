package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.JdkInstrumentation.Site;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JdkInstrumentationTest {

    /**
     * A JDK that renamed one of the advised methods, or changed its descriptor, must fail this
     * test, not go silently unrecorded: the transformer finds every site in this JDK's own class
     * files, and advises each without an error.
     */
    @Test
    void everyAdvisedMethodExistsInThisJdk() throws IOException {
        Map<String, List<Site>> byType = new LinkedHashMap<>();
        Stream.concat(JdkInstrumentation.IO_SITES.stream(), JdkInstrumentation.THREAD_SITES.stream())
                .forEach(s -> byType.computeIfAbsent(s.type(), t -> new ArrayList<>()).add(s));
        List<Site> found = new ArrayList<>();
        for (Map.Entry<String, List<Site>> e : byType.entrySet()) {
            try (InputStream in = Object.class.getResourceAsStream("/" + e.getKey().replace('.', '/') + ".class")) {
                assertNotNull(in, e.getKey() + " is in this JDK");
                byte[] advised = SiteTransformer.advise(in.readAllBytes(), e.getValue(), found::add);
                assertTrue(advised.length > 0);
            }
        }
        List<Site> missing = new ArrayList<>(JdkInstrumentation.IO_SITES);
        missing.addAll(JdkInstrumentation.THREAD_SITES);
        missing.removeAll(found);
        assertEquals(List.of(), missing);
    }

    /** A class not loaded yet is checked from its class file: a method it lacks, or the class itself, is named. */
    @Test
    void whatThisJdkLacksIsNamedFromItsClassFiles() {
        Site real = JdkInstrumentation.IO_SITES.get(0);
        Site renamed = new Site(real.type(), real.name() + "Renamed", real.descriptor(), real.advice(), real.operation(),
                real.kind());
        Site absentClass = new Site("sun.nio.ch.NoSuchChannelImpl", "read", "()I", SiteAdvice.SINGLE_BYTE_READ,
                real.operation(), real.kind());
        SiteTransformer transformer = new SiteTransformer(List.of(real, renamed, absentClass));
        transformer.types().forEach(transformer::findSitesOf);
        assertEquals(List.of(renamed, absentClass), transformer.missingSites());
        assertEquals(0, transformer.errors());
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
