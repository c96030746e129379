package io.lwp4j.agent;

import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.sampler.AgentThread;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.DrainPipeline;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.IoHistogram;
import io.lwp4j.sampler.iocount.IoTotals;
import java.time.Duration;

/**
 * What the agent does as the JVM exits ({@code summary=}, {@code dump=}): drain what is left,
 * take one snapshot of the I/O counts and the drain statistics, print the summary from it,
 * close the dump.
 *
 * <p>It runs after every application shutdown hook has finished: it is a JDK shutdown hook of
 * its own ({@code JavaLangAccess.registerShutdownHook}, slot {@value #SLOT}), and the JDK runs
 * those slots in order, slot 1 being all application hooks at once, JFR's among them (the one
 * that writes the recording). So the calls the application's hooks make (closing files,
 * sockets, a database) are in the summary, and its accounting line can say exactly how many of
 * them the recording, written earlier, could not hold. The JVM itself waits for the application's
 * hooks; lwp4j adds no wait but the bounded flush of its own pipeline. Where the slot is
 * refused it falls back to an ordinary shutdown hook, beside the application's, and says so.
 *
 * <p>It is registered in premain, before the drain pipeline exists: a JVM that exits while
 * "lwp4j-start" is still running gets its summary from the counts alone (no records were
 * produced yet; the rare calls so far are {@code unrecorded}), at once, without waiting for the
 * start. The start thread hands over the pipelines with a volatile store ({@link #started}),
 * read here with a volatile load.
 */
final class ExitReport implements Runnable {
    /** The JDK's own hooks take slots 0 to 2 (console, application hooks, delete-on-exit); lwp4j the last. */
    static final int SLOT = 9;
    private static final Duration FLUSH = Duration.ofSeconds(5);

    /** The drain pipeline and its JFR side (null with jfr=off), once started: written once by the start thread. */
    private record Pipelines(DrainPipeline drain, JfrPipeline jfr) {}

    private volatile Pipelines pipelines;
    private final IoCounts ioCounts;
    private final SyscallSummary summary;
    private final RecordDump dump;
    private final SyscallRecorder recorder;

    ExitReport(IoCounts ioCounts, SyscallSummary summary, RecordDump dump, SyscallRecorder recorder) {
        // loaded now, not from the agent jar between the counts' snapshot and the unrecorded count's
        AgentRuntime.initialise(IoTotals.class, IoTotals.CallTotals.class, IoHistogram.class, DrainStatistics.class,
                TextOutput.class);
        this.ioCounts = ioCounts;
        this.summary = summary;
        this.dump = dump;
        this.recorder = recorder;
    }

    /** The start thread has started the drain pipeline ({@code jfr}: its JFR side, null with jfr=off). */
    void started(DrainPipeline pipeline, JfrPipeline jfr) {
        pipelines = new Pipelines(pipeline, jfr);
    }

    /** Runs {@code report} at exit, after the application's shutdown hooks where the JDK lets it. */
    static void register(ExitReport report) {
        try {
            JdkInternals.registerShutdownHook(SLOT, report);
        } catch (RuntimeException | InternalError | LinkageError refused) {
            Warnings.warnOnce("exit-report-slot", "lwp4j's exit summary runs beside the application's shutdown hooks ("
                    + AgentBootstrap.describe(refused) + "): calls those hooks make after it are not in it");
            Runtime.getRuntime().addShutdownHook(new AgentThread("lwp4j-exit-report", report));
        }
    }

    @Override
    public void run() {
        try {
            Pipelines started = pipelines;
            DrainPipeline pipeline = started == null ? null : started.drain();
            JfrPipeline jfr = started == null ? null : started.jfr();
            if (pipeline != null) pipeline.flush(FLUSH);
            IoTotals totals = ioCounts.collect();
            DrainStatistics drain = pipeline == null ? DrainStatistics.NONE : pipeline.statistics();
            long unrecorded = recorder.unrecorded();
            if (summary != null) {
                summary.print(totals, drain, unrecorded, jfr == null ? null : jfr.summarisedIo(),
                        jfr == null ? -1 : jfr.producedAtLastChunkEnd());
            }
        } catch (Throwable t) {
            Warnings.warnOnce("exit-report", "lwp4j's exit summary failed (" + AgentBootstrap.describe(t) + ")");
        } finally {
            if (dump != null) dump.close();
        }
    }
}
