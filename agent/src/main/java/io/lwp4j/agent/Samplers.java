package io.lwp4j.agent;

import io.lwp4j.jfr.SyscallPathEnvironmentRecorder;
import io.lwp4j.metrics.Features;
import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.probe.CodeLoadProbe;
import io.lwp4j.sampler.probe.SyscallProbe;
import io.lwp4j.sampler.tracking.WriteFaultCanary;
import io.lwp4j.sampler.tracking.WriteTracker;
import io.lwp4j.sampler.tracking.WriteTrackingUnavailableException;
import java.time.Duration;

/**
 * Starts the native samplers the options ask for: the process write tracker, the write-fault
 * canary, the syscall entry/exit canary and the code-loading probe. Each runs on its own
 * native threads with its own buffers, which the drain pipeline reads. One that the kernel or the
 * environment refuses is one warning naming the cause and the fix; the others and the
 * application go on. Each one's state goes into the agent's {@link Features} under its option's
 * key; the probes' buffers go into the agent's buffer registry, which its drain pipeline reads.
 */
final class Samplers {
    private Samplers() {}

    static void start(AgentOptions options, BufferRegistry drained, Features features) {
        openWriteTracker(options.get(AgentOptions.WRITE_TRACKING), features);
        Duration canary = options.get(AgentOptions.CANARY);
        String key = AgentOptions.CANARY.key();
        if (canary.isZero()) {
            features.off(key);
        } else {
            try {
                WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(canary));
                features.on(key);
            } catch (WriteTrackingUnavailableException e) {
                refused(features, key, e.getMessage(), "the write-fault canary is off: " + e.getMessage());
            } catch (RuntimeException e) {
                refused(features, key, e.toString(), "the write-fault canary is off: " + e);
            }
        }
        if (startProbe(features, drained, AgentOptions.SYSCALL_PROBE.key(), "syscall entry/exit canary (syscallprobe)",
                SyscallProbe.get(), options.get(AgentOptions.SYSCALL_PROBE))
                && options.get(AgentOptions.JFR) != Destination.OFF) {
            AgentRuntime.whenJfrStarts(SyscallPathEnvironmentRecorder::install); // what explains the canary's figures
        }
        startProbe(features, drained, AgentOptions.CODE_LOAD_PROBE.key(), "code-loading probe (codeloadprobe)",
                CodeLoadProbe.get(), options.get(AgentOptions.CODE_LOAD_PROBE));
    }

    /** {@code feature} refused because of {@code cause}, and one warning that says so and how to fix it. */
    static void refused(Features features, String feature, String cause, String warning) {
        Warnings.warnOnce(feature, warning);
        features.refused(feature, cause);
    }

    private static void openWriteTracker(WriteTrackingMode mode, Features features) {
        String key = AgentOptions.WRITE_TRACKING.key();
        WriteTracker.Options o = switch (mode) {
            case SYNC -> WriteTracker.Options.sync();
            case ASYNC -> WriteTracker.Options.async();
            case AUTO -> WriteTracker.Options.async().withFallbackToSync();
            case OFF -> null;
        };
        if (o == null) {
            features.off(key);
            return;
        }
        String off = "write tracking is off (writetracking=" + mode + "): ";
        try {
            Lwp4j.setWriteTracker(WriteTracker.open(o));
            features.on(key);
        } catch (WriteTrackingUnavailableException e) {
            refused(features, key, e.getMessage(), off + e.getMessage());
        } catch (RuntimeException e) {
            refused(features, key, e.toString(), off + e);
        }
    }

    /** True when the probe runs. */
    private static boolean startProbe(Features features, BufferRegistry drained, String key, String name,
            io.lwp4j.sampler.probe.Probe probe, Duration period) {
        if (period.isZero()) {
            features.off(key);
            return false;
        }
        try {
            probe.drainInto(drained);
            probe.start(period);
            features.on(key);
            return true;
        } catch (RuntimeException e) {
            refused(features, key, e.getMessage(), "the " + name + " is off: " + e.getMessage());
            return false;
        }
    }
}
