package io.lwp4j.demo;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.agent.Lwp4j;
import io.lwp4j.demo.jit.CodeRegions;
import io.lwp4j.demo.jit.JitModule;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.probe.CodeLoadProbe;
import io.lwp4j.sampler.probe.CodeLoadResult;
import io.lwp4j.sampler.probe.CodeLoadStrategy;
import io.lwp4j.sampler.tracking.TrackedRange;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * A JIT-like runtime that watches itself: it measures what loading code costs on this kernel
 * with lwp4j's code-loading probe, reads the figures straight out of the probe's ring buffer
 * (zero copy, no JFR), picks the cheapest strategy its W^X policy allows, then compiles,
 * loads and runs fresh modules with it, as a Wasm runtime does per request. Each module's
 * instance memory is write-tracked, so the runtime also reads its own write-fault costs from
 * its thread's buffer; module code is cached to disk through ordinary file I/O; and the
 * runtime's state table (what each module last left) is checkpointed incrementally, copying
 * only the pages async write tracking found written since the last checkpoint.
 */
public final class JitDemo {
    static final int INSTANCE_PAGES = 8;
    static final int PAGE = 4096;
    /** The state table: one 64-byte entry per module key, keys spread over its pages. */
    static final int STATE_PAGES = 64;
    static final int STATE_ENTRY = 64;
    static final int STATE_KEYS = 4096;
    /** Modules between two incremental checkpoints. */
    static final int CHECKPOINT_EVERY = 20;

    private final DemoOptions options;
    private final PrintStream out;

