package io.lwp4j.cli.report;

import io.lwp4j.jfr.EventSpan;
import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.jfr.Lwp4jSettings;
import io.lwp4j.jfr.SyscallPathEnvironmentRecorder;
import io.lwp4j.jfr.events.SyscallEvent;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.SyscallLayout;
import io.lwp4j.sampler.probe.CodeLoadProbe;
import io.lwp4j.sampler.probe.SyscallProbe;
import io.lwp4j.sampler.tracking.WriteFaultCanary;
import io.lwp4j.sampler.tracking.WriteTrackingUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;
import jdk.jfr.Recording;

/**
 * A real recording, made the way the agent will make one: lwp4j's drain pipeline (jfr-events)
 * committing events under lwp4j.jfc over the JDK's default settings, while
 * <ul>
 * <li>the native syscall-path canary and code-loading probes measure this kernel, the canary
 *     with what its syscalls carry (lwp4j.SyscallPathEnvironment),</li>
 * <li>an application thread does file I/O and handles each call as the agent's I/O advice does:
 *     counts it in its own counts (lwp4j.SyscallSummary), commits its lwp4j.Syscall itself (this
 *     recording asks for every call) and writes its SYSCALL record,</li>
 * <li>the write-fault canary faults on its own page and times each step (where userfaultfd
 *     is allowed),</li>
 * <li>a thread with a 16-record buffer overflows it, so records are lost and counted.</li>
 * </ul>
 * Made once per test JVM, in {@code cli/target/pipeline-recording/lwp4j.jfr}.
 */
final class PipelineRecording {
    /** How long the sources run. */
    static final Duration LENGTH = Duration.ofMillis(2_500);
    /** LWP4J_SYSCALL_READ .. _OPEN and LWP4J_SYSCALL_FILE of lwp4j.h. */
    private static final int READ = 1, WRITE = 2, PREAD = 3, PWRITE = 4, FORCE = 5, OPEN = 6;
    private static final int FILE = 1;
    private static Path made;
    /** Whether the write-fault canary could run here (userfaultfd allowed). */
    static boolean canaryRan;

    private PipelineRecording() {
    }

    static synchronized Path file() throws Exception {
        if (made == null) {
            Path dir = Files.createDirectories(Path.of(System.getProperty("lwp4j.buildDir", "target"), "pipeline-recording"));
            made = write(dir.resolve("lwp4j.jfr"), dir.resolve("io-data"));
        }
        return made;
    }

