package io.lwp4j.cli.report;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Frequency;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A real JFR recording of committed lwp4j.* events, shaped like the event kinds the drain
 * pipeline (issue 5) defines: write-fault steps, the syscall canary, code-loading strategies,
 * application I/O per operation and its interval summaries, lost records, buffer statistics,
 * the agent's options, and a timed event with its own duration. Values are random (seeded) and spread over ~1 s.
 */
final class FixtureRecording {
    static final String[] STRATEGIES = {"naive", "reuse", "reuse+locked", "shared", "memfd-dual"};
    static final String[] OPERATIONS = {"read", "write", "pread", "pwrite", "force", "open", "connect", "accept", "select"};
    static final String[] CALLS = {"getpid", "clock_gettime (vDSO)", "clock_gettime (syscall)"};

    private FixtureRecording() {
    }

    @Name("lwp4j.WriteFaultProbe") @Label("Write Fault Probe") @Category({"lwp4j", "Write Tracking"})
    @Description("One canary write fault, timed step by step.") @StackTrace(false)
    static final class WriteFaultProbe extends Event {
        @Label("Receive") @Timespan(Timespan.NANOSECONDS) long receive;
        @Label("Resolve") @Timespan(Timespan.NANOSECONDS) long resolve;
        @Label("Complete") @Timespan(Timespan.NANOSECONDS) long complete;
        @Label("Total") @Timespan(Timespan.NANOSECONDS) long total;
        @Label("Writer CPU") int writerCpu;
        @Label("Sequence") long sequence;
        @Label("Drain Delay") @Timespan(Timespan.NANOSECONDS) long drainDelay;
    }

    @Name("lwp4j.SyscallPathProbe") @Label("Syscall Path Probe") @Category({"lwp4j", "Syscall Path"}) @StackTrace(false)
    static final class SyscallPathProbe extends Event {
        @Label("Call") String call;
        @Label("Median") @Timespan(Timespan.NANOSECONDS) long median;
        @Label("Max") @Timespan(Timespan.NANOSECONDS) long max;
        @Label("Burst") int burst;
    }

    @Name("lwp4j.CodeLoadProbe") @Label("Code Load Probe") @Category({"lwp4j", "Syscall Path"}) @StackTrace(false)
    static final class CodeLoadProbe extends Event {
        @Label("Strategy") String strategy;
        @Label("Keeps W^X") boolean keepsWxorX;
        @Label("Median") @Timespan(Timespan.MICROSECONDS) long median;
        @Label("Pages") int pages;
    }

    @Name("lwp4j.Syscall") @Label("Syscall") @Category({"lwp4j", "Application I/O"}) @StackTrace(false)
    static final class Syscall extends Event {
        @Label("Operation") String operation;
        @Label("Channel") String channel;
        @Label("Bytes") @DataAmount long bytes;
        @Label("Call Duration") @Timespan(Timespan.NANOSECONDS) long callDuration;
        @Label("Path") String path;
        @Label("File Descriptor") int fd;
        @Label("Drain Delay") @Timespan(Timespan.NANOSECONDS) long drainDelay;
    }

    @Name("lwp4j.SyscallSummary") @Label("Syscall Summary") @Category({"lwp4j", "Application I/O"}) @StackTrace(false)
    static final class SyscallSummary extends Event {
        @Label("Operation") String operation;
        @Label("Count") long count;
        @Label("Rate") @Frequency double rate;
        @Label("Median") @Timespan(Timespan.NANOSECONDS) long p50;
        @Label("99th Percentile") @Timespan(Timespan.NANOSECONDS) long p99;
        @Label("Maximum") @Timespan(Timespan.NANOSECONDS) long max;
        @Label("Interval") @Timespan(Timespan.NANOSECONDS) long interval;
    }

    @Name("lwp4j.RecordsLost") @Label("Records Lost") @Category({"lwp4j", "Pipeline"}) @StackTrace(false)
    static final class RecordsLost extends Event {
        @Label("Lost") long lost;
        @Label("Total Lost") long totalLost;
    }

    @Name("lwp4j.BufferStatistics") @Label("Buffer Statistics") @Category({"lwp4j", "Pipeline"}) @StackTrace(false)
    static final class BufferStatistics extends Event {
        @Label("Live Buffers") long buffersLive;
        @Label("Locked") @DataAmount long lockedBytes;
        @Label("Locked Share") @Percentage double lockedShare;
    }

    @Name("lwp4j.AgentOptions") @Label("Agent Options") @Category({"lwp4j", "Agent"}) @StackTrace(false)
    static final class AgentOptions extends Event {
        @Label("Options") String options;
        @Label("Source") String source;
    }

