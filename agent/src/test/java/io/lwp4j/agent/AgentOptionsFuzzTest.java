package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.Soak;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input: thousands of random agent arguments, {@code lwp4j.*} properties and {@code
 * LWP4J_*} variables through the option parser (random ASCII with the separators {@code = , +
 * @ %}, unicode, huge numbers, empty pieces, known keys with random values). No exception
 * ever escapes; every bad piece is a warning, nothing else is; every option ends with its
 * default or with the value its winning source asked for, inside the option's documented
 * range. The seed is fixed ({@code -Dlwp4j.fuzz.seed} to change it) and named in every
 * failure.
 */
class AgentOptionsFuzzTest {
    static final long SEED = Long.getLong("lwp4j.fuzz.seed", 0x1ee74_0008L);
    static final String SPECIALS = "=,+@% ";
    static final String[] UNICODE = {"é", "İ", "ß", "\u00a0", "\u2028", "\u0000", "٥", "𝟘", "日本", "\uFEFF", "K"};
    static final String[] SUFFIXES = {"", "k", "K", "m", "g", "b", "kb", "%", "us", "ms", "s", "m", "h", "ns", "d"};
    static final String[] WORDS = {"true", "false", "on", "off", "yes", "no", "1", "0", "all", "join", "auto",
        "sync", "async", "counts", "records", "stderr", "stdout", "read", "write", "read+write", "+", "read+", "+read", "read++write",
        "help", "HELP", "", " "};

    private final Random random = new Random(SEED);