    JitDemo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lwp4j-demo: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        new JitDemo(options, System.out).run();
    }

    /** What the run did, for the summary and the tests. */
    record Outcome(StrategyDecision decision, int modules, long functionsRun, long nanosPerModule,
                   long faultsSeen, long faultMedianNanos, long ownRecordsLost, long ioCalls, long checkpoints,
                   long checkpointPages) {}

    /**
     * Under the lwp4j agent, runs in the agent's session (its drain pipeline feeds the recording);
     * without it, in a session of its own, buffers and raw pollers only.
     */
    Outcome run() throws IOException, TimeoutException {
        Optional<SamplingSession> agents = Lwp4j.session();
        try (SamplingSession own = agents.isPresent() ? null : SamplingSession.open(BufferConfig.DEFAULTS)) {
            SamplingSession session = agents.orElse(own);
            DemoRecording recording = DemoRecording.start(session.drainPipeline(), out);
            Outcome o = runModules(session.threadBuffers().current());
            if (recording != null) {
                Path file = options.jfr().toAbsolutePath();
                say("recording " + file + ", lwp4j events:");
                for (DemoRecording.KindSummary k : recording.finish(file)) say("  " + k.line());
                say("inspect it: jfr summary " + file + " | jfr print --events lwp4j.WriteFault " + file
                        + " | open it in JDK Mission Control | ./lwp4j report " + file);
            }
            return o;
        }
    }

    /** {@code own}: this thread's buffer, which the write tracker's faults go to. */
    private Outcome runModules(RingBuffer own) throws IOException, TimeoutException {
        StrategyDecision decision = decide();
        say(decision.logLine());

        try (Arena arena = Arena.ofShared();
                RawPoller ownPoller = own.openPoller();
                WriteTrackerOrNone tracking = WriteTrackerOrNone.open(out)) {
            MemorySegment instance = arena.allocate((long) INSTANCE_PAGES * PAGE, PAGE);
            TrackedRange tracked = tracking.track(instance);
            MemorySegment state = arena.allocate((long) STATE_PAGES * PAGE, PAGE);
            Histogram faultNanos = new Histogram(3);
            long[] faults = {0};
            RawPoller.RecordHandler onOwnRecord = r -> {
                if (r.type() == RecordType.WRITE_FAULT) {
                    faults[0]++;
                    faultNanos.recordValue(own.cyclesToNanos(WriteFault.valueOf(r).handleCycles()));
                }
            };
            Path cache = Files.createTempFile("lwp4j-demo-", ".code");
            long ioCalls = 0, functions = 0;
            SplittableRandom rnd = new SplittableRandom(options.seed());
            long start = System.nanoTime();
            IncrementalCheckpoints checkpoints = IncrementalCheckpoints.open(state, arena, out);
            try (checkpoints; var region = CodeRegions.open(decision.chosen(), options.pages());
                    FileChannel file = FileChannel.open(cache, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (int m = 0; m < options.modules(); m++) {
                    if (tracked != null) tracked.rearm(); // a new instance: a new epoch
                    for (int p = 0; p < INSTANCE_PAGES; p++) {
                        instance.set(JAVA_LONG, (long) p * PAGE + 8 * (m % 64), rnd.nextLong()); // first write faults
                    }
                    for (int g = 0; g < 64; g++) instance.setAtIndex(JAVA_LONG, g, rnd.nextLong());
                    JitModule module = JitModule.generate(rnd, options.functions());
                    int ran = module.loadAndRun(region, instance, m % 100);
                    functions += ran;
                    long entry = (long) rnd.nextInt(STATE_KEYS) * STATE_ENTRY; // the module's key
                    state.set(JAVA_LONG, entry, m);
                    state.set(JAVA_LONG, entry + 8, state.get(JAVA_LONG, entry + 8) + ran);
                    if ((m + 1) % CHECKPOINT_EVERY == 0) checkpoints.take();
                    if (m % options.cacheEvery() == 0) ioCalls += cacheModule(file, m);
                    ownPoller.poll(onOwnRecord, Integer.MAX_VALUE); // 8 faults a module: never a full lap behind
                }
                checkpoints.take(); // the last modules' changes
            } finally {
                Files.deleteIfExists(cache);
            }
            long elapsed = System.nanoTime() - start;
            while (ownPoller.poll(onOwnRecord, Integer.MAX_VALUE) > 0) {
                // the last records of the run
            }
            if (tracked != null) tracked.close();
            Outcome o = new Outcome(decision, options.modules(), functions, elapsed / options.modules(), faults[0],
                    faults[0] == 0 ? 0 : faultNanos.getValueAtPercentile(50), own.lost(), ioCalls,
                    checkpoints.checkpoints(), checkpoints.pagesCopied());
            say(String.format("ran %d modules (%d functions) with %s: %.2f us per module", o.modules(), o.functionsRun(),
                    decision.chosen(), o.nanosPerModule() / 1e3));
            say(tracked == null ? "write tracking was off: no fault figures"
                    : String.format("own ring buffer: %d write faults on module instance memory, handler median %.2f us,"
                            + " %d records lost", o.faultsSeen(), o.faultMedianNanos() / 1e3, o.ownRecordsLost()));
            say(checkpoints.summary());
            return o;
        }
    }

    /** Runs the code-loading probe and reads its run straight out of the probe's buffer. */
    StrategyDecision decide() throws TimeoutException {
        CodeLoadProbe probe = CodeLoadProbe.get();
        Duration timeout = Duration.ofSeconds(30);
        probe.runOnce(timeout); // starts the probe thread (on demand) so its buffer exists
        Map<CodeLoadStrategy, CodeLoadResult> run = new EnumMap<>(CodeLoadStrategy.class);
        try (RawPoller poller = probe.buffer().openPoller()) {
            long wanted = probe.runOnce(timeout).run();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (run.size() < CodeLoadStrategy.values().length && System.nanoTime() < deadline) {
                poller.poll(r -> {
                    if (r.type() != RecordType.CODE_LOAD_PROBE) return;
                    CodeLoadResult c = CodeLoadResult.of(r);
                    if (c.run() == wanted) run.put(c.strategy(), c);
                }, Integer.MAX_VALUE);
            }
        }
        if (run.size() < CodeLoadStrategy.values().length) {
            throw new TimeoutException("the code-loading probe's records did not arrive: " + run.keySet());
        }
        return StrategyDecision.from(run, options.policy())
                .orElseThrow(() -> new IllegalStateException("the kernel refused every code-loading strategy that policy "
                        + options.policy() + " allows"));
    }

    /** Writes the module's code image to the cache file and reads it back. */
    private static int cacheModule(FileChannel file, int module) throws IOException {
        ByteBuffer image = ByteBuffer.allocate(PAGE);
        image.putInt(0, module);
        file.write(image, 0);
        file.force(false);
        ByteBuffer back = ByteBuffer.allocate(PAGE);
        file.read(back, 0);
        if (back.getInt(0) != module) throw new IOException("code cache read back module " + back.getInt(0));
        return 3;
    }

    private void say(String line) {
        out.println("lwp4j-demo: " + line);
    }
}
