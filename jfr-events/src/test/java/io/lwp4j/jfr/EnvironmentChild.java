package io.lwp4j.jfr;

import io.lwp4j.sampler.probe.SyscallProbe;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;

/**
 * A JVM that runs the canary with its environment recorder for one canary run and writes the
 * recording to {@code args[0]}; for {@link SyscallPathEnvironmentTest} under seccomp and
 * without CAP_AUDIT_CONTROL. Prints the canary thread's id.
 */
public final class EnvironmentChild {
    private EnvironmentChild() {}

    public static void main(String[] args) throws Exception {
        SyscallProbe probe = SyscallProbe.get();
        probe.start();
        SyscallPathEnvironmentRecorder.install();
        try (Recording recording = new Recording(Lwp4jSettings.with("default"))) {
            recording.start();
            probe.runOnce(Duration.ofSeconds(10));
            System.out.println("canaryTid=" + probe.stats().tid());
            recording.stop();
            recording.dump(Path.of(args[0]));
        }
        SyscallPathEnvironmentRecorder.uninstall();
        probe.stop();
    }
}
