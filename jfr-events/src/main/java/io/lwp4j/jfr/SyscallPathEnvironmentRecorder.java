package io.lwp4j.jfr;

import io.lwp4j.jfr.events.SyscallPathEnvironmentEvent;
import io.lwp4j.sampler.probe.SyscallPathEnvironment;
import io.lwp4j.sampler.probe.SyscallProbe;
import jdk.jfr.FlightRecorder;

/**
 * Commits {@code lwp4j.SyscallPathEnvironment} beside the canary's figures, at the start and
 * end of every chunk while installed: seccomp filters of the canary's thread, audit state and
 * rules, the CPU's mitigations. It is read on JFR's periodic thread (a few file reads and one
 * netlink exchange), never on the canary's, so the canary's own cost is unchanged.
 */
public final class SyscallPathEnvironmentRecorder {
    private static Runnable hook; // guarded by the class

    private SyscallPathEnvironmentRecorder() {}

    /** Adds the periodic hook; does nothing when installed already or when JFR is unavailable. */
    public static synchronized void install() {
        if (hook != null || !FlightRecorder.isAvailable()) return;
        hook = SyscallPathEnvironmentRecorder::commit;
        FlightRecorder.addPeriodicEvent(SyscallPathEnvironmentEvent.class, hook);
    }

    public static synchronized void uninstall() {
        if (hook == null) return;
        FlightRecorder.removePeriodicEvent(hook);
        hook = null;
    }

    private static void commit() {
        SyscallPathEnvironmentEvent e = new SyscallPathEnvironmentEvent();
        if (!e.isEnabled()) return;
        SyscallPathEnvironment env = SyscallProbe.get().environment();
        e.seccompMode = env.seccompMode();
        e.seccompFilters = env.seccompFilters();
        e.audit = env.audit();
        e.auditRules = env.auditRules();
        e.mitigations = String.join("\n", env.mitigations());
        e.cpu = env.cpu();
        e.kernel = env.kernel();
        e.commit();
    }
}
