package io.lwp4j.cli.report;

import io.lwp4j.jfr.JfrPipeline;
import io.lwp4j.jfr.Lwp4jSettings;
import io.lwp4j.jfr.SyscallPathEnvironmentRecorder;
import io.lwp4j.jfr.WarningRecorder;
import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.probe.SyscallProbe;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A recording of an lwp4j from before issue 14: I/O summaries with per-interval percentiles
 * only (no exact calls, no buckets), beside the syscall canary's events of today's lwp4j, made
 * by the canary itself through lwp4j's drain pipeline, and one of lwp4j's warnings.
 * {@code args[0]}: the recording.
 */
public final class OlderRecording {
    private OlderRecording() {
    }

    /** lwp4j.SyscallSummary as the agent versions before issue 14 wrote it: per-interval percentiles only. */
    @Name("lwp4j.SyscallSummary") @Label("Syscall Summary") @Category({"lwp4j", "I/O"}) @StackTrace(false)
    static final class OlderSummary extends Event {
        @Label("Operation") public String operation;
        @Label("Count") public long count;
        @Label("Median") @Timespan(Timespan.NANOSECONDS) public long p50;
        @Label("Interval") @Timespan(Timespan.NANOSECONDS) public long interval;
    }

    public static void main(String[] args) throws Exception {
        SyscallProbe canary = SyscallProbe.get();
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                JfrPipeline pipeline = JfrPipeline.start(session, DrainConfig.DEFAULTS);
                Recording recording = new Recording(Lwp4jSettings.with("default"))) {
            recording.enable(OlderSummary.class);
            recording.start();
            SyscallPathEnvironmentRecorder.install();
            Warnings.warnOnce("test", "write tracking is off (test): userfaultfd refused; allow it to turn it back on");
            WarningRecorder.install();
            canary.drainInto(session.buffers());
            canary.start(Duration.ofMillis(20));
            for (int i = 0; i < 5; i++) {
                OlderSummary s = new OlderSummary();
                s.operation = "read/file";
                s.count = 100 + i;
                s.p50 = 4_000;
                s.interval = 1_000_000_000L;
                s.commit();
            }
            canary.runOnce(Duration.ofSeconds(10));
            canary.runOnce(Duration.ofSeconds(10));
            canary.stop();
            recording.stop(); // its chunk's end: the environment and the warning
            SyscallPathEnvironmentRecorder.uninstall();
            WarningRecorder.uninstall();
            recording.dump(Path.of(args[0]));
        }
    }
}
