package io.lwp4j.agent;

import io.lwp4j.jfr.SyscallPathEnvironmentRecorder;
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
 * application go on.
 */
final class Samplers {
    private Samplers() {}

    static void start(AgentOptions options) {
        openWriteTracker(options.get(AgentOptions.WRITE_TRACKING));
        Duration canary = options.get(AgentOptions.CANARY);
        if (!canary.isZero()) {
            try {
                WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS.withPeriod(canary));
            } catch (WriteTrackingUnavailableException e) {
                Warnings.warnOnce("canary", "the write-fault canary is off: " + e.getMessage());
            } catch (RuntimeException e) {
                Warnings.warnOnce("canary", "the write-fault canary is off (" + e + ")");
            }
        }
        if (startProbe("syscall entry/exit canary (syscallprobe)", SyscallProbe.get(),
                options.get(AgentOptions.SYSCALL_PROBE)) && !options.get(AgentOptions.JFR).equals("off")) {
            SyscallPathEnvironmentRecorder.install(); // what explains the canary's figures
        }
        startProbe("code-loading probe (codeloadprobe)", CodeLoadProbe.get(), options.get(AgentOptions.CODE_LOAD_PROBE));
    }

    private static void openWriteTracker(String mode) {
        WriteTracker.Options o = switch (mode) {
            case "sync" -> WriteTracker.Options.sync();
            case "async" -> WriteTracker.Options.async();
            case "auto" -> WriteTracker.Options.async().withFallbackToSync();
            default -> null;
        };
        if (o == null) return;
        try {
            Lwp4j.setWriteTracker(WriteTracker.open(o));
        } catch (WriteTrackingUnavailableException e) {
            Warnings.warnOnce("write-tracking", "write tracking is off (writetracking=" + mode + "): " + e.getMessage());
        } catch (RuntimeException e) {
            Warnings.warnOnce("write-tracking", "write tracking is off (writetracking=" + mode + "): " + e);
        }
    }

    /** True when the probe runs. */
    private static boolean startProbe(String name, io.lwp4j.sampler.probe.Probe probe, Duration period) {
        if (period.isZero()) return false;
        try {
            probe.start(period);
            return true;
        } catch (RuntimeException e) {
            Warnings.warnOnce("probe:" + name, "the " + name + " is off: " + e.getMessage());
            return false;
        }
    }
}
