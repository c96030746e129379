package io.lwp4j.cli.report;

import static io.lwp4j.cli.report.Lwp4jEvents.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reads a recording in one streaming pass ({@link EventStream#openFile}, unordered, reused
 * event objects) into a {@link Report}, in memory bounded by what the report keeps, not by the
 * recording's size: sums and bucket counts per (operation, kind), the slowest calls whole,
 * tallies of the rest, HdrHistograms of the probes. Only the event types the report reads
 * are parsed; the JDK's own events are skipped unread, except the few that say what ran.
 *
 * <p>The chunks are walked record by record first ({@link ChunkWalk}): their span, and any
 * damage named before any parsing, since the JDK's streaming parser stops at damage silently.
 */
public final class RecordingScan {
    private static final Pattern LWP4J_JAVAAGENT = Pattern.compile("-javaagent:(\\S*lwp4j\\S*?\\.jar)(?:=(\\S*))?");

    private final Path file;
    private final ReportOptions options;
    private final Verdict verdict = new Verdict();
    private final Map<String, IoRangeTotals> io = new LinkedHashMap<>();
    private final RecordedCalls calls;
    private RecordedKernelCosts kernel;
    private long rangeStart;
    private long rangeEnd;
    private long width;
    private long unreadable;
    private Boolean ioSchemaReadable;

    private RecordingScan(Path file, ReportOptions options) {
        this.file = file;
        this.options = options;
        this.calls = new RecordedCalls(options.top(), options.includeWaits());
    }

    /**
     * @throws UnusableRecordingException when the file is missing, empty, not JFR, cut short or
     *     corrupted, or holds no lwp4j events
     */
    public static Report read(Path file, ReportOptions options) throws UnusableRecordingException {
        long bytes;
        try {
            if (Files.isDirectory(file)) throw new UnusableRecordingException(file + " is a directory, not a JFR recording");
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UnusableRecordingException(file + ": cannot read it (" + describe(e) + ")");
        }
        if (bytes == 0) throw new UnusableRecordingException(file + " is empty (0 bytes): not a JFR recording");
        RecordingScan scan = new RecordingScan(file, options);
        scan.span(bytes);
        try {
            scan.stream();
        } catch (IOException | RuntimeException | InternalError e) {
            throw new UnusableRecordingException(file + " is not a readable JFR recording (" + describe(e) + ")");
        }
        if (scan.verdict.lwp4jEvents() == 0) {
            throw new UnusableRecordingException(file + " holds no lwp4j.* events: the JDK recorded it alone. Record with"
                    + " the lwp4j agent (java -javaagent:lwp4j-agent.jar=jfr=app.jfr ...) or add its settings to a recording"
                    + " (settings=default,settings=lwp4j.jfc)");
        }
        return new Report(file, bytes, options, scan.verdict, scan.io, scan.calls, scan.kernel, scan.rangeStart,
                scan.rangeEnd, scan.unreadable);
    }

    /** The recording's span from its chunks, checked whole first (see {@link ChunkWalk}), and the range shown. */
    private void span(long fileBytes) throws UnusableRecordingException {
        ChunkWalk.Result chunks;
        try (FileChannel channel = FileChannel.open(file)) {
            chunks = ChunkWalk.walk(channel, fileBytes);
        } catch (IOException e) {
            throw new UnusableRecordingException(file + ": cannot read it (" + describe(e) + ")");
        }
        if (chunks.damage() != null) {
            throw new UnusableRecordingException(file + " is not a readable JFR recording (" + chunks.damage() + ")");
        }
        verdict.startEpochNanos = chunks.startEpochNanos();
        verdict.endEpochNanos = chunks.endEpochNanos();
        rangeStart = Math.max(verdict.startEpochNanos, options.fromEpochNanos(verdict.startEpochNanos));
        rangeEnd = Math.min(verdict.endEpochNanos, options.toEpochNanos(verdict.startEpochNanos));
        if (rangeEnd < rangeStart) rangeEnd = rangeStart;
        width = TimeBuckets.initialWidth(rangeEnd - rangeStart);
        kernel = new RecordedKernelCosts(rangeStart, width);
    }

    private void stream() throws IOException {
        try (EventStream events = EventStream.openFile(file)) {
            events.setOrdered(false);
            events.setReuse(true);
            on(events, IO_SUMMARY, this::ioSummary);
            on(events, IO_CALL, this::ioCall);
            on(events, RECORDS_LOST, this::recordsLost);
            on(events, DRAIN_STATISTICS, this::drainStatistics);
            on(events, BUFFER_STATISTICS, this::bufferStatistics);
            on(events, WARNING, e -> verdict.warnings.add(text(e, "message")));
            on(events, AGENT_OPTIONS, this::agentOptions);
            on(events, WRITE_FAULT, this::writeFault);
            on(events, WRITE_FAULT_PROBE, this::writeFaultProbe);
            on(events, DIRTY_PAGES, this::dirtyPages);
            on(events, SYSCALL_PATH_PROBE, this::canary);
            on(events, SYSCALL_PATH_ENVIRONMENT, this::environment);
            on(events, CODE_LOAD_PROBE, this::codeLoad);
            events.onEvent(JVM_INFORMATION, e -> {
                verdict.jvm = text(e, "jvmVersion");
                verdict.jvmArguments = text(e, "jvmArguments");
                Matcher m = LWP4J_JAVAAGENT.matcher(verdict.jvmArguments);
                while (m.find()) agentOption("-javaagent:" + m.group(1), m.group(2) == null ? "" : m.group(2));
            });
            events.onEvent(CPU_INFORMATION, e -> verdict.cpu = cpuName(text(e, "description"), text(e, "cpu")));
            events.onEvent(OS_INFORMATION, e -> verdict.os = osName(text(e, "osVersion")));
            events.onEvent(INITIAL_SYSTEM_PROPERTY, e -> {
                String key = text(e, "key");
                if (key.startsWith("lwp4j.")) agentOption("system property", key + "=" + text(e, "value"));
            });
            events.onEvent(INITIAL_ENVIRONMENT_VARIABLE, e -> {
                String key = text(e, "key");
                if (key.startsWith("LWP4J_")) agentOption("environment", key + "=" + text(e, "value"));
            });
            events.start();
        }
    }

    /** Reads every event of one lwp4j type; one whose fields do not read as expected is counted, not fatal. */
    private void on(EventStream events, String name, Consumer<RecordedEvent> handler) {
        events.onEvent(name, e -> {
            verdict.eventsRead.merge(name, 1L, Long::sum);
            try {
                handler.accept(e);
            } catch (IllegalArgumentException | ClassCastException | NullPointerException damaged) {
                unreadable++;
            }
        });
    }

    private boolean inRange(long epochNanos) {
        return epochNanos >= rangeStart && epochNanos <= rangeEnd;
    }

    private void ioSummary(RecordedEvent e) {
        if (ioSchemaReadable == null) {
            for (String field : IO_SUMMARY_FIELDS) if (!e.hasField(field)) verdict.missingIoFields.add(field);
            ioSchemaReadable = verdict.missingIoFields.isEmpty();
        }
        if (!ioSchemaReadable) return;
        long end = Math.min(epochNanos(e.getStartTime()), verdict.endEpochNanos);
        // A recording's first interval starts where counting did, often before the recording
        // (the agent counts from its start): the calls are in this recording, so clip to its span.
        long start = Math.min(end, Math.max(end - nanos(e.getDuration("interval")), verdict.startEpochNanos));
        long middle = start + (end - start) / 2;
        if (!inRange(middle)) return;
        String operation = text(e, "operation"), kind = text(e, "kind");
        String histogram = e.getString("histogram");
        IoRangeTotals t = io.computeIfAbsent(IoRangeTotals.key(operation, kind), k -> new IoRangeTotals(operation, kind, rangeStart, width));
        IoBuckets workNow = t.workOverTime.at(middle), waitNow = t.waitOverTime.at(middle);
        if (histogram != null) {
            IoBuckets.decode(histogram, (waited, k, count) -> {
                if (waited) {
                    t.wait.add(k, count);
                    waitNow.add(k, count);
                } else {
                    t.work.add(k, count);
                    workNow.add(k, count);
                }
            });
        }
        t.calls += e.getLong("calls");
        t.bytes += e.getLong("bytes");
        t.errors += e.getLong("errors");
        t.workNanos += nanos(e.getDuration("callTime"));
        t.waitNanos += nanos(e.getDuration("waitTime"));
        t.waits += e.getLong("waits");
        t.maxWorkNanos = Math.max(t.maxWorkNanos, nanos(e.getDuration("max")));
        t.maxWaitNanos = Math.max(t.maxWaitNanos, nanos(e.getDuration("waitMax")));
    }

    private void ioCall(RecordedEvent e) {
        long start = epochNanos(e.getStartTime());
        if (!inRange(start)) return;
        String thread = threadName(e);
        if (options.thread() != null && !options.thread().matcher(thread).matches()) return;
        long callTime = e.hasField("callTime") ? nanos(e.getDuration("callTime")) : 0;
        long total = callTime > 0 ? callTime : nanos(e.getDuration());
        long wait = e.hasField("waitTime") ? Math.min(total, nanos(e.getDuration("waitTime"))) : 0;
        long rank = options.includeWaits() ? total : total - wait;
        List<String> frames = List.of();
        if (calls.wouldKeep(rank)) frames = frames(e.getStackTrace());
        calls.add(new RecordedCall(start, thread, text(e, "operation"), text(e, "kind"), target(e), total, wait,
                e.hasField("bytes") ? Math.max(0, e.getLong("bytes")) : 0, error(e),
                e.hasField("virtualThread") && e.getBoolean("virtualThread"), frames, StackFold.firstApplicationFrame(frames)));
    }

    /** What the call threw, "" when nothing (older recordings say "none"). */
    private static String error(RecordedEvent e) {
        String error = e.hasField("error") ? text(e, "error") : "";
        return error.equals("none") ? "" : error;
    }

    /** The file's path, the peer's address (else the local one), the descriptor, or the kind of one. */
    private static String target(RecordedEvent e) {
        for (String field : List.of("path", "peerAddress", "localAddress")) {
            if (e.hasField(field)) {
                String value = e.getString(field);
                if (value != null && !value.isEmpty()) return value;
            }
        }
        return e.hasField("fd") && e.getInt("fd") >= 0 ? "fd " + e.getInt("fd") : "(" + text(e, "kind") + ")";
    }

    /**
     * The calling thread: the event's own thread (lwp4j commits I/O events on the calling
     * thread), or the {@code thread} field of older recordings, whose events were committed by
     * the drainer about another thread.
     */
    private static String threadName(RecordedEvent e) {
        RecordedThread t = e.hasField("thread") && e.getValue("thread") instanceof RecordedThread about ? about : e.getThread();
        if (t == null) return "(unknown)";
        if (t.getJavaName() != null && !t.getJavaName().isEmpty()) return t.getJavaName();
        if (t.isVirtual()) return "virtual thread #" + t.getJavaThreadId();
        return t.getOSName() == null ? "(unnamed)" : t.getOSName();
    }

    private static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) return List.of();
        List<String> frames = new ArrayList<>(stack.getFrames().size());
        for (RecordedFrame f : stack.getFrames()) {
            var method = f.getMethod();
            String type = method.getType().getName();
            int line = f.getLineNumber();
            frames.add(type + "." + method.getName() + (line > 0 ? ":" + line : ""));
        }
        return List.copyOf(frames);
    }

    private void recordsLost(RecordedEvent e) {
        long lost = e.getLong("lost");
        verdict.lostByBufferKind.merge(text(e, "bufferKind"), lost, Long::sum);
        if (e.getValue("owner") instanceof RecordedThread owner && owner.getJavaName() != null
                && (verdict.lostByOwner.containsKey(owner.getJavaName()) || verdict.lostByOwner.size() < 1000)) {
            verdict.lostByOwner.merge(owner.getJavaName(), lost, Long::sum);
        }
    }

    private void drainStatistics(RecordedEvent e) {
        long produced = e.getLong("produced");
        if (produced < verdict.produced) return; // cumulative: the last one counts
        verdict.produced = produced;
        verdict.drainLost = e.getLong("lost");
        verdict.handlerFailures = e.getLong("handlerFailures");
        verdict.drainFlushed = e.getBoolean("flushed");
    }

    private void bufferStatistics(RecordedEvent e) {
        verdict.unlockedByRlimit = Math.max(verdict.unlockedByRlimit, e.getLong("unlockedByRlimit"));
        verdict.unlockedByBudget = Math.max(verdict.unlockedByBudget, e.getLong("unlockedByBudget"));
        verdict.lockBudget = e.getLong("lockBudget");
    }

    /** "AMD EPYC" from the JDK's "Brand: AMD EPYC, Vendor: ..." description, else its feature list's start. */
    static String cpuName(String description, String cpu) {
        Matcher brand = Pattern.compile("Brand: ([^,\n]+)").matcher(description);
        if (brand.find()) return brand.group(1).strip();
        int features = cpu.indexOf(" SSE");
        return features < 0 ? cpu : cpu.substring(0, features);
    }

    /** "Debian GNU/Linux 12 (bookworm), Linux 6.18.44" from the JDK's os-release and uname lines. */
    static String osName(String osVersion) {
        Matcher pretty = Pattern.compile("PRETTY_NAME=\"([^\"]*)\"").matcher(osVersion);
        Matcher uname = Pattern.compile("uname: ?(\\S+) (\\S+)").matcher(osVersion);
        String name = pretty.find() ? pretty.group(1) : "";
        String kernel = uname.find() ? uname.group(1) + " " + uname.group(2) : "";
        if (name.isEmpty() && kernel.isEmpty()) return osVersion.lines().findFirst().orElse("").strip();
        return name.isEmpty() ? kernel : kernel.isEmpty() ? name : name + ", " + kernel;
    }

    /** The agent's own account of its options (fields attached, options): an attached agent's are in no JVM argument. */
    private void agentOptions(RecordedEvent e) {
        boolean attached = e.hasField("attached") && e.getBoolean("attached");
        agentOption(attached ? "attach" : "agent", e.hasField("options") ? text(e, "options") : "");
    }

    /**
     * One line per source of options. The agent's own account of options given on its
     * -javaagent flag says nothing more than the flag, which also names the jar: the flag's
     * line is kept, in whichever order the two events come.
     */
    private void agentOption(String source, String text) {
        Verdict.AgentOption option = new Verdict.AgentOption(source, text);
        if (verdict.agentOptions.contains(option)) return;
        boolean flag = source.startsWith("-javaagent:");
        if (source.equals("agent") && verdict.agentOptions.stream()
                .anyMatch(o -> o.source().startsWith("-javaagent:") && o.text().equals(text))) {
            return;
        }
        if (flag) verdict.agentOptions.remove(new Verdict.AgentOption("agent", text));
        verdict.agentOptions.add(option);
    }

    private void writeFault(RecordedEvent e) {
        if (!inRange(epochNanos(e.getStartTime()))) return;
        kernel.writeFaults++;
        RecordedKernelCosts.record(kernel.faultHandle, nanos(e.getDuration("handleTime")));
    }

    private void writeFaultProbe(RecordedEvent e) {
        if (!inRange(epochNanos(e.getStartTime()))) return;
        kernel.faultProbeSteps.forEach((step, h) -> RecordedKernelCosts.record(h, nanos(e.getDuration(step))));
    }

    private void dirtyPages(RecordedEvent e) {
        if (!inRange(epochNanos(e.getStartTime()))) return;
        kernel.scans++;
        kernel.scannedPages += e.getLong("pages");
        kernel.writtenPages += e.getLong("pagesWritten");
        RecordedKernelCosts.record(kernel.scanTime, nanos(e.getDuration("scanTime")));
    }

    private void canary(RecordedEvent e) {
        long start = epochNanos(e.getStartTime());
        if (!inRange(start)) return;
        RecordedKernelCosts.CanaryCall c = kernel.canary(text(e, "call"));
        long median = nanos(e.getDuration("median"));
        RecordedKernelCosts.record(c.medians, median);
        RecordedKernelCosts.record(c.overTime.at(start), median);
        c.minNanos = Math.min(c.minNanos, nanos(e.getDuration("min")));
    }

    private void environment(RecordedEvent e) {
        String mitigations = text(e, "mitigations");
        RecordedKernelCosts.Environment env = new RecordedKernelCosts.Environment(text(e, "seccompMode"), e.getInt("seccompFilters"),
                text(e, "audit"), e.getInt("auditRules"), mitigations.isEmpty() ? List.of() : List.of(mitigations.split("\n")),
                text(e, "cpu"), text(e, "kernel"));
        if (kernel.environments.containsKey(env) || kernel.environments.size() < 100) kernel.environments.merge(env, 1L, Long::sum);
    }

    private void codeLoad(RecordedEvent e) {
        if (!inRange(epochNanos(e.getStartTime()))) return;
        RecordedKernelCosts.Strategy s = kernel.strategy(text(e, "strategy"));
        int error = e.getInt("error");
        if (error != 0) {
            s.refused++;
            s.lastError = error;
            return;
        }
        RecordedKernelCosts.record(s.medians, nanos(e.getDuration("median")));
        RecordedKernelCosts.record(s.means, nanos(e.getDuration("mean")));
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Nanoseconds; 0 for JFR's "no value" (negative, or beyond a long). */
    static long nanos(Duration d) {
        if (d == null || d.isNegative()) return 0;
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static String text(RecordedEvent e, String field) {
        Object value = e.getValue(field);
        return value == null ? "" : value.toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof IOException) return message.isEmpty() ? e.getClass().getSimpleName() : message;
        return "corrupted: " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
