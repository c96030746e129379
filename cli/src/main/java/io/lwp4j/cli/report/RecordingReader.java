package io.lwp4j.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording with {@code jdk.jfr.consumer} in two passes: the first finds the lwp4j
 * event types present, their time span and the distinct values of their text fields (which
 * decide the groups); the second fills the statistics. Nothing about particular lwp4j events is
 * built in: every {@code lwp4j.*} type is charted from its own metadata.
 */
public final class RecordingReader {
    /** Prefix of the event types the report charts. */
    public static final String EVENT_PREFIX = "lwp4j.";
    /** Most buckets on the shared time axis. */
    public static final int MAX_TIME_BUCKETS = 60;
    static final String NO_VALUE = "(none)";

    private static final String AGENT_OPTIONS_EVENT = "lwp4j.AgentOptions";
    private static final Pattern LWP4J_JAVAAGENT = Pattern.compile("-javaagent:(\\S*lwp4j\\S*?\\.jar)(?:=(\\S*))?");

    private final Map<String, KindSurvey> surveys = new LinkedHashMap<>();
    private long otherEvents;
    private String jvm = "";
    private String jvmArguments = "";
    private final List<Recording.AgentOption> agentOptions = new ArrayList<>();

    private RecordingReader() {
    }

    /**
     * @throws UnusableRecordingException when the file is missing, empty, not JFR, or corrupted
     */
    public static Recording read(Path file) throws UnusableRecordingException {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UnusableRecordingException(file + ": cannot read it (" + describe(e) + ")");
        }
        if (Files.isDirectory(file)) throw new UnusableRecordingException(file + " is a directory, not a JFR recording");
        if (bytes == 0) throw new UnusableRecordingException(file + " is empty (0 bytes): not a JFR recording");
        RecordingReader reader = new RecordingReader();
        try {
            reader.survey(file);
            if (reader.surveys.isEmpty()) {
                throw new UnusableRecordingException(file + " holds no lwp4j.* events (" + reader.otherEvents
                        + " other events): was the lwp4j agent running, with its events enabled (lwp4j.jfc)?");
            }
            return reader.analyse(file, bytes);
        } catch (IOException | RuntimeException | InternalError e) {
            String cause = truncation(file, bytes);
            throw new UnusableRecordingException(file + " is not a readable JFR recording (" + (cause != null ? cause : describe(e)) + ")");
        }
    }

    /**
     * Why the parser failed when the file was cut short (a copy that stopped, a full disk): the
     * first chunk whose header (magic "FLR\0", version, then the chunk's size) claims more bytes
     * than the file has. Null when every chunk is whole, or the headers cannot be read.
     */
    private static String truncation(Path file, long fileBytes) {
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(16);
            long position = 0;
            while (position < fileBytes) {
                header.clear();
                if (channel.read(header, position) < 16 || header.getInt(0) != 0x464c5200) return null;
                long chunkSize = header.getLong(8);
                if (chunkSize <= 0) return null;
                if (position + chunkSize > fileBytes) {
                    return "cut short: the chunk at byte " + position + " needs " + chunkSize + " bytes, the file ends at " + fileBytes;
                }
                position += chunkSize;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private void survey(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                EventType type = event.getEventType();
                String name = type.getName();
                if (name.equals(AGENT_OPTIONS_EVENT)) {
                    // the options of the agent itself, also when it was attached: context, not a chart
                    var options = new Recording.AgentOption(event.getBoolean("attached") ? "attach" : "agent",
                            event.getString("options"));
                    if (!agentOptions.contains(options)) agentOptions.add(options);
                } else if (name.startsWith(EVENT_PREFIX)) {
                    surveys.computeIfAbsent(name, n -> new KindSurvey(type)).add(event);
                } else {
                    otherEvents++;
                    noteContext(name, event);
                }
            }
        }
    }

    private void noteContext(String name, RecordedEvent event) {
        switch (name) {
            case "jdk.JVMInformation" -> {
                jvm = event.getString("jvmVersion");
                jvmArguments = event.getString("jvmArguments");
                Matcher m = LWP4J_JAVAAGENT.matcher(jvmArguments == null ? "" : jvmArguments);
                while (m.find()) {
                    agentOptions.add(new Recording.AgentOption("-javaagent:" + m.group(1), m.group(2) == null ? "" : m.group(2)));
                }
            }
            case "jdk.InitialSystemProperty" -> {
                String key = event.getString("key");
                if (key != null && key.startsWith("lwp4j.")) {
                    agentOptions.add(new Recording.AgentOption("system property", key + "=" + event.getString("value")));
                }
            }
            case "jdk.InitialEnvironmentVariable" -> {
                String key = event.getString("key");
                if (key != null && key.startsWith("LWP4J_")) {
                    agentOptions.add(new Recording.AgentOption("environment", key + "=" + event.getString("value")));
                }
            }
            default -> { }
        }
    }

    private Recording analyse(Path file, long bytes) throws IOException {
        long first = surveys.values().stream().mapToLong(s -> s.firstEpochNanos).min().orElseThrow();
        long last = surveys.values().stream().mapToLong(s -> s.lastEpochNanos).max().orElseThrow();
        TimeAxis axis = TimeAxis.covering(first, last, MAX_TIME_BUCKETS);
        Map<String, EventKind> kinds = new HashMap<>();
        for (KindSurvey s : surveys.values()) {
            EventKind kind = s.toKind();
            kind.createGroups(axis.buckets());
            kinds.put(kind.name(), kind);
        }
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                EventKind kind = kinds.get(event.getEventType().getName());
                if (kind != null) record(kind, event, axis);
            }
        }
        agentOptions.sort(Comparator.comparing(Recording.AgentOption::source).thenComparing(Recording.AgentOption::text));
        List<EventKind> ordered = kinds.values().stream()
                .sorted(Comparator.comparing((EventKind k) -> k.chartedTimespanFields().isEmpty()).thenComparing(EventKind::name)).toList();
        return new Recording(file, bytes, axis, ordered, otherEvents, jvm,
                jvmArguments == null ? "" : jvmArguments, List.copyOf(agentOptions));
    }

    private static void record(EventKind kind, RecordedEvent event, TimeAxis axis) {
        long start = epochNanos(event.getStartTime());
        int bucket = axis.bucketOf(start);
        String groupValue = kind.groupField() == null ? "" : text(event, kind.groupField().name());
        EventGroup group = kind.groupOf(groupValue);
        group.countEvent(bucket);
        for (FieldInfo f : kind.timespanFields()) {
            LatencyStatistics latency = group.latency(f.name());
            long nanos = nanos(f.name().equals(FieldInfo.DURATION) ? event.getDuration() : event.getDuration(f.name()));
            if (nanos < 0) latency.recordUnmeasurable();
            else latency.record(nanos, bucket);
        }
        for (FieldInfo f : kind.quantityFields()) {
            if (event.getValue(f.name()) instanceof Number n) {
                group.quantity(f.name()).record(n.doubleValue(), start, bucket);
            }
        }
    }

    /** Nanoseconds, or -1 when JFR's value has none (negative, or beyond a long). */
    private static long nanos(Duration d) {
        if (d == null || d.isNegative()) return -1;
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return -1;
        }
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static String text(RecordedEvent event, String field) {
        Object value = event.getValue(field);
        return value == null ? NO_VALUE : value.toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof IOException) return message.isEmpty() ? e.getClass().getSimpleName() : message;
        return "corrupted: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Pass one, for one event type: metadata, count, time span, text values. */
    private static final class KindSurvey {
        private final EventType type;
        private final List<FieldInfo> fields = new ArrayList<>();
        private final Map<String, Map<String, Long>> textValues = new LinkedHashMap<>();
        private final Map<String, Boolean> textTruncated = new HashMap<>();
        private long count;
        private long firstEpochNanos = Long.MAX_VALUE;
        private long lastEpochNanos = Long.MIN_VALUE;
        private boolean hasDuration;

        KindSurvey(EventType type) {
            this.type = type;
            for (ValueDescriptor d : type.getFields()) {
                FieldInfo f = FieldInfo.of(d);
                if (f == null) continue;
                fields.add(f);
                if (f.role() == FieldInfo.Role.TEXT) {
                    textValues.put(f.name(), new HashMap<>());
                    textTruncated.put(f.name(), false);
                }
            }
        }

        void add(RecordedEvent event) {
            count++;
            long start = epochNanos(event.getStartTime());
            firstEpochNanos = Math.min(firstEpochNanos, start);
            lastEpochNanos = Math.max(lastEpochNanos, start);
            if (!hasDuration && !event.getDuration().isZero()) hasDuration = true;
            for (Map.Entry<String, Map<String, Long>> e : textValues.entrySet()) {
                String value = text(event, e.getKey());
                Map<String, Long> counts = e.getValue();
                if (counts.containsKey(value) || counts.size() < EventKind.MAX_TEXT_VALUES) counts.merge(value, 1L, Long::sum);
                else textTruncated.put(e.getKey(), true);
            }
        }

        EventKind toKind() {
            List<FieldInfo> timespans = new ArrayList<>();
            List<FieldInfo> quantities = new ArrayList<>();
            List<FieldInfo> texts = new ArrayList<>();
            for (FieldInfo f : fields) {
                switch (f.role()) {
                    case TIMESPAN -> {
                        if (hasDuration || !f.name().equals(FieldInfo.DURATION)) timespans.add(f);
                    }
                    case QUANTITY -> quantities.add(f);
                    case TEXT -> texts.add(f);
                }
            }
            Map<String, Map<String, Long>> sortedValues = new LinkedHashMap<>();
            textValues.forEach((field, counts) -> {
                Map<String, Long> sorted = new LinkedHashMap<>();
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
                sortedValues.put(field, sorted);
            });
            FieldInfo groupField = texts.stream()
                    .filter(f -> !textTruncated.get(f.name()))
                    .filter(f -> sortedValues.get(f.name()).size() >= 2 && sortedValues.get(f.name()).size() <= EventKind.MAX_GROUPS)
                    .findFirst().orElse(null);
            String label = type.getLabel() != null ? type.getLabel() : type.getName();
            return new EventKind(type.getName(), label, type.getDescription(), type.getCategoryNames(),
                    timespans, quantities, texts, groupField, sortedValues, textTruncated, count,
                    firstEpochNanos, lastEpochNanos);
        }
    }
}
