package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.it.ExitCode;
import io.lwp4j.sampler.Soak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Must show: where the environment refuses a kernel feature, the agent turns that part off with
 * one line naming the cause and the fix, and the program runs as without it.
 */
class RefusedKernelFeaturesIT {

    /** RLIMIT_MEMLOCK of 64 KiB and no CAP_IPC_LOCK: ring buffers (a record per call here) stay unlocked, and it says so. */
    @Test
    void smallMemlockLimitRunsWithUnlockedBuffers() throws Exception {
        List<String> launcher = List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "prlimit",
                "--memlock=65536");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(launcher,
                List.of("-javaagent:" + ChildJvm.agentJar() + "=summary=stderr,canary=off,syscalls=records"), ExitCode.class, "0",
                "after-start"), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("exit code program: 0\n", r.stdout());
        List<String> warnings = ChildJvm.warnings(r.stderr());
        Soak.report("refused-memlock", "rlimit_kib", 64, "exit_code", r.exitCode(), "warnings", warnings.size());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("ring buffers are not locked in memory")
                && w.contains("RLIMIT_MEMLOCK") && w.contains("ulimit -l")), r.toString());
        assertTrue(r.stderr().contains("lwp4j: syscalls op=write kind=file"), "still recording:\n" + r);
    }

    /** userfaultfd refused by seccomp (native/target/tools/uffd_deny): no write tracking, said once each. */
    @Test
    void deniedUserfaultfdRunsWithoutWriteTracking() throws Exception {
        Path denier = ChildJvm.NATIVE_TOOLS.resolve("uffd_deny");
        assertTrue(Files.isExecutable(denier), denier + " is built by the native module");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.command(List.of(denier.toString(), "--all", "--"),
                List.of("-javaagent:" + ChildJvm.agentJar() + "=writetracking=auto,summary=stderr"), ExitCode.class,
                "0", "after-start"), 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("exit code program: 0\n", r.stdout());
        List<String> warnings = ChildJvm.warnings(r.stderr());
        Soak.report("refused-userfaultfd", "exit_code", r.exitCode(), "warnings", warnings.size());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("lwp4j: warning: write tracking is off (writetracking=auto): ")
                && w.contains("seccomp")), r.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("lwp4j: warning: the write-fault canary is off: ")
                && w.contains("Fix:")), r.toString());
        assertEquals(2, warnings.size(), r.toString());
        assertTrue(r.stderr().contains("lwp4j: syscalls op=write kind=file"), "the rest still records:\n" + r);
    }
}