    @Name("lwp4j.Drain") @Label("Drain Batch") @Category({"lwp4j", "Pipeline"}) @StackTrace(false)
    static final class Drain extends Event {
        @Label("Records") int records;
    }

    /** Records {@code syscalls} Syscall events and proportionally fewer of the others into {@code file}. */
    static void write(Path file, int syscalls) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        try (Recording recording = new Recording()) {
            for (Class<? extends Event> type : List.of(WriteFaultProbe.class, SyscallPathProbe.class, CodeLoadProbe.class,
                    Syscall.class, SyscallSummary.class, RecordsLost.class, BufferStatistics.class, AgentOptions.class, Drain.class)) {
                recording.enable(type);
            }
            for (String context : List.of("jdk.JVMInformation", "jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable")) {
                recording.enable(context);
            }
            recording.start();
            AgentOptions options = new AgentOptions();
            options.options = "buffer=256,syscalls=on,jfr=/tmp/app.jfr";
            options.source = "agent argument";
            options.commit();
            int batches = 40;
            long totalLost = 0;
            for (int batch = 0; batch < batches; batch++) {
                for (int i = 0; i < syscalls / batches; i++) {
                    Syscall s = new Syscall();
                    s.operation = OPERATIONS[Math.min(OPERATIONS.length - 1, (int) Math.abs(random.nextGaussian() * 3))];
                    s.channel = s.operation.equals("connect") || s.operation.equals("accept") ? "socket" : "file";
                    s.bytes = s.operation.contains("read") || s.operation.contains("write") ? random.nextInt(1, 65537) : 0;
                    s.callDuration = logNormal(random, 2_000, 1.0);
                    s.path = "/data/file-" + random.nextInt(80);
                    s.fd = 3 + random.nextInt(60);
                    s.drainDelay = logNormal(random, 300_000, 0.8);
                    s.commit();
                }
                for (String operation : List.of("read", "write", "force")) {
                    SyscallSummary summary = new SyscallSummary();
                    summary.operation = operation;
                    summary.count = random.nextInt(100, 200);
                    summary.rate = summary.count / 0.02;
                    summary.p50 = logNormal(random, 2_000, 0.1);
                    summary.p99 = summary.p50 * 10;
                    summary.max = summary.p99 + random.nextInt(50_000);
                    summary.interval = 1_000_000_000L;
                    summary.commit();
                }
                for (int i = 0; i < 25; i++) {
                    WriteFaultProbe p = new WriteFaultProbe();
                    p.receive = logNormal(random, 3_000, 0.4);
                    p.resolve = logNormal(random, 1_500, 0.3);
                    p.complete = logNormal(random, 900, 0.5);
                    p.total = p.receive + p.resolve + p.complete;
                    p.writerCpu = random.nextInt(2);
                    p.sequence = batch * 25L + i;
                    p.drainDelay = logNormal(random, 2_000_000, 0.5);
                    p.commit();
                }
                for (String call : CALLS) {
                    SyscallPathProbe p = new SyscallPathProbe();
                    p.call = call;
                    p.median = call.contains("vDSO") ? logNormal(random, 25, 0.1) : logNormal(random, 90, 0.2);
                    p.max = p.median * 3 + random.nextInt(1000);
                    p.burst = 64;
                    p.commit();
                }
                for (int s = 0; s < STRATEGIES.length; s++) {
                    CodeLoadProbe p = new CodeLoadProbe();
                    p.strategy = STRATEGIES[s];
                    p.keepsWxorX = !STRATEGIES[s].equals("memfd-dual");
                    p.median = logNormal(random, 40 - 7 * s, 0.2);
                    p.pages = 1;
                    p.commit();
                }
                if (batch % 10 == 3) {
                    RecordsLost lost = new RecordsLost();
                    lost.lost = random.nextInt(1, 500);
                    totalLost += lost.lost;
                    lost.totalLost = totalLost;
                    lost.commit();
                }
                BufferStatistics stats = new BufferStatistics();
                stats.buffersLive = 8 + random.nextInt(4);
                stats.lockedBytes = stats.buffersLive * 20480L;
                stats.lockedShare = stats.lockedBytes / (64.0 * 1024 * 1024);
                stats.commit();
                Drain drain = new Drain();
                drain.begin();
                Thread.sleep(0, 200_000);
                drain.records = random.nextInt(1, 4096);
                drain.commit();
                Thread.sleep(20);
            }
            recording.stop();
            recording.dump(file);
        }
    }

    /** Writes a fixture recording of {@code args[1]} Syscall events to {@code args[0]}, in a JVM of its own. */
    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    private static long logNormal(SplittableRandom random, double median, double sigma) {
        return Math.max(1, Math.round(median * Math.exp(sigma * random.nextGaussian())));
    }
}
