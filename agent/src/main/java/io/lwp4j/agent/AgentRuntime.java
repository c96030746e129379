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
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import javax.management.ObjectName;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Starts lwp4j in this JVM in two parts.
 *
 * <p><b>Before {@code main}</b> ({@link #start}, on the thread that runs premain), only what the
 * application's first I/O call needs: the options; the heap budget ({@link HeapBudget}: off in
 * too small a heap, reduced in a small one); native access; the recorder, which counts each call
 * in Java ({@link ThreadIoCounts}, {@link System#nanoTime()}); the exit report; the advice. None
 * of it loads the native library or touches FFM, JFR or the drain pipeline.
 *
 * <p><b>Beside {@code main}</b> ({@link #finishStart}, on the daemon {@link AgentThread}
 * "lwp4j-start", whose own calls are not counted): the threads' advice (so an ended thread's
 * counts fold in exactly), then the <b>record path</b>: the native library and the buffer
 * configuration, the record clock, the drain pipeline (into JFR unless {@code jfr=off}) with the
 * dump handler, the fleet view, the native samplers; then it hands all that to the advice
 * (installing the recorder {@link SyscallRecorder#started} makes) and the exit report ({@link
 * ExitReport#started}), and sets {@value #STARTED_PROPERTY}. With {@code jfr=<file>}, or {@code
 * -XX:StartFlightRecording} on the command line, premain waits for it: the recording must hold
 * the application's start, and lwp4j's events must be registered before it can end, which needs
 * the drain pipeline (docs/OPTIONS.md, "Memory budget").
 *
 * <p><b>For its first consumer.</b> The record path costs an idle JVM some 40 MiB of RSS (issue
 * 16: heap touched before the first young GC, compiler arenas, metaspace), for nothing when
 * nobody reads what it makes. So it starts at once only when something consumes it from the
 * start ({@link #consumerAtStart}: a recording that holds the start, {@code summary=}, {@code
 * dump=}, {@code prometheus=}, {@code writetracking=}, {@code eagerbuffers=true}, {@code
 * syscalls=records}); else the
 * start thread sets {@value #WAITING_PROPERTY} and waits for the first of: a JFR recording
 * running, the platform MBean server ({@code jmx=true}), the library API ({@code Lwp4j}) asking
 * ({@link #watchForConsumers}); then the record path starts on an {@link AgentThread} of its own
 * ({@link AgentStart#consumerAppeared}), never on the application's thread. Until then calls are
 * counted as before the start has finished (below), and once the application has made {@value
 * #BUSY_CALLS} of them, timed by the record clock alone ({@link #bindRecordClock}): a JVM busy
 * with I/O pays the native library's few MiB for a cheaper clock, an idle one does not.
 *
 * <p><b>Ordering.</b> The start thread writes everything it makes (class initialisation of the
 * record path, the registry's configuration, the pipeline) before one volatile store, {@code
 * Hooks.install} of the started recorder ({@code sv}); an application thread's advice reaches a
 * recorder only by a volatile load of it ({@code lv}), so the started one sees all of it, and the
 * first one touches none of it: no class whose initialisation the start thread may be holding.
 * Until then the advice counts every call exactly, times it with {@link System#nanoTime()},
 * commits no JFR event and writes no record: a rare call's record is counted {@code unrecorded}
 * in the summary.
 *
 * <p>A step that the environment refuses is one warning naming the cause and the fix: the core
 * steps leave lwp4j off (the advice is removed), an optional one leaves that part off; the
 * application is never affected.
 */
public final class AgentRuntime {
    /**
     * Set in the host once lwp4j's start has finished, to the agent argument it started with:
     * {@code ./lwp4j attach} reads it back (the attach API's system properties) to say what the
     * target did with its load, since the agent's warnings go to the target's stderr.
     */
    public static final String STARTED_PROPERTY = "lwp4j.agent.started";
    /** Set from the end of premain until the start has finished or failed: {@code ./lwp4j attach} waits for it. */
    public static final String STARTING_PROPERTY = "lwp4j.agent.starting";
    /**
     * Set while lwp4j counts the calls and its record path waits for its first consumer (the
     * class comment), to the agent argument: {@code ./lwp4j attach} takes it as started.
     */
    public static final String WAITING_PROPERTY = "lwp4j.agent.waiting";
    /** {@code jfr=<file>}: how long premain waits for the start, so that the recording holds the application's. */
    private static final Duration RECORDING_START_WAIT = Duration.ofSeconds(60);
    /** Calls after which a JVM whose record path waits for a consumer times them by the record clock. */
    static final long BUSY_CALLS = 100_000;
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
        if (!JdkInternals.enableNativeAccess()) {
            Warnings.warnOnce("native-access", "lwp4j is off: this JVM denies native access to class-path code "
                    + "(--illegal-native-access=deny); add --enable-native-access=ALL-UNNAMED");
            return;
        }
        ThreadLocal<ThreadIoCounts> countsOfCarrier;
        SamplingSession session;
        try {
            // opening loads nothing native: the start thread configures its buffers
            session = SamplingSession.openCarrierBound(options.bufferConfig(), JdkInternals.carrierThreadLocal());
            countsOfCarrier = JdkInternals.carrierThreadLocal();
        } catch (Throwable t) {
            Warnings.warnOnce("carrier-threads", "lwp4j is off: it cannot reach the carriers of virtual threads ("
                    + AgentBootstrap.describe(t) + ")");
            return;
        }
        SyscallsMode syscalls = options.get(AgentOptions.SYSCALLS);
        BitSet operations = syscalls == SyscallsMode.OFF ? new BitSet() : options.get(AgentOptions.OPS);
        session.ioCounts().sampleEvery(syscalls == SyscallsMode.RECORDS ? 1 : options.get(AgentOptions.SAMPLE));
        SyscallRecorder recorder = new SyscallRecorder(session.threadBuffers(), countsOfCarrier, session.ioCounts(),
                options.get(AgentOptions.JFR_THRESHOLD).toNanos(), options.get(AgentOptions.EAGER_BUFFERS),
                syscalls == SyscallsMode.RECORDS);
        SyscallSummary summary = summary(options);
        RecordDump dump = dump(options);
        ExitReport report = summary != null || dump != null
                ? new ExitReport(session.ioCounts(), summary, dump, recorder) : null;
        if (report != null) ExitReport.register(report);
        // the I/O advice before main; the threads' (java.lang.Thread, the largest class to
        // retransform) on the start thread: a thread that ends before it is folded by IoCounts
        SiteTransformer ioAdvice = JdkInstrumentation.install(inst, false, operations);
        loadCountingPath();   // before the advice calls anything: Hooks.install
        Hooks.install(recorder);
        startedWith = agentArgument == null ? "" : agentArgument;
        started = true;
        if (!attached) {
            recorder.onThreadStart();   // premain runs on the thread that will run main()
        }
        AgentStart.begin();
        System.setProperty(STARTING_PROPERTY, startedWith);
        Start start = new Start(options, budget, agentArgument, attached, inst, session, recorder, dump, report,
                ioAdvice);
        new AgentThread("lwp4j-start", start).start();
        if (recordingHoldsTheStart(options) && !AgentStart.await(RECORDING_START_WAIT)) {
            Warnings.warnOnce("jfr-recording-late", "lwp4j's start took over " + RECORDING_START_WAIT + " (jfr="
                    + options.get(AgentOptions.JFR) + "); the recording misses lwp4j's events until it is done");
        }
    }

    /**
     * Whether a JFR recording must hold lwp4j's events from the application's start, so premain
     * waits for the start: the agent's own ({@code jfr=<file>}), or one started on the command
     * line ({@code -XX:StartFlightRecording}) that lwp4j joins ({@code jfr=join}); lwp4j's events
     * must be registered before such a recording can end, and a short program ends it at once.
     */
    private static boolean recordingHoldsTheStart(AgentOptions options) {
        Destination jfr = options.get(AgentOptions.JFR);
        if (jfr == Destination.OFF) return false;
        if (jfr != Destination.JOIN) return true;
        for (String argument : JdkInternals.jvmArguments()) {
            if (argument.startsWith("-XX:StartFlightRecording")) return true;
        }
        return false;
    }

    /**
     * What premain hands to the start thread: {@code ioAdvice}, the I/O advice's transformer (its
     * classes loaded before premain were retransformed there). Runs the start's second part on
     * the start thread (a Runnable of its own rather than a lambda: one class less spun in premain).
     */
    private record Start(AgentOptions options, HeapBudget budget, String agentArgument, boolean attached,
            Instrumentation inst, SamplingSession session, SyscallRecorder recorder, RecordDump dump,
            ExitReport report, SiteTransformer ioAdvice) implements Runnable {
        @Override
        public void run() {
            finishStart(this);
        }
    }

    /**
     * The start's second part (see the class comment), on "lwp4j-start": the threads' advice,
     * then the record path now if something consumes it already, else the watch for its first
     * consumer. {@link AgentStart#finished()} ends the record path's start, or this one's failure.
     */
    private static void finishStart(Start start) {
        try {
            JdkInstrumentation.warnOfMissingSites(start.ioAdvice());
            JdkInstrumentation.warnOfMissingSites(JdkInstrumentation.install(start.inst(), true, new BitSet()));
        } catch (Throwable t) {
            Hooks.install(null);
            Warnings.warnOnce("start", "lwp4j is off: its start failed (" + AgentBootstrap.describe(t) + ")");
            System.clearProperty(STARTING_PROPERTY);
            AgentStart.finished();
            return;
        }
        boolean consumed = consumerAtStart(start.options());
        if (!consumed) {
            // set before the record path can start and clear it (its end does), so never left behind
            System.setProperty(WAITING_PROPERTY, startedWith);
            consumed = !AgentStart.waitForConsumer(new RecordPathStart(start));
        }
        if (consumed) {
            finishRecordPath(start);
            return;
        }
        System.clearProperty(STARTING_PROPERTY);
        watchForConsumers(start);
    }

    /** Starts the record path on the thread it runs on, for the first consumer that appeared later. */
    private record RecordPathStart(Start start) implements Runnable {
        @Override
        public void run() {
            finishRecordPath(start);
        }
    }

    /** Starts the record path (see the class comment); ends with {@link AgentStart#finished()}. */
    private static void finishRecordPath(Start start) {
        try {
            if (startRecordPath(start)) {
                System.setProperty(STARTED_PROPERTY, startedWith);
            } else {
                Hooks.install(null);   // lwp4j is off: the warning said why
            }
        } catch (Throwable t) {
            Hooks.install(null);
            Warnings.warnOnce("start", "lwp4j is off: its start failed (" + AgentBootstrap.describe(t) + ")");
        } finally {
            System.clearProperty(STARTING_PROPERTY);
            System.clearProperty(WAITING_PROPERTY);
            AgentStart.finished();
        }
    }

    /**
     * Whether something consumes the record path from the start, so it starts at once rather
     * than for its first consumer: a recording that must hold the start ({@link
     * #recordingHoldsTheStart}), the exit report, a dump, the Prometheus endpoint, write
     * tracking, buffers asked for up front, or a record for every call ({@code syscalls=records}:
     * asked for by name, so its records are written from the start, as its cost says).
     */
    private static boolean consumerAtStart(AgentOptions options) {
        return recordingHoldsTheStart(options) || options.get(AgentOptions.SUMMARY) != Destination.OFF
                || options.get(AgentOptions.DUMP) != Destination.OFF
                || !options.get(AgentOptions.PROMETHEUS).equals("off")
                || options.get(AgentOptions.WRITE_TRACKING) != WriteTrackingMode.OFF
                || options.get(AgentOptions.EAGER_BUFFERS) || options.get(AgentOptions.SYSCALLS) == SyscallsMode.RECORDS;
    }

    /**
     * Waits, on the start thread, for the record path's first consumer beyond the library API
     * ({@code Lwp4j}, which asks itself): a JFR recording that runs (started later, or running
     * already when lwp4j was attached), unless {@code jfr=off}; and with {@code jmx=true}, the
     * platform MBean server, which someone made to read MBeans (the application, a JMX agent,
     * JConsole or JMC attaching): the MBean is registered with the record path, whose figures it
     * shows. Adding a JFR listener does not initialise JFR (FlightRecorder.addListener only keeps
     * it until JFR is). Meanwhile, once the application has made {@value #BUSY_CALLS} calls, it
     * binds the record clock alone ({@link #bindRecordClock}). Looks each {@link
     * FleetView#PLATFORM_SERVER_CHECK}; ends when a consumer has asked, or when nothing is left
     * to look for.
     */
    private static void watchForConsumers(Start start) {
        AgentOptions options = start.options();
        if (options.get(AgentOptions.JFR) != Destination.OFF && FlightRecorder.isAvailable()) {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    if (recording.getState() == RecordingState.RUNNING) AgentStart.consumerAppeared();
                }
            });
            if (FlightRecorder.isInitialized()) {
                for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
                    if (recording.getState() == RecordingState.RUNNING) AgentStart.consumerAppeared();
                }
            }
        }
        boolean watchServer = options.get(AgentOptions.JMX) && start.budget().allowsMBean();
        boolean clockTried = false;
        while (!AgentStart.consumerAsked()) {
            if (watchServer && FleetView.platformServerExists()) {
                AgentStart.consumerAppeared();
                return;
            }
            if (!clockTried && start.session().ioCounts().calls() >= BUSY_CALLS) {
                clockTried = true;
                bindRecordClock(start.recorder());
            }
            if (clockTried && !watchServer) return;
            LockSupport.parkNanos(FleetView.PLATFORM_SERVER_CHECK.toNanos());
        }
    }

    /**
     * The record clock for a JVM busy with I/O whose record path waits for a consumer: rdtsc
     * through liblwp4j costs some 19 ns a read less than {@code nanoTime} on these machines, two
     * reads a call (BENCHMARKS.md, "Agent overhead"), for the native library and one FFM binding,
     * some 10 MiB of RSS that an idle JVM does not pay. Installed only while no consumer has
     * asked (the record path's start installs its own recorder after that). A refusal leaves the
     * calls on {@code nanoTime}; the record path's start, if one comes, says why.
     */
    private static void bindRecordClock(SyscallRecorder recorder) {
        try {
            initialise(LibLwp4j.class, NativeClock.class, RecordClock.class);
            RecordClock.now();
        } catch (Throwable t) {
            return;
        }
        AgentStart.beforeAnyConsumer(() -> Hooks.install(recorder.recordClockBound()));
    }

    /** True when lwp4j runs; false after the warning that says why not. */
    private static boolean startRecordPath(Start start) {
        AgentOptions options = start.options();
        HeapBudget budget = start.budget();
        SamplingSession session = start.session();
        SyscallRecorder recorder = start.recorder();
        JdkInternals.grantRecordPath(start.inst());   // a refusal: finishRecordPath's warning
        try {
            session.buffers().configure(options.bufferConfig()); // loads liblwp4j now: its refusal is this warning
            loadRecordPath(start.ioAdvice().loadedBefore());
        } catch (Throwable t) {
            session.close(); // the application may open one of its own
            Warnings.warnOnce("native-library", "lwp4j is off: its native library or ring buffers are unavailable ("
                    + AgentBootstrap.describe(t) + "); lwp4j needs Linux x86-64 and a java.io.tmpdir that allows executables");
            return false;
        }
        JfrPipeline jfr;
        DrainPipeline pipeline;
        try {
            DrainConfig config = budget.drainConfig(DrainConfig.DEFAULTS.withIdleWait(options.get(AgentOptions.DRAIN_WAIT)));
            jfr = options.get(AgentOptions.JFR) == Destination.OFF ? null
                    : JfrPipeline.start(session, config, handlers(start.dump()));
            pipeline = jfr != null ? jfr.pipeline() : session.startDrain(config, handlers(start.dump()));
        } catch (RuntimeException | LinkageError e) {
            Warnings.warnOnce("pipeline", "lwp4j is off: its drain pipeline did not start (" + AgentBootstrap.describe(e)
                    + ")");
            return false;
        }
        if (jfr != null && options.get(AgentOptions.JFR) instanceof Destination.File file) {
            startRecording(Path.of(file.path()), options.get(AgentOptions.JFR_THRESHOLD));
        }
        if (jfr != null) {
            whenJfrStarts(() -> {
                WarningRecorder.install(); // what was refused, in the recording too
                AgentOptionsEvent.recordAtEveryChunk(start.agentArgument() == null ? "" : start.agentArgument(),
                        start.attached(), () -> ignoredLoads);
            });
        }
        Features features = new Features();
        FleetView.start(options, session, features, jfr != null && FlightRecorder.isAvailable(), budget.allowsMBean());
        SyscallRecorder running = recorder.started(jfr != null ? jfr::isRegisteredWithJfr : () -> false);
        CallThreshold.onChange(() -> running.recordingThresholdChanged(CallThreshold.activeNanos()));
        running.recordingThresholdChanged(CallThreshold.activeNanos());
        if (start.report() != null) start.report().started(pipeline, jfr);
        Lwp4j.setSession(session);
        // the record path is complete: from here the application's threads may make buffers and
        // events (the process-wide buffers were made with the pipeline, before any of theirs)
        Hooks.install(running);
        Samplers.start(options, session.buffers(), features);
        return true;
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
        if (JdkInternals.jvmArguments().stream().anyMatch(a -> a.contains("repository="))) {
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
     * Loads and initialises every class a call's count passes through before any advice runs.
     * Loading a class from the agent jar reads the jar, which is I/O the advice counts: a class
     * first needed in the middle of counting would be loaded from inside it. Nothing here binds
     * native code: that is {@link #loadRecordPath}'s, on the start thread.
     */
    private static void loadCountingPath() {
        initialise(SyscallRecorder.class, ThreadIoCounts.class, IoCounts.class, IoHistogramScheme.class,
                ThreadBuffers.class, SyscallLayout.class, CarrierThreads.class, AgentThread.class, Warnings.class,
                AgentStart.class);
    }

    /**
     * Loads and initialises, on the start thread, every class a rare call's record passes
     * through, before the recorder is told the start has finished: so the application's threads
     * neither load them from inside a count nor wait for their initialisation (the native
     * bindings among them). A slow call's event classes load with JFR's registration; nothing
     * here touches JFR, which a JVM that never records should not start. {@code advised}: the
     * advised classes loaded before premain, whose descriptors a record names ({@link IoTargets}).
     */
    private static void loadRecordPath(List<Class<?>> advised) {
        initialise(IoTargets.class, IoTargets.Target.class, RingBuffer.class, RingProducer.class, RecordClock.class,
                SyscallRecords.class, BufferRegistry.class, BufferBudgetException.class, BufferMappingException.class,
                RecordType.class, LibLwp4j.class, NativeBuffers.class, NativeRegistry.class, NativeClock.class,
                BufferConfig.class, BufferStatistics.class, RingBufferLayout.class, RecordLayout.class);
        RecordClock.now();
        IoTargets.prepare(advised);
    }

    /** Loads and initialises {@code classes} now (see {@link #loadCountingPath}). */
    static void initialise(Class<?>... classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(c.getName());
            }
        }
    }
}
