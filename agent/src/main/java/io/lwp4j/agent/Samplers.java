package io.lwp4j.agent;

import io.lwp4j.jfr.SyscallPathEnvironmentRecorder;
import io.lwp4j.metrics.Features;
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
 * application go on. Each one's state goes into {@link Features#global()} under its option's key.
 */
final class Samplers {
    private Samplers() {}

    static void start(AgentOptions options) {
        openWriteTracker(options.get(AgentOptions.WRITE_TRACKING));
        Duration canary = options.get(AgentOptions.CANARY);
        String key = AgentOptions.CANARY.key();
        if (canary.isZero()) {
            Features.global().off(key);
        } else {
            try {
                WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(canary));
                Features.global().on(key);
            } catch (WriteTrackingUnavailableException e) {
                refused(key, e.getMessage(), "the write-fault canary is off: " + e.getMessage());
            } catch (RuntimeException e) {
                refused(key, e.toString(), "the write-fault canary is off: " + e);
            }
        }
        if (startProbe(AgentOptions.SYSCALL_PROBE.key(), "syscall entry/exit canary (syscallprobe)", SyscallProbe.get(),
                options.get(AgentOptions.SYSCALL_PROBE)) && options.get(AgentOptions.JFR) != Destination.OFF) {
            AgentRuntime.whenJfrStarts(SyscallPathEnvironmentRecorder::install); // what explains the canary's figures
        }
        startProbe(AgentOptions.CODE_LOAD_PROBE.key(), "code-loading probe (codeloadprobe)", CodeLoadProbe.get(),
                options.get(AgentOptions.CODE_LOAD_PROBE));
    }

    /** {@code feature} refused because of {@code cause}, and one warning that says so and how to fix it. */
    static void refused(String feature, String cause, String warning) {
        Warnings.warnOnce(feature, warning);
        Features.global().refused(feature, cause);
    }

    private static void openWriteTracker(WriteTrackingMode mode) {
        String key = AgentOptions.WRITE_TRACKING.key();
        WriteTracker.Options o = switch (mode) {
            case SYNC -> WriteTracker.Options.sync();
            case ASYNC -> WriteTracker.Options.async();
            case AUTO -> WriteTracker.Options.async().withFallbackToSync();
            case OFF -> null;
        };
        if (o == null) {
            Features.global().off(key);
            return;
        }
        String off = "write tracking is off (writetracking=" + mode + "): ";
        try {
            Lwp4j.setWriteTracker(WriteTracker.open(o));
            Features.global().on(key);
        } catch (WriteTrackingUnavailableException e) {
            refused(key, e.getMessage(), off + e.getMessage());
        } catch (RuntimeException e) {
            refused(key, e.toString(), off + e);
        }
    }

    /** True when the probe runs. */
    private static boolean startProbe(String key, String name, io.lwp4j.sampler.probe.Probe probe, Duration period) {
        if (period.isZero()) {
            Features.global().off(key);
            return false;
        }
        try {
            probe.start(period);
            Features.global().on(key);
            return true;
        } catch (RuntimeException e) {
            refused(key, e.getMessage(), "the " + name + " is off: " + e.getMessage());
            return false;
        }
    }
}
