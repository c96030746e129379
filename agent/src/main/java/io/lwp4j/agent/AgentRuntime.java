package io.lwp4j.agent;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.jfr.CallThreshold;
import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.jfr.Lwp4jSettings;
import io.lwp4j.jfr.WarningRecorder;
import io.lwp4j.jfr.events.AgentOptionsEvent;
import io.lwp4j.metrics.Features;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.BufferBudgetException;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.BufferMappingException;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.CarrierThreads;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.RingProducer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.SyscallRecords;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.internal.LibLwp4j;
import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.internal.NativeRegistry;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.IoHistogramScheme;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import io.lwp4j.sampler.layout.RecordLayout;
import io.lwp4j.sampler.layout.RecordType;
import io.lwp4j.sampler.layout.RingBufferLayout;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;

/**
 * Starts lwp4j in this JVM, in this order: options; the heap budget ({@link HeapBudget}: off in
 * too small a heap, reduced in a small one); native access; the native library and the
 * buffer configuration; buffers and I/O counts bound to carrier threads; the drain pipeline
 * (into JFR unless {@code jfr=off}) with the dump handler; the agent's own recording for {@code
 * jfr=<file>}; the fleet view (Prometheus endpoint, MBean); the native samplers; the recorder and its exit report; the advice. A step that the environment
 * refuses is one warning naming the cause and the fix: the core steps leave lwp4j off, an
 * optional one leaves that part off; the application is never affected.
 */
public final class AgentRuntime {
    /**
     * Set in the host when lwp4j has started, to the agent argument it started with: {@code
     * ./lwp4j attach} reads it back (the attach API's system properties) to say what the target
     * did with its load, since the agent's warnings go to the target's stderr.
     */
    public static final String STARTED_PROPERTY = "lwp4j.agent.started";
    private static volatile boolean started;
    private static String startedWith;
    private static volatile int ignoredLoads;

    private AgentRuntime() {}

