package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    /** Parses with the given sources and returns what was printed on stderr. */
    private static String stderrOf(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AgentOptions o = AgentOptions.parse(null, Map.of(), Map.of());
        assertFalse(o.helpRequested());
        assertEquals(1024, o.get(AgentOptions.BUFFER), "64k of 64-byte records");
        assertEquals(64L << 20, o.get(AgentOptions.LOCK_BUDGET));
        assertEquals(Destination.JOIN, o.get(AgentOptions.JFR));
        assertEquals(Duration.ofMillis(250), o.get(AgentOptions.SYSCALL_PROBE));
        assertEquals(10, o.get(AgentOptions.OPS).cardinality());
        assertEquals(512, o.bufferConfig().watermark());
    }

    @Test
    void agentArgumentBeatsPropertyBeatsEnvironment() {
        AgentOptions o = AgentOptions.parse("buffer=4k",
                Map.of("lwp4j.buffer", "8k", "lwp4j.lockbudget", "1m"),
                Map.of("LWP4J_BUFFER", "32k", "LWP4J_LOCKBUDGET", "2m", "LWP4J_CANARY", "off"));
        assertEquals(64, o.get(AgentOptions.BUFFER));
        assertEquals(1L << 20, o.get(AgentOptions.LOCK_BUDGET));
        assertEquals(Duration.ZERO, o.get(AgentOptions.CANARY));
    }

    @Test
    void badValueWarnsNamingOptionSourceAndDefault() {
        String err = stderrOf(() -> {
            AgentOptions o = AgentOptions.parse("watermark=150", Map.of("lwp4j.ops", "read+fsync"), Map.of());
            assertEquals(50, o.get(AgentOptions.WATERMARK));
            assertEquals(10, o.get(AgentOptions.OPS).cardinality());
        });
        assertTrue(err.contains("lwp4j: warning: option watermark (agent argument watermark=150): expected a "
                + "percentage from 1 to 100; using the default watermark=50"), err);
        assertTrue(err.contains("lwp4j: warning: option ops (system property lwp4j.ops=read+fsync): 'fsync' is not "
                + "an operation"), err);
        assertTrue(err.contains("using the default ops=all"), err);
    }

    @Test
    void valuesOfEveryKind() {
        AgentOptions o = AgentOptions.parse("ops=read+write+select,buffer=1m,jfr=/tmp/x.jfr,jfrthreshold=0ms,"
                + "writetracking=AUTO,codeloadprobe=off,syscallprobe=1s,drainwait=2s,summary=stdout,eagerbuffers=no,"
                + "syscalls=RECORDS,sample=1000", Map.of(), Map.of());
        assertEquals(SyscallsMode.RECORDS, o.get(AgentOptions.SYSCALLS));
        assertEquals(1000L, o.get(AgentOptions.SAMPLE));
        BitSet ops = o.get(AgentOptions.OPS);
        assertEquals(3, ops.cardinality());
        assertEquals(1 << 14, o.get(AgentOptions.BUFFER));
        assertEquals(new Destination.File("/tmp/x.jfr"), o.get(AgentOptions.JFR));
        assertEquals(Duration.ZERO, o.get(AgentOptions.JFR_THRESHOLD));
        assertEquals(WriteTrackingMode.AUTO, o.get(AgentOptions.WRITE_TRACKING));
        assertEquals(Duration.ZERO, o.get(AgentOptions.CODE_LOAD_PROBE));
        assertEquals(Duration.ofSeconds(1), o.get(AgentOptions.SYSCALL_PROBE));
        assertEquals(Duration.ofSeconds(2), o.get(AgentOptions.DRAIN_WAIT));
        assertEquals(Destination.STDOUT, o.get(AgentOptions.SUMMARY));
        assertFalse(o.get(AgentOptions.EAGER_BUFFERS));
    }

    @Test
    void syscallsTakesItsOldBooleansAsCountsAndOff() {
        assertEquals(SyscallsMode.COUNTS, AgentOptions.parse("", Map.of(), Map.of()).get(AgentOptions.SYSCALLS));
        assertEquals(SyscallsMode.COUNTS, AgentOptions.parseSyscalls("true"));
        assertEquals(SyscallsMode.OFF, AgentOptions.parseSyscalls("false"));
        assertEquals(SyscallsMode.OFF, AgentOptions.parseSyscalls("OFF"));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseSyscalls("some"));
        assertEquals(0L, AgentOptions.parse("", Map.of(), Map.of()).get(AgentOptions.SAMPLE));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.SAMPLE.parse("-1"));
    }

    @Test
    void limitsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseBufferCapacity("3k"), "power of two");
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseBufferCapacity("512"), "below 1k");
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseBufferCapacity("2m"), "above 1m");
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseBufferCapacity("1g"), "1g is no longer a size");
        assertEquals(1 << 14, AgentOptions.parseBufferCapacity("1m"), "1m is the largest");
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseSize("99999999999999999999", 0, 1L << 40));
        for (String emptyName : new String[] {"+", "read+", "+write", "read++write"}) {   // found by AgentOptionsFuzzTest
            assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseOperations(emptyName), emptyName);
        }
        String err = stderrOf(() -> assertEquals(Duration.ofMillis(250),
                AgentOptions.parse("syscallprobe=100us", Map.of(), Map.of()).get(AgentOptions.SYSCALL_PROBE)));
        assertTrue(err.contains("expected off or a duration from 1ms to 1h"), err);
    }

    @Test
    void helpAndUnknownKeys() {
        String err = stderrOf(() -> assertTrue(AgentOptions.parse("help, bogus=1", Map.of("lwp4j.bogus", "x"),
                Map.of("LWP4J_BOGUS", "y")).helpRequested()));
        assertEquals("lwp4j: warning: unknown option 'bogus' in the agent argument; ignored (run with 'help' for "
                + "the options)\n", err, "unknown properties and variables are other tools' business");
    }

    /** Found by a user: summary=stdrr silently wrote a file named stdrr. */
    @Test
    void destinationsThatLookLikeTyposAreWrittenWithAWarning() {
        AgentOptions[] parsed = new AgentOptions[1];
        String err = stderrOf(() -> parsed[0] = AgentOptions.parse("summary=stdrr,dump=trace,jfr=jion", Map.of(), Map.of()));
        assertEquals(new Destination.File("stdrr"), parsed[0].get(AgentOptions.SUMMARY), "still written where asked");
        assertEquals(3, parsed[0].warnings().size(), parsed[0].warnings().toString());
        assertTrue(err.contains("lwp4j: warning: option summary (agent argument summary=stdrr): 'stdrr' is neither stderr "
                + "nor stdout nor a path with a directory or an extension; writing a file of that name in the working "
                + "directory (write ./stdrr to mean that)"), err);
        assertTrue(err.contains("'jion' is neither join nor off"), err);
        for (String fine : new String[] {"summary=stderr,dump=./trace,jfr=app.jfr", "summary=/tmp/s,dump=off,jfr=join",
            "summary=STDOUT,dump=d.txt,jfr=off"}) {
            assertEquals(java.util.List.of(), AgentOptions.parse(fine, Map.of(), Map.of()).warnings(), fine);
        }
    }

    /** Unknown lwp4j.* / LWP4J_* names are left alone, unless one edit from an option's: a typo. */
    @Test
    void propertiesAndVariablesOneEditFromAnOptionAreTypos() {
        AgentOptions[] parsed = new AgentOptions[1];
        String err = stderrOf(() -> parsed[0] = AgentOptions.parse(null,
                Map.of("lwp4j.bufer", "4k", "lwp4j.Summary", "stderr", "lwp4j.soak", "true", "lwp4j.agent.jar", "x"),
                Map.of("LWP4J_DUMPS", "x.txt", "LWP4J_HOME", "/opt", "LWP4J_JFR", "off")));
        assertEquals(3, parsed[0].warnings().size(), parsed[0].warnings().toString());
        assertTrue(err.contains("lwp4j: warning: unknown option 'lwp4j.bufer' (system property); did you mean "
                + "lwp4j.buffer? ignored"), err);
        assertTrue(err.contains("'lwp4j.Summary' (system property); did you mean lwp4j.summary?"), err);
        assertTrue(err.contains("'LWP4J_DUMPS' (environment variable); did you mean LWP4J_DUMP?"), err);
        assertEquals(AgentOptions.BUFFER.defaultValue(), parsed[0].get(AgentOptions.BUFFER), "a typo sets nothing");
        assertEquals(Destination.OFF, parsed[0].get(AgentOptions.JFR), "the real variable still does");
        assertTrue(AgentOptions.withinOneEdit("ops", "op") && AgentOptions.withinOneEdit("dump", "dumb")
                && !AgentOptions.withinOneEdit("jfr", "dump") && !AgentOptions.withinOneEdit("soak", "ops"));
    }

    /** docs/OPTIONS.md is the one page of options: it lists each one with its default. */
    @Test
    void optionsPageListsEveryOptionWithItsDefault() throws Exception {
        String page = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("docs")
                .resolve("OPTIONS.md"));
        for (AgentOption<?> o : AgentOptions.ALL) {
            assertTrue(page.contains("| `" + o.key() + "` | `" + o.defaultText() + "` |"), o + " in docs/OPTIONS.md");
        }
    }

    @Test
    void prometheusBindsLoopbackUnlessAnotherAddressIsAsked() {
        assertEquals("off", AgentOptions.PROMETHEUS.defaultValue(), "nothing listens unless asked");
        assertEquals("127.0.0.1:9404", AgentOptions.parseListenAddress("9404"), "a bare port is loopback only");
        assertEquals("0.0.0.0:9404", AgentOptions.parseListenAddress("0.0.0.0:9404"));
        assertEquals("[::1]:9404", AgentOptions.parseListenAddress("[::1]:9404"));
        assertEquals("localhost:0", AgentOptions.parseListenAddress("localhost:0"), "0: any free port");
        assertEquals("off", AgentOptions.parseListenAddress("off"));
        for (String bad : new String[] {"", ":9404", "::1:9404", "65536", "-1", "host:", "a b:1", "9404,", "[]:1",
            "x:9404%"}) {
            assertThrows(IllegalArgumentException.class, () -> AgentOptions.parseListenAddress(bad), bad);
        }
        AgentOptions options = AgentOptions.parse("prometheus=9404", Map.of(), Map.of());
        assertEquals(new java.net.InetSocketAddress("127.0.0.1", 9404), options.prometheusAddress());
        assertNull(AgentOptions.parse("", Map.of(), Map.of()).prometheusAddress());
    }

    @Test
    void effectiveTextsAreTheGivenTextOrTheDefault() {
        AgentOptions options = AgentOptions.parse("buffer=256k,watermark=200", Map.of("lwp4j.jmx", "false"), Map.of());
        Map<String, String> texts = options.effectiveTexts();
        assertEquals(AgentOptions.ALL.size(), texts.size());
        assertEquals("256k", texts.get("buffer"));
        assertEquals("50", texts.get("watermark"), "a bad value is replaced by the default");
        assertEquals("false", texts.get("jmx"));
        assertEquals("off", texts.get("prometheus"));
    }
}