    @Test
    void noExceptionEscapesAndEveryBadPieceIsAWarning() {
        int arguments = Soak.size(10_000, 500_000);
        long pieces = 0, badPieces = 0, warnings = 0;
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < arguments; i++) {
                List<String> argumentPieces = new ArrayList<>();
                int n = random.nextInt(8);
                for (int k = 0; k < n; k++) argumentPieces.add(piece());
                String argument = random.nextInt(20) == 0 ? null : String.join(",", argumentPieces);
                Map<String, String> properties = sources("lwp4j.", false);
                Map<String, String> environment = sources("LWP4J_", true);
                String context = printable("seed " + SEED + " (-Dlwp4j.fuzz.seed), case " + i + ": argument '"
                        + argument + "', properties " + properties + ", environment " + environment);

                AgentOptions o;
                try {
                    o = AgentOptions.parse(argument, properties, environment);
                    BufferConfig unused = o.bufferConfig();      // the agent's next step
                } catch (Throwable escaped) {
                    throw new AssertionError("an exception escaped the parser; " + context, escaped);
                }
                Expected expected = expect(argument, properties, environment, context);
                assertEquals(expected.warnings, o.warnings().size(), () -> context + "\nwarnings: " + o.warnings());
                assertEquals(expected.help, o.helpRequested(), context);
                for (AgentOption<?> option : AgentOptions.ALL) {
                    Object value = o.get(option);
                    assertEquals(expected.values.get(option), value, () -> option + ": " + context);
                    assertInRange(option, value, context);
                }
                pieces += argumentPieces.size() + properties.size() + environment.size();
                badPieces += expected.warnings;
                warnings += o.warnings().size();
            }
        } finally {
            System.setErr(realErr);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String printed = stderr.toString(StandardCharsets.UTF_8);
        List<String> notWarnings = printed.lines().filter(l -> !l.startsWith("lwp4j: warning: option ")
                && !l.startsWith("lwp4j: warning: unknown option ")).limit(5).toList();
        assertEquals(List.of(), notWarnings, "stderr holds option warnings only; seed " + SEED);
        Soak.report("option-fuzz", "seed", SEED, "arguments", arguments, "pieces", pieces, "bad_pieces", badPieces,
                "warnings", warnings, "ms", millis);
        assertTrue(badPieces > arguments / 2 && badPieces < pieces, "the cases mix good and bad pieces: " + badPieces
                + " bad of " + pieces);
    }

    /** What parse must give, worked out piece by piece from the documented rules. */
    record Expected(int warnings, boolean help, Map<AgentOption<?>, Object> values) {}

    private static Expected expect(String argument, Map<String, String> properties, Map<String, String> environment,
            String context) {
        int warnings = 0;
        boolean help = false;
        Map<String, String> fromArgument = new LinkedHashMap<>();
        if (argument != null) {
            for (String raw : argument.split(",")) {
                String piece = raw.strip();
                if (piece.isEmpty()) continue;
                if (piece.equalsIgnoreCase("help")) {
                    help = true;
                } else if (piece.indexOf('=') <= 0) {
                    warnings++;                          // not key=value
                } else {
                    String key = piece.substring(0, piece.indexOf('=')).strip().toLowerCase(Locale.ROOT);
                    if (AgentOptions.byKey(key) == null) {
                        warnings++;                      // unknown key
                    } else {
                        fromArgument.put(key, piece.substring(piece.indexOf('=') + 1).strip());   // the last one wins
                    }
                }
            }
        }
        for (String name : properties.keySet()) if (AgentOptions.nearOption(name, "lwp4j.") != null) warnings++;
        for (String name : environment.keySet()) if (AgentOptions.nearOption(name, "LWP4J_") != null) warnings++;
        Map<AgentOption<?>, Object> values = new LinkedHashMap<>();
        for (AgentOption<?> option : AgentOptions.ALL) {
            String text = fromArgument.getOrDefault(option.key(),
                    properties.getOrDefault(option.systemProperty(), environment.get(option.environmentVariable())));
            Object value = option.defaultValue();
            if (text != null) {
                try {
                    value = option.parse(text.strip());
                    if (AgentOptions.looksLikeATypo(option, value)) warnings++;   // written, and said
                } catch (IllegalArgumentException refused) {
                    warnings++;                          // a bad value: the default, said once
                } catch (Throwable escaped) {
                    throw new AssertionError(option + " threw " + escaped + " for '" + text + "'; " + context, escaped);
                }
            }
            values.put(option, value);
        }
        return new Expected(warnings, help, values);
    }

    /** Whatever the input, a value is one the option documents. */
    private static void assertInRange(AgentOption<?> option, Object value, String context) {
        String where = option + "=" + value + ": " + context;
        switch (option.key()) {
            case "buffer" -> {
                int records = (Integer) value;
                assertTrue(Integer.bitCount(records) == 1 && records >= 16 && records <= 1 << 14, where);   // 1k..1m
            }
            case "watermark" -> assertTrue((Integer) value >= 1 && (Integer) value <= 100, where);
            case "lockbudget" -> assertTrue((Long) value >= 0 && (Long) value <= 1L << 40, where);
            case "memorybudget" -> assertTrue((Long) value >= 64L << 10 && (Long) value <= 1L << 40, where);
            case "ops" -> {
                BitSet ops = (BitSet) value;
                assertFalse(ops.isEmpty(), "an ops list instruments something (syscalls=off turns all off): " + where);
                assertTrue(ops.nextSetBit(0) >= 1 && ops.length() <= SyscallLayout.OPERATION_MAX + 1, where);
            }
            case "writetracking" -> assertTrue(List.of("off", "auto", "sync", "async").contains(value.toString()), where);
            case "syscalls" -> assertTrue(List.of("counts", "records", "off").contains(value.toString()), where);
            case "sample" -> assertTrue((Long) value >= 0 && (Long) value <= Integer.MAX_VALUE, where);
            case "jfr", "summary", "dump" -> assertFalse(value.toString().isBlank(), where);
            case "prometheus" -> {
                String v = (String) value;
                assertTrue(v.equals("off") || v.matches("(\\[[^\\]\\s]+\\]|[^:\\[\\]\\s,]+):\\d{1,5}")
                        && Integer.parseInt(v.substring(v.lastIndexOf(':') + 1)) <= 65535, where);
            }
            case "drainwait" -> assertBetween((Duration) value, Duration.ofMillis(1), Duration.ofSeconds(10), where);
            case "jfrthreshold" -> assertBetween((Duration) value, Duration.ZERO, Duration.ofHours(1), where);
            case "canary", "syscallprobe", "codeloadprobe" -> assertBetween((Duration) value, Duration.ZERO,
                    Duration.ofHours(1), where);
            default -> assertInstanceOf(Boolean.class, value, where);
        }
    }

    private static void assertBetween(Duration d, Duration min, Duration max, String where) {
        assertTrue(d.compareTo(min) >= 0 && d.compareTo(max) <= 0, where);
    }

    /** One piece of an agent argument: known key and random value, or anything at all. */
    private String piece() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> spaces() + key(false) + spaces() + "=" + spaces() + value() + spaces();
            case 3 -> "";
            case 4 -> noise(1 + random.nextInt(12));
            default -> noise(random.nextInt(4)) + "=" + value();
        };
    }

    /** Random {@code lwp4j.*} properties or {@code LWP4J_*} variables: known names and others. */
    private Map<String, String> sources(String prefix, boolean upper) {
        Map<String, String> m = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String key = random.nextInt(4) == 0 ? noise(1 + random.nextInt(6)) : key(true);
            m.put(prefix + (upper ? key.toUpperCase(Locale.ROOT) : key), value());
        }
        return m;
    }

    private String key(boolean exact) {
        String key = AgentOptions.ALL.get(random.nextInt(AgentOptions.ALL.size())).key();
        if (exact) return key;
        return switch (random.nextInt(4)) {
            case 0 -> key.toUpperCase(Locale.ROOT);
            case 1 -> key.substring(0, 1 + random.nextInt(key.length() - 1));      // a prefix: unknown
            default -> key;
        };
    }

    private String value() {
        return switch (random.nextInt(5)) {
            case 0 -> WORDS[random.nextInt(WORDS.length)];
            case 1, 2 -> (random.nextInt(6) == 0 ? "-" : "") + digits(1 + random.nextInt(random.nextBoolean() ? 4 : 40))
                    + SUFFIXES[random.nextInt(SUFFIXES.length)];
            case 3 -> noise(random.nextInt(16));
            default -> WORDS[random.nextInt(WORDS.length)] + noise(random.nextInt(3));
        };
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append((char) ('0' + random.nextInt(10)));
        return s.toString();
    }

    /** Printable ASCII, the separators, and now and then a unicode character. */
    private String noise(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) s.append((char) (32 + random.nextInt(95)));
            else if (kind < 9) s.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            else s.append(UNICODE[random.nextInt(UNICODE.length)]);
        }
        return s.toString();
    }

    /** The text with everything outside printable ASCII escaped, for a readable failure message. */
    static String printable(String text) {
        StringBuilder s = new StringBuilder();
        text.chars().forEach(c -> s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return s.toString();
    }

    private String spaces() {
        return random.nextInt(5) == 0 ? " ".repeat(1 + random.nextInt(2)) : "";
    }
}
