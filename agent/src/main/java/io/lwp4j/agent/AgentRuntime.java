package io.lwp4j.agent;

import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.CarrierThreads;
import io.lwp4j.sampler.RecordClock;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SyscallRecords;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Starts lwp4j in this JVM, in this order: options; access to JDK internals; the native
 * library and buffer configuration; buffers bound to carrier threads; the drainer and its
 * sinks; the recorder; the advice. Each step that the environment refuses ends the start with
 * one warning naming the cause and the fix; the application is never affected.
 */
public final class AgentRuntime {
    private static volatile boolean started;

    private AgentRuntime() {}

    /** Called reflectively by {@link Lwp4jAgent} once {@code Hooks} is on the bootstrap path. */
    public static synchronized void start(String agentArgument, Instrumentation inst, boolean attached) {
        AgentOptions options = AgentOptions.fromAgentArgument(agentArgument);
        if (options.helpRequested()) {
            System.err.print(AgentOptions.help());
            return;
        }
        if (started) {
            Warnings.warnOnce("started-twice", "lwp4j is already running in this JVM; the options '" + agentArgument
                    + "' of this second load are ignored");
            return;
        }
        if (!JdkAccess.enableNativeAccess()) {
            Warnings.warnOnce("native-access", "lwp4j is off: this JVM denies native access to class-path code "
                    + "(--illegal-native-access=deny); add --enable-native-access=ALL-UNNAMED");
            return;
        }
        BufferRegistry registry;
        try {
            registry = BufferRegistry.global();
            registry.configure(options.bufferConfig());
            ThreadBuffers.bindToCarriers(JdkAccess.carrierThreadLocal());
        } catch (Throwable t) {
            Warnings.warnOnce("native-library", "lwp4j is off: its native library or ring buffers are unavailable ("
                    + t + "); lwp4j needs Linux x86-64 and a writable java.io.tmpdir that allows executables");
            return;
        }
        boolean syscalls = options.get(AgentOptions.SYSCALLS);
        BitSet operations = syscalls ? options.get(AgentOptions.OPS) : new BitSet();
        SyscallRecorder recorder = new SyscallRecorder(options.get(AgentOptions.EAGER_BUFFERS));
        LocalDrain drain = new LocalDrain(registry, sinks(options), options.get(AgentOptions.DRAIN_PERIOD));
        drain.start();
        Runtime.getRuntime().addShutdownHook(new AgentThread("lwp4j-shutdown",
                () -> drain.stopAndDrain(recorder.unrecorded(), Hooks.adviceFailures())));
        loadRecordPath();
        JdkInstrumentation.install(inst, true, operations);
        Hooks.install(recorder);
        started = true;
        if (!attached) {
            recorder.onThreadStart();   // premain runs on the thread that will run main()
        }
    }

    private static List<RecordSink> sinks(AgentOptions options) {
        List<RecordSink> sinks = new ArrayList<>();
        String summary = options.get(AgentOptions.SUMMARY);
        if (!summary.equals("off")) sinks.add(new SyscallSummary(summary));
        String dump = options.get(AgentOptions.DUMP);
        if (!dump.equals("off")) {
            RecordDump d = RecordDump.open(dump);
            if (d != null) sinks.add(d);
        }
        return sinks;
    }

    /**
     * Loads and initialises every class a record passes through before any advice runs. Loading
     * a class from the agent jar reads the jar, which is I/O the advice records: a class first
     * needed in the middle of recording would be loaded from inside the recorder.
     */
    private static void loadRecordPath() throws LinkageError {
        Class<?>[] path = {SyscallRecorder.class, ThreadBuffers.class, RingBuffer.class, RecordClock.class,
            SyscallRecords.class, SyscallLayout.class, CarrierThreads.class, AgentThread.class, BufferRegistry.class,
            Warnings.class, io.lwp4j.sampler.layout.RecordType.class, io.lwp4j.sampler.internal.LibLwp4j.class,
            io.lwp4j.sampler.BufferConfig.class, io.lwp4j.sampler.BufferStatistics.class,
            io.lwp4j.sampler.layout.RingBufferLayout.class, io.lwp4j.sampler.layout.RecordLayout.class};
        for (Class<?> c : path) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(c.getName());
            }
        }
        RecordClock.now();
    }
}