    private static Path write(Path file, Path dataFile) throws Exception {
        SyscallProbe syscallCanary = SyscallProbe.get();
        CodeLoadProbe codeLoading = CodeLoadProbe.get();
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS.withCapacity(4096));
                JfrPipeline pipeline = JfrPipeline.start(session, DrainConfig.DEFAULTS);
                Recording recording = new Recording(Lwp4jSettings.with("default"))) {
            recording.enable("lwp4j.Syscall").with("callThreshold", "0 ns");
            recording.setDestination(file);
            recording.start();
            BufferRegistry registry = session.buffers();
            overflowATinyBuffer(session);
            syscallCanary.drainInto(registry);
            codeLoading.drainInto(registry);
            syscallCanary.start(Duration.ofMillis(20));
            SyscallPathEnvironmentRecorder.install();
            codeLoading.start(CodeLoadProbe.MIN_PERIOD);
            Thread io = new Thread(() -> fileIo(session, dataFile), "app-io");
            canaryRan = startWriteFaultCanary(registry);
            io.start();
            io.join();
            WriteFaultCanary.stop();
            syscallCanary.stop();
            codeLoading.stop();
            Thread.sleep(1_100); // one more period of the 1 s summaries
            recording.stop(); // ends the chunk: the environment's second report
            SyscallPathEnvironmentRecorder.uninstall();
        } finally {
            WriteFaultCanary.stop();
            syscallCanary.stop();
            codeLoading.stop();
        }
        return file;
    }

    /** Reads, writes, positional I/O, force and open on one file, each call timed and recorded. */
    private static void fileIo(SamplingSession session, Path dataFile) {
        RingBuffer buffer = session.threadBuffers().current();
        ThreadIoCounts counts = session.ioCounts().register(Thread.currentThread());
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer block = ByteBuffer.allocateDirect(64 * 1024);
        long end = System.nanoTime() + LENGTH.toNanos();
        try {
            for (int round = 0; System.nanoTime() < end; round++) {
                long start = System.nanoTime();
                try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
                    record(buffer, counts, dataFile, OPEN, start, System.nanoTime() - start, 0, -1, -1);
                    for (int i = 0; i < 40; i++) {
                        int size = 512 << random.nextInt(8);
                        long position = random.nextLong(0, 1 << 22);
                        int operation = random.nextInt(READ, FORCE);
                        block.clear().limit(size);
                        start = System.nanoTime();
                        int moved = switch (operation) {
                            case READ -> channel.read(block);
                            case WRITE -> channel.write(block);
                            case PREAD -> channel.read(block, position);
                            default -> channel.write(block, position);
                        };
                        long duration = System.nanoTime() - start;
                        boolean positional = operation == PREAD || operation == PWRITE;
                        record(buffer, counts, dataFile, operation, start, duration, moved, size, positional ? position : -1);
                    }
                    start = System.nanoTime();
                    channel.force(round % 4 == 0);
                    record(buffer, counts, dataFile, FORCE, start, System.nanoTime() - start, 0, -1, -1);
                }
                Thread.sleep(2);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the I/O of the test recording failed", e);
        } finally {
            session.threadBuffers().release();
            session.ioCounts().threadEnded(counts);
        }
    }

    /**
     * One call as the agent handles it: counted, its lwp4j.Syscall committed by this thread, its
     * LWP4J_REC_SYSCALL record (times in ns, the payload words of lwp4j.h) written.
     */
    private static void record(RingBuffer buffer, ThreadIoCounts counts, Path file, int operation, long start, long nanos,
            long result, long requested, long position) {
        long bytes = operation <= PWRITE && result > 0 ? result : 0;
        counts.count(ThreadIoCounts.pair(operation, FILE), nanos, bytes);
        SyscallEvent e = new SyscallEvent();
        EventSpan.spanLast(e, nanos);
        e.callTime = nanos;
        e.operation = SyscallLayout.operationName(operation);
        e.kind = SyscallLayout.kindName(FILE);
        e.fd = -1;
        e.path = file.toString();
        e.bytes = bytes;
        e.result = result;
        e.requested = requested;
        e.position = position;
        e.error = "none";
        e.commit();
        buffer.append(RecordType.SYSCALL.code(), RecordLayout.FLAG_TIME_NS, start, nanos, result, requested, position,
                (-1L & 0xffff_ffffL) | (long) operation << 32 | (long) FILE << 40
                        | (long) SyscallLayout.FLAG_SLOW << 48, Thread.currentThread().threadId());
    }

    /**
     * The write-fault canary (write tracking) with its process-wide buffer in the drain, as the
     * agent wires it; false where userfaultfd is refused, as lwp4j itself then runs without it.
     */
    private static boolean startWriteFaultCanary(BufferRegistry registry) {
        try {
            WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(Duration.ofMillis(10)));
        } catch (WriteTrackingUnavailableException refused) {
            System.err.println("test recording without write-fault probes: " + refused.getMessage());
            return false;
        }
        registry.register(WriteFaultCanary.records());
        return true;
    }

    private static void overflowATinyBuffer(SamplingSession session) throws InterruptedException {
        session.buffers().configure(BufferConfig.DEFAULTS.withCapacity(16));
        Thread lossy = new Thread(() -> {
            RingBuffer buffer = session.threadBuffers().current();
            for (int i = 0; i < 400; i++) buffer.append(RecordType.USER.code(), RecordLayout.FLAG_TIME_NS, System.nanoTime(), i, 0, 0, 0, 0, 0);
            session.threadBuffers().release();
        }, "lossy");
        lossy.start();
        lossy.join();
        session.buffers().configure(BufferConfig.DEFAULTS.withCapacity(4096));
    }
}
