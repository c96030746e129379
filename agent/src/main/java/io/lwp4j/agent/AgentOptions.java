package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.ProbeLayout.CODE_LOAD_MIN_PERIOD_NS;
import static io.lwp4j.sampler.layout.ProbeLayout.MAX_PERIOD_NS;
import static io.lwp4j.sampler.layout.ProbeLayout.SYSCALL_MIN_PERIOD_NS;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's options, as async-profiler does it: one parser, one list, every option with its
 * default and a line of description ({@link #help()}, docs/OPTIONS.md).
 *
 * <p>Sources, highest precedence first: the agent argument ({@code
 * -javaagent:lwp4j-agent.jar=key=value,key=value}, or the options of a dynamic attach), then
 * system properties {@code lwp4j.<key>}, then environment variables {@code LWP4J_<KEY>}, then
 * the default. A value that does not parse is one warning naming the option, the source and
 * the default used instead; an unknown key or a piece that is not {@code key=value} in the
 * agent argument is one warning and is ignored (unknown {@code lwp4j.*} properties and {@code
 * LWP4J_*} variables are left alone: other tools may own them). Lists inside a value are
 * joined with {@code +} ({@code ops=read+write}), since {@code ,} separates options.
 *
 * <p>Parsing touches no native code (limits come from the layout constants), so {@code help}
 * and bad values are reported before anything is loaded.
 */
public final class AgentOptions {
    public static final String HELP = "help";

    // Before the options: a description names it.
    /** Largest thread buffer: 1000 threads at it would hold 1 GiB (and memorybudget stops them well before). */
    static final long MAX_BUFFER_BYTES = 1L << 20;

    public static final AgentOption<SyscallsMode> SYSCALLS = new AgentOption<>("syscalls", "counts",
            "the application's own I/O calls (file, socket, selector): counts (each call counted in its thread; a "
                    + "record and a lwp4j.Syscall event for calls over jfrthreshold, a record for calls that threw), "
                    + "records (also a SYSCALL record for every call), or off");
    public static final AgentOption<Long> SAMPLE = new AgentOption<>("sample", "0",
            "also write a SYSCALL record for every N-th I/O call of each thread, for raw pollers (0: none)");
    public static final AgentOption<BitSet> OPS = new AgentOption<>("ops", "all",
            "which I/O operations to instrument: all, or a +-joined list of "
                    + String.join(", ", operationNames()));
    public static final AgentOption<Integer> BUFFER = new AgentOption<>("buffer", "64k",
            "size of each thread's ring buffer: a power of two from 1k to " + formatSize(MAX_BUFFER_BYTES)
                    + " bytes (64-byte records); each thread also has a 4k header");
    public static final AgentOption<Integer> WATERMARK = new AgentOption<>("watermark", "50",
            "fill of a buffer, in percent of its size, that wakes the drainer (1..100)");
    public static final AgentOption<Long> LOCK_BUDGET = new AgentOption<>("lockbudget", "64m",
            "most bytes of ring buffers mlocked in this process; buffers past it stay unlocked (0: lock none)");
    public static final AgentOption<Long> MEMORY_BUDGET = new AgentOption<>("memorybudget", "256m",
            "most bytes of ring buffers, locked or not, in this process; past it threads get smaller buffers, then none");
    public static final AgentOption<Boolean> EAGER_BUFFERS = new AgentOption<>("eagerbuffers", "false",
            "give a platform thread its buffer when it starts running (false: at its first record, so a thread "
                    + "that records nothing costs nothing)");
    public static final AgentOption<Duration> DRAIN_WAIT = new AgentOption<>("drainwait", "100ms",
            "longest the drainer sleeps when no buffer rings its doorbell (records below the watermark wait this long)");
    public static final AgentOption<Destination> JFR = new AgentOption<>("jfr", "join",
            "lwp4j.* JFR events: join (into any recording the JVM runs, e.g. -XX:StartFlightRecording with lwp4j.jfc), "
                    + "off, or a .jfr file the agent records to (JDK default settings plus lwp4j.jfc, written at exit)");
    public static final AgentOption<Duration> JFR_THRESHOLD = new AgentOption<>("jfrthreshold", "20ms",
            "shortest I/O call that is slow: it gets a SYSCALL record and, committed by the calling thread, its own "
                    + "lwp4j.Syscall event (a recording's lower callThreshold wins; every call still counts in "
                    + "lwp4j.SyscallSummary); 0ms makes every call slow");
    public static final AgentOption<WriteTrackingMode> WRITE_TRACKING = new AgentOption<>("writetracking", "off",
            "mode of the process's write tracker, which the application uses through "
                    + "io.lwp4j.agent.Lwp4j.writeTracker(): off, auto (async where the kernel has it, else sync), sync, async");
    public static final AgentOption<Duration> CANARY = new AgentOption<>("canary", "100ms",
            "period of the write-fault canary (4 userfaultfd write-protect faults per tick on a private page), or off");
    public static final AgentOption<Duration> SYSCALL_PROBE = new AgentOption<>("syscallprobe", "250ms",
            "period of the syscall entry/exit canary (a burst of getpid and clock_gettime calls), or off");
    public static final AgentOption<Duration> CODE_LOAD_PROBE = new AgentOption<>("codeloadprobe", "10s",
            "period of the JIT code-loading probe (five ways of mapping executable code), or off");
    public static final AgentOption<Destination> SUMMARY = new AgentOption<>("summary", "off",
            "at exit, print per-operation syscall counts, bytes and times: off, stderr, stdout or a file path");
    public static final AgentOption<Destination> DUMP = new AgentOption<>("dump", "off",
            "write every drained record as one text line to this file (debugging; off: none)");
    public static final AgentOption<String> PROMETHEUS = new AgentOption<>("prometheus", "off",
            "serve the I/O and kernel-cost histograms at http://[HOST:]PORT/metrics for Prometheus: a bare port binds "
                    + "127.0.0.1 only, HOST:PORT that address (0.0.0.0:PORT: every IPv4 address); off: no port");
    public static final AgentOption<Boolean> JMX = new AgentOption<>("jmx", "true",
            "register the MBean io.lwp4j:type=Agent (totals, options, refused features) in the platform MBean "
                    + "server once something else starts it; opens no port");

    /** Every option, in the order help lists them. */
    public static final List<AgentOption<?>> ALL = List.of(SYSCALLS, OPS, SAMPLE, BUFFER, WATERMARK, LOCK_BUDGET,
            MEMORY_BUDGET, EAGER_BUFFERS, DRAIN_WAIT, JFR, JFR_THRESHOLD, WRITE_TRACKING, CANARY, SYSCALL_PROBE,
            CODE_LOAD_PROBE, SUMMARY, DUMP, PROMETHEUS, JMX);

    /**
     * {@code text} as a value of {@code option}, or {@link IllegalArgumentException} whose message
     * says what was expected. One plain method rather than a lambda per option: these run in
     * premain, where each lambda would be a class spun before {@code main} (issue 16).
     */
    @SuppressWarnings("unchecked")
    static <T> T parseValue(AgentOption<T> option, String text) {
        Object value;
        if (option == SYSCALLS) value = parseSyscalls(text);
        else if (option == SAMPLE) value = (long) parseIntInRange(text, 0, Integer.MAX_VALUE,
                "a call count from 0 (none) to 2147483647");
        else if (option == OPS) value = parseOperations(text);
        else if (option == BUFFER) value = parseBufferCapacity(text);
        else if (option == WATERMARK) value = parseIntInRange(text, 1, 100, "a percentage from 1 to 100");
        else if (option == LOCK_BUDGET) value = parseSize(text, 0, 1L << 40);
        else if (option == MEMORY_BUDGET) value = parseSize(text, 64L << 10, 1L << 40);
        else if (option == EAGER_BUFFERS || option == JMX) value = parseBoolean(text);
        else if (option == DRAIN_WAIT) value = parsePeriod(text, Duration.ofMillis(1), Duration.ofSeconds(10), false);
        else if (option == JFR) value = parseJfr(text);
        else if (option == JFR_THRESHOLD) value = parsePeriod(text, Duration.ZERO, Duration.ofHours(1), false);
        else if (option == WRITE_TRACKING) value = parseWriteTracking(text);
        else if (option == CANARY) value = parsePeriod(text, Duration.ofMillis(1), Duration.ofHours(1), true);
        else if (option == SYSCALL_PROBE) value = parsePeriod(text, Duration.ofNanos(SYSCALL_MIN_PERIOD_NS),
                Duration.ofNanos(MAX_PERIOD_NS), true);
        else if (option == CODE_LOAD_PROBE) value = parsePeriod(text, Duration.ofNanos(CODE_LOAD_MIN_PERIOD_NS),
                Duration.ofNanos(MAX_PERIOD_NS), true);
        else if (option == SUMMARY || option == DUMP) value = parseOutput(text);
        else if (option == PROMETHEUS) value = parseListenAddress(text);
        else throw new IllegalStateException("no parser for option " + option);
        return (T) value;
    }

    private final Map<AgentOption<?>, Object> values = new IdentityHashMap<>();
    /** Each option's text in force: as given, or its default where none or a bad one was given. */
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final boolean helpRequested;
    private final List<String> warnings;

    private AgentOptions(boolean helpRequested, List<String> warnings) {
        this.helpRequested = helpRequested;
        this.warnings = warnings;
    }

    /** Options of this JVM: the agent argument, then {@code System.getProperties()}, then the environment. */
    public static AgentOptions fromAgentArgument(String agentArgument) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            properties.put(name, System.getProperty(name));
        }
        return parse(agentArgument, properties, System.getenv());
    }

    /**
     * Parses the three sources; warnings go to standard error, once each per process, and
     * every one of this parse is in {@link #warnings()}.
     */
    public static AgentOptions parse(String agentArgument, Map<String, String> systemProperties,
            Map<String, String> environment) {
        Map<String, String> fromArgument = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        boolean help = false;
        if (agentArgument != null && !agentArgument.isBlank()) {
            for (String piece : agentArgument.split(",")) {
                String p = piece.strip();
                if (p.isEmpty()) continue;
                if (p.equalsIgnoreCase(HELP)) {
                    help = true;
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    warn(warnings, "option '" + p + "' in the agent argument is not key=value; ignored (run with 'help' "
                            + "for the options)");
                    continue;
                }
                String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (byKey(key) == null) {
                    warn(warnings, "unknown option '" + key + "' in the agent argument; ignored (run with 'help' for "
                            + "the options)");
                    continue;
                }
                fromArgument.put(key, p.substring(eq + 1).strip());
            }
        }
        warnNearKeys(systemProperties.keySet(), "lwp4j.", "system property", warnings);
        warnNearKeys(environment.keySet(), "LWP4J_", "environment variable", warnings);
        AgentOptions options = new AgentOptions(help, warnings);
        for (AgentOption<?> o : ALL) {
            options.values.put(o, resolve(o, fromArgument.get(o.key()), systemProperties.get(o.systemProperty()),
                    environment.get(o.environmentVariable()), warnings, options.texts));
        }
        return options;
    }

    /**
     * Unknown {@code lwp4j.*} properties and {@code LWP4J_*} variables are left alone (other tools
     * may use the prefix), but one that is a single edit from an option's own name is a typo of it:
     * one warning.
     */
    private static void warnNearKeys(Iterable<String> names, String prefix, String source, List<String> warnings) {
        for (String name : names) {
            if (!name.startsWith(prefix)) continue;
            AgentOption<?> near = nearOption(name, prefix);
            if (near == null) continue;
            String meant = prefix.equals("lwp4j.") ? near.systemProperty() : near.environmentVariable();
            warn(warnings, "unknown option '" + name + "' (" + source + "); did you mean " + meant + "? ignored");
        }
    }

    /**
     * The option that {@code name} (a property or variable with {@code prefix}) misspells: not one
     * of the names lwp4j reads, but one edit (or only letter case) from an option key. Null otherwise.
     */
    static AgentOption<?> nearOption(String name, String prefix) {
        for (AgentOption<?> o : ALL) {
            if (name.equals(o.systemProperty()) || name.equals(o.environmentVariable())) return null;
        }
        String key = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
        for (AgentOption<?> o : ALL) {
            if (withinOneEdit(key, o.key())) return o;
        }
        return null;
    }

    /** Levenshtein distance at most 1. */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) return false;
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        if (a.length() == b.length()) return i == a.length() || a.substring(i + 1).equals(b.substring(i + 1));
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
    }

    /**
     * A destination ({@code summary}, {@code dump}, {@code jfr}) that names a file with neither a
     * directory part nor an extension is more likely a typo ({@code summary=stdrr}) than a file
     * wanted in the working directory: it is still written, with a warning saying how to mean it.
     */
    static boolean looksLikeATypo(AgentOption<?> option, Object value) {
        if (!(value instanceof Destination.File file)) return false;
        return file.path().indexOf('/') < 0 && file.path().indexOf('.') < 0;
    }

    private static <T> T resolve(AgentOption<T> option, String argument, String property, String variable,
            List<String> warnings, Map<String, String> texts) {
        texts.put(option.key(), option.defaultText());
        String text;
        String source;
        if (argument != null) {
            text = argument;
            source = "agent argument " + option.key() + "=" + argument;
        } else if (property != null) {
            text = property;
            source = "system property " + option.systemProperty() + "=" + property;
        } else if (variable != null) {
            text = variable;
            source = "environment variable " + option.environmentVariable() + "=" + variable;
        } else {
            return option.defaultValue();
        }
        try {
            T value = option.parse(text.strip());
            if (looksLikeATypo(option, value)) {
                warn(warnings, "option " + option.key() + " (" + source + "): '" + value + "' is neither "
                        + (option == JFR ? "join nor off" : "stderr nor stdout") + " nor a path with a directory or an "
                        + "extension; writing a file of that name in the working directory (write ./" + value
                        + " to mean that)");
            }
            texts.put(option.key(), text.strip());
            return value;
        } catch (IllegalArgumentException e) {
            warn(warnings, "option " + option.key() + " (" + source + "): " + e.getMessage() + "; using the default "
                    + option.key() + "=" + option.defaultText());
            return option.defaultValue();
        }
    }

    private static void warn(List<String> warnings, String message) {
        warnings.add(message);
        Warnings.warnOnce("option: " + message, message);
    }

    static AgentOption<?> byKey(String key) {
        for (AgentOption<?> o : ALL) {
            if (o.key().equals(key)) return o;
        }
        return null;
    }

    /** True when the agent argument says {@code help}: print {@link #help()}, start nothing. */
    public boolean helpRequested() {
        return helpRequested;
    }

    /** What this parse ignored or replaced by a default, one message per bad piece (printed once per process). */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(AgentOption<T> option) {
        return (T) values.get(option);
    }

    /** Every option's key and its text in force (as given, or the default), in the order help lists them. */
    public Map<String, String> effectiveTexts() {
        return Collections.unmodifiableMap(texts);
    }

    /**
     * The address {@code prometheus=} asks to serve on, resolved now; null for {@code off}.
     *
     * @throws IllegalArgumentException when the host does not resolve
     */
    public InetSocketAddress prometheusAddress() {
        String text = get(PROMETHEUS);
        if (text.equals("off")) return null;
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
        InetSocketAddress a = new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
        if (a.isUnresolved()) throw new IllegalArgumentException("the host " + host + " does not resolve");
        return a;
    }

    /** The buffer configuration these options ask for. */
    public BufferConfig bufferConfig() {
        int capacity = get(BUFFER);
        int watermark = Math.max(1, (int) ((long) capacity * get(WATERMARK) / 100));
        return BufferConfig.DEFAULTS.withCapacity(capacity).withWatermark(watermark).withLockBudget(get(LOCK_BUDGET))
                .withMemoryBudget(get(MEMORY_BUDGET));
    }

    /** Every option with its default and description, as {@code help} prints it. */
    public static String help() {
        StringBuilder s = new StringBuilder();
        s.append("lwp4j agent options: -javaagent:lwp4j-agent.jar=key=value,key=value,...\n");
        s.append("  (or system properties -Dlwp4j.<key>=value, or environment variables LWP4J_<KEY>=value;\n");
        s.append("   the agent argument wins over properties, properties over the environment)\n");
        int width = 0;
        for (AgentOption<?> o : ALL) width = Math.max(width, o.key().length() + 1 + o.defaultText().length());
        s.append(String.format("  %-" + width + "s  %s%n", HELP, "print this list and do not start the agent"));
        for (AgentOption<?> o : ALL) {
            s.append(String.format("  %-" + width + "s  %s%n", o.key() + "=" + o.defaultText(), o.description()));
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ parsers

    static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    /** A byte count with an optional binary suffix k, m or g ({@code 16k} = 16384), then an optional b. */
    static long parseSize(String text, long min, long max) {
        String expected = "a size in bytes from " + formatSize(min) + " to " + formatSize(max) + " such as 16k or 64m";
        int digits = leadingDigits(text);
        int i = digits;
        int shift = 0;
        if (i < text.length()) {
            shift = switch (text.charAt(i)) {
                case 'k', 'K' -> 10;
                case 'm', 'M' -> 20;
                case 'g', 'G' -> 30;
                default -> 0;
            };
            if (shift != 0) i++;
        }
        if (i < text.length() && (text.charAt(i) == 'b' || text.charAt(i) == 'B')) i++;
        if (digits == 0 || digits > 19 || i != text.length()) throw new IllegalArgumentException("expected " + expected);
        long n;
        try {
            n = Long.parseLong(text, 0, digits, 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + expected);
        }
        if (n > (max >> shift) || (n << shift) < min) throw new IllegalArgumentException("expected " + expected);
        return n << shift;
    }

    /** How many ASCII digits {@code text} starts with. */
    private static int leadingDigits(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
        return i;
    }

    static String formatSize(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + "g";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + "m";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + "k";
        return Long.toString(bytes);
    }

    static int parseBufferCapacity(String text) {
        long bytes = parseSize(text, 1L << 10, MAX_BUFFER_BYTES);
        if (Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("expected a power of two from 1k to " + formatSize(MAX_BUFFER_BYTES)
                    + " bytes, such as 16k");
        }
        return BufferConfig.capacityForBytes(bytes);
    }

    static int parseIntInRange(String text, int min, int max, String expected) {
        try {
            int v = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("expected " + expected);
    }

    /** counts, records or off; true and false are counts and off. */
    static SyscallsMode parseSyscalls(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "counts", "true", "on", "yes", "1" -> SyscallsMode.COUNTS;
            case "records" -> SyscallsMode.RECORDS;
            case "off", "false", "no", "0" -> SyscallsMode.OFF;
            default -> throw new IllegalArgumentException("expected counts, records or off");
        };
    }

    /** off, stderr, stdout, or a file path. */
    static Destination parseOutput(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("expected off, stderr, stdout or a file path");
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "off", "false", "no" -> Destination.OFF;
            case "stderr" -> Destination.STDERR;
            case "stdout" -> Destination.STDOUT;
            default -> new Destination.File(text);
        };
    }

    /**
     * A duration with its unit ({@code 250ms}, {@code 10s}, {@code 1m}); with {@code canBeOff},
     * {@code off} is {@link Duration#ZERO}.
     */
    static Duration parsePeriod(String text, Duration min, Duration max, boolean canBeOff) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (canBeOff && (lower.equals("off") || lower.equals("false") || lower.equals("no"))) return Duration.ZERO;
        String expected = (canBeOff ? "off or " : "") + "a duration from " + formatDuration(min) + " to "
                + formatDuration(max) + " with its unit (us, ms, s, m, h), such as 250ms";
        int digits = leadingDigits(lower);
        if (digits == 0 || digits > 9) throw new IllegalArgumentException("expected " + expected);
        long n = Long.parseLong(lower, 0, digits, 10);
        Duration d = switch (lower.substring(digits)) {
            case "us" -> Duration.ofNanos(n * 1000);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("expected " + expected);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) throw new IllegalArgumentException("expected " + expected);
        return d;
    }

    static String formatDuration(Duration d) {
        long ns = d.toNanos();
        if (ns == 0) return "0ms";
        if (ns % 3_600_000_000_000L == 0) return d.toHours() + "h";
        if (ns % 1_000_000_000L == 0) return d.toSeconds() + "s";
        if (ns % 1_000_000L == 0) return d.toMillis() + "ms";
        return ns / 1000 + "us";
    }

    /** join, off, or a file path. */
    static Destination parseJfr(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("expected join, off or a .jfr file path");
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "join", "on", "true" -> Destination.JOIN;
            case "off", "false", "no" -> Destination.OFF;
            default -> new Destination.File(text);
        };
    }

    /**
     * off, a port (on 127.0.0.1), or HOST:PORT with an IPv6 host in brackets ({@code [::1]:9404});
     * the port from 0 (any free one) to 65535. Normalised to {@code host:port}.
     */
    static String parseListenAddress(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("false") || lower.equals("no")) return "off";
        String expected = "off, a port (127.0.0.1 only) or HOST:PORT ([IPv6]:PORT), the port from 0 to 65535";
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        if (bare.isEmpty() || !bracketed && bare.indexOf(':') >= 0 || hasAny(bare, " \t\n\u000B\f\r[]/,%")) {
            throw new IllegalArgumentException("expected " + expected);
        }
        String digits = text.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 5 || leadingDigits(digits) != digits.length()
                || Integer.parseInt(digits) > 65535) {
            throw new IllegalArgumentException("expected " + expected);
        }
        int port = Integer.parseInt(digits);
        return (bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare) + ":" + port;
    }

    /** Whether {@code text} holds any of the characters of {@code chars}. */
    private static boolean hasAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) return true;
        }
        return false;
    }

    static WriteTrackingMode parseWriteTracking(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "off", "false", "no" -> WriteTrackingMode.OFF;
            case "auto" -> WriteTrackingMode.AUTO;
            case "sync" -> WriteTrackingMode.SYNC;
            case "async" -> WriteTrackingMode.ASYNC;
            default -> throw new IllegalArgumentException("expected off, auto, sync or async");
        };
    }

    /** Bit i set: operation code i ({@link SyscallLayout}) is instrumented. */
    static BitSet parseOperations(String text) {
        BitSet ops = new BitSet();
        if (text.equalsIgnoreCase("all")) {
            ops.set(1, SyscallLayout.OPERATION_MAX + 1);
            return ops;
        }
        for (String name : text.split("\\+", -1)) {      // -1: an empty name ("+", "read+") is refused too
            int op = SyscallLayout.operationOf(name.strip().toLowerCase(Locale.ROOT));
            if (op < 0) {
                throw new IllegalArgumentException("'" + name + "' is not an operation; expected all or a +-joined list of "
                        + String.join(", ", operationNames()));
            }
            ops.set(op);
        }
        return ops;
    }

    static List<String> operationNames() {
        List<String> names = new ArrayList<>();
        for (int op = 1; op <= SyscallLayout.OPERATION_MAX; op++) names.add(SyscallLayout.operationName(op));
        return Collections.unmodifiableList(names);
    }
}
