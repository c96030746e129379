package io.lwp4j.cli.report;

import java.util.List;

/**
 * The names of the JFR events and fields the report reads, in one place. The report reads
 * recordings by name through {@code jdk.jfr.consumer}, never through lwp4j's event classes, so
 * it reads recordings of other lwp4j versions and says what it cannot read in them.
 */
final class Lwp4jEvents {
    private Lwp4jEvents() {
    }

    static final String PREFIX = "lwp4j.";

    /** Per (operation, kind) and interval: exact calls, sums and schema-4 bucket counts. */
    static final String IO_SUMMARY = "lwp4j.SyscallSummary";
    /**
     * One slow, failed or sampled I/O call, committed on the calling thread with its stack: its
     * {@code callTime} is the whole call as the agent timed it (the event's own duration where
     * it has none), {@code waitTime} the part of it spent waiting.
     */
    static final String IO_CALL = "lwp4j.Syscall";
    /** Fields that an I/O summary of this report's schema has; older ones lack them. */
    static final List<String> IO_SUMMARY_FIELDS = List.of("operation", "kind", "calls", "bytes", "errors", "callTime",
            "waitTime", "waits", "max", "waitMax", "histogram");

    static final String RECORDS_LOST = "lwp4j.RecordsLost";
    static final String DRAIN_STATISTICS = "lwp4j.DrainStatistics";
    static final String BUFFER_STATISTICS = "lwp4j.BufferStatistics";
    static final String WARNING = "lwp4j.Warning";
    /** The agent's options as it runs: {@code attached}, {@code options}. */
    static final String AGENT_OPTIONS = "lwp4j.AgentOptions";

    static final String WRITE_FAULT = "lwp4j.WriteFault";
    static final String WRITE_FAULT_PROBE = "lwp4j.WriteFaultProbe";
    static final String DIRTY_PAGES = "lwp4j.DirtyPages";
    static final String SYSCALL_PATH_PROBE = "lwp4j.SyscallPathProbe";
    static final String SYSCALL_PATH_ENVIRONMENT = "lwp4j.SyscallPathEnvironment";
    static final String CODE_LOAD_PROBE = "lwp4j.CodeLoadProbe";

    /** Every lwp4j event the report reads. */
    static final List<String> READ = List.of(IO_SUMMARY, IO_CALL, RECORDS_LOST, DRAIN_STATISTICS, BUFFER_STATISTICS,
            WARNING, AGENT_OPTIONS, WRITE_FAULT, WRITE_FAULT_PROBE, DIRTY_PAGES, SYSCALL_PATH_PROBE,
            SYSCALL_PATH_ENVIRONMENT, CODE_LOAD_PROBE);

    static final String JVM_INFORMATION = "jdk.JVMInformation";
    static final String CPU_INFORMATION = "jdk.CPUInformation";
    static final String OS_INFORMATION = "jdk.OSInformation";
    static final String INITIAL_SYSTEM_PROPERTY = "jdk.InitialSystemProperty";
    static final String INITIAL_ENVIRONMENT_VARIABLE = "jdk.InitialEnvironmentVariable";
    /** The JDK's events that say what ran. */
    static final List<String> CONTEXT = List.of(JVM_INFORMATION, CPU_INFORMATION, OS_INFORMATION,
            INITIAL_SYSTEM_PROPERTY, INITIAL_ENVIRONMENT_VARIABLE);
}