    /** Called reflectively by {@link AgentBootstrap} once {@code Hooks} is in the boot loader. */
    public static synchronized void start(String agentArgument, Instrumentation inst, boolean attached) {
        AgentOptions options = AgentOptions.fromAgentArgument(agentArgument);
        if (options.helpRequested()) {
            System.err.print(AgentOptions.help());
            return;
        }
        if (started) {
            int load = ++ignoredLoads + 1;
            Warnings.warnOnce("started-again-" + load, "lwp4j is already running in this JVM with the options '"
                    + startedWith + "'; the options '" + (agentArgument == null ? "" : agentArgument) + "' of load "
                    + load + " are ignored");
            return;
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        HeapBudget budget = HeapBudget.of(maxHeap);
        if (budget != HeapBudget.FULL) Warnings.warnOnce("heap-budget", budget.warning(maxHeap));
        if (budget == HeapBudget.OFF) return;
        if (!JdkAccess.enableNativeAccess()) {
            Warnings.warnOnce("native-access", "lwp4j is off: this JVM denies native access to class-path code "
                    + "(--illegal-native-access=deny); add --enable-native-access=ALL-UNNAMED");
            return;
        }
        ThreadLocal<ThreadIoCounts> countsOfCarrier;
        SamplingSession session = null;
        try {
            session = SamplingSession.openCarrierBound(options.bufferConfig(), JdkAccess.carrierThreadLocal());
            session.buffers().configure(options.bufferConfig()); // loads liblwp4j now: its refusal is this warning
            countsOfCarrier = JdkAccess.carrierThreadLocal();
        } catch (Throwable t) {
            if (session != null) session.close(); // the application may open one of its own
            Warnings.warnOnce("native-library", "lwp4j is off: its native library or ring buffers are unavailable ("
                    + AgentBootstrap.describe(t) + "); lwp4j needs Linux x86-64 and a java.io.tmpdir that allows executables");
            return;
        }
        Lwp4j.setSession(session);
        Features features = new Features();
        SyscallSummary summary = summary(options);
        RecordDump dump = dump(options);
        JfrPipeline jfr;
        DrainPipeline pipeline;
        try {
            DrainConfig config = budget.drainConfig(DrainConfig.DEFAULTS.withIdleWait(options.get(AgentOptions.DRAIN_WAIT)));
            jfr = options.get(AgentOptions.JFR) == Destination.OFF ? null
                    : JfrPipeline.start(session, config, handlers(dump));
            pipeline = jfr != null ? jfr.pipeline() : session.startDrain(config, handlers(dump));
        } catch (RuntimeException | LinkageError e) {
            Warnings.warnOnce("pipeline", "lwp4j is off: its drain pipeline did not start (" + AgentBootstrap.describe(e)
                    + ")");
            return;
        }
        if (jfr != null && options.get(AgentOptions.JFR) instanceof Destination.File file) {
            startRecording(Path.of(file.path()), options.get(AgentOptions.JFR_THRESHOLD));
        }
        if (jfr != null) {
            whenJfrStarts(() -> {
                WarningRecorder.install(); // what was refused, in the recording too
                AgentOptionsEvent.recordAtEveryChunk(agentArgument == null ? "" : agentArgument, attached,
                        () -> ignoredLoads);
            });
        }
        FleetView.start(options, session, features, jfr != null && FlightRecorder.isAvailable(),
                budget.allowsMBean());
        Samplers.start(options, session.buffers(), features);
        SyscallsMode syscalls = options.get(AgentOptions.SYSCALLS);
        BitSet operations = syscalls == SyscallsMode.OFF ? new BitSet() : options.get(AgentOptions.OPS);
        session.ioCounts().sampleEvery(syscalls == SyscallsMode.RECORDS ? 1 : options.get(AgentOptions.SAMPLE));
        SyscallRecorder recorder = new SyscallRecorder(session.threadBuffers(), countsOfCarrier, session.ioCounts(),
                options.get(AgentOptions.JFR_THRESHOLD).toNanos(), options.get(AgentOptions.EAGER_BUFFERS),
                syscalls == SyscallsMode.RECORDS, jfr != null ? jfr::isRegisteredWithJfr : () -> false);
        CallThreshold.onChange(() -> recorder.recordingThresholdChanged(CallThreshold.activeNanos()));
        recorder.recordingThresholdChanged(CallThreshold.activeNanos());
        if (summary != null || dump != null) {
            ExitReport.register(new ExitReport(pipeline, session.ioCounts(), jfr, summary, dump, recorder));
        }
        List<Class<?>> advisedNow = JdkInstrumentation.install(inst, true, operations);
        loadRecordPath(advisedNow);   // before the advice calls anything: Hooks.install
        Hooks.install(recorder);
        startedWith = agentArgument == null ? "" : agentArgument;
        started = true;
        System.setProperty(STARTED_PROPERTY, startedWith);
        if (!attached) {
            recorder.onThreadStart();   // premain runs on the thread that will run main()
        }
    }

    /**
     * Runs {@code addHooks} (periodic events) once JFR is initialized: at once if it is, else when
     * the first recording is made, as JfrPipeline registers the pipeline's events (see its class
     * comment). The first periodic event added starts JFR's metadata, about 0.1 s of the start,
     * which a JVM that never records should not pay. Nothing when JFR is unavailable.
     */
    static void whenJfrStarts(Runnable addHooks) {
        if (!FlightRecorder.isAvailable()) return;
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                addHooks.run();
            }
        });
    }

    private static SyscallSummary summary(AgentOptions options) {
        Destination target = options.get(AgentOptions.SUMMARY);
        return target == Destination.OFF ? null : new SyscallSummary(target);
    }

    private static RecordDump dump(AgentOptions options) {
        Destination target = options.get(AgentOptions.DUMP);
        return target == Destination.OFF ? null : RecordDump.open(target);
    }

    private static Map<String, DrainHandler> handlers(RecordDump dump) {
        Map<String, DrainHandler> handlers = new LinkedHashMap<>();
        if (dump != null) handlers.put("dump", dump);
        return handlers;
    }

    /**
     * {@code jfr=<file>}: a recording of its own with the JDK's default settings and lwp4j.jfc,
     * written to the file when the JVM exits (lwp4j's records are drained into it first: see
     * {@link JfrPipeline}).
     */
    private static void startRecording(Path file, Duration syscallThreshold) {
        if (!FlightRecorder.isAvailable()) {
            Warnings.warnOnce("jfr-recording", "jfr=" + file + ": JFR is not available in this JVM "
                    + "(-XX:-FlightRecorder?); no recording is written");
            return;
        }
        try {
            Map<String, String> settings = Lwp4jSettings.with("default");
            settings.put("lwp4j.Syscall#callThreshold", syscallThreshold.toNanos() + " ns");
            Recording recording = new Recording(settings);
            recording.setName("lwp4j");
            recording.setToDisk(true);
            recording.setDestination(file);
            recording.setDumpOnExit(true);
            keepChunksBeside(file);
            recording.start();
        } catch (Exception e) {
            Warnings.warnOnce("jfr-recording", "jfr=" + file + ": the recording did not start ("
                    + AgentBootstrap.describe(e) + "); check the path and its directory's permissions");
        }
    }

    /**
     * Puts the JVM's JFR repository in the directory of the agent's recording, so a JVM that
     * dies before writing {@code file} (SIGKILL, OOM killer, crash) leaves the chunks JFR flushed
     * each second beside it, for {@code ./lwp4j report file} to recover (the CLI's LeftoverChunks).
     * At a normal exit JFR deletes them. A repository set on the command line is left alone, and
     * named in one line.
     */
    private static void keepChunksBeside(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.contains("repository="))) {
            Warnings.warnOnce("jfr-repository", "jfr=" + file + ": this JVM's JFR repository was set on its command "
                    + "line, so if the JVM dies before writing " + file + " its chunks are there ("
                    + System.getProperty("jdk.jfr.repository") + "), not beside it");
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "jfrConfigure", new Object[] {new String[] {"repositorypath=" + dir}},
                    new String[] {String[].class.getName()});
        } catch (Exception e) {
            Warnings.warnOnce("jfr-repository", "jfr=" + file + ": its chunks cannot be kept beside it ("
                    + AgentBootstrap.describe(e) + "); if the JVM dies before writing it they are in "
                    + System.getProperty("jdk.jfr.repository"));
        }
    }

    /**
     * Loads and initialises every class a call's count and record pass through before any advice
     * runs. Loading a class from the agent jar reads the jar, which is I/O the advice counts: a
     * class first needed in the middle of counting would be loaded from inside it. (A slow
     * call's event classes load with JFR's registration; nothing here touches JFR, which a JVM
     * that never records should not start.)
     */
    private static void loadRecordPath(List<Class<?>> advised) {
        Class<?>[] path = {SyscallRecorder.class, ThreadIoCounts.class, IoCounts.class, IoHistogramScheme.class,
            ThreadBuffers.class, RingBuffer.class, RingProducer.class, RecordClock.class, SyscallRecords.class,
            SyscallLayout.class, CarrierThreads.class, AgentThread.class, BufferRegistry.class,
            BufferBudgetException.class, BufferMappingException.class, Warnings.class, RecordType.class,
            LibLwp4j.class, NativeBuffers.class, NativeRegistry.class, NativeClock.class, BufferConfig.class,
            BufferStatistics.class, RingBufferLayout.class, RecordLayout.class, IoTargets.class, IoTargets.Target.class};
        for (Class<?> c : path) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(c.getName());
            }
        }
        RecordClock.now();
        IoTargets.prepare(advised);
    }
}
