package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a trip through this process's syscall path carries, as the kernel reports it: the
 * reasons the canary's getpid costs 78 ns on one host and 190 on another. Seccomp filters run
 * on every syscall of the threads that have them; audit rules on the syscall-exit list are
 * walked on every syscall once audit is on (seed 004's 37 rules); the CPU's mitigations
 * (return thunks, retpolines, buffer clearing) add to every entry and exit.
 *
 * @param seccompMode {@code off}, {@code strict}, {@code filter} or {@code unknown}
 * @param seccompFilters filters the thread runs on every syscall, -1 when unknown
 * @param audit {@code off}, {@code on}, {@code on, locked}, {@code none in this kernel}, or
 *     {@code unknown: } and why with how to see it
 * @param auditRules rules on the syscall-exit list, -1 when unknown
 * @param mitigations one {@code name: state} line per CPU vulnerability the kernel does not
 *     call "Not affected", in the kernel's words (empty without the sysfs directory)
 * @param cpu the CPU's model name
 * @param kernel the kernel's release
 */
public record SyscallPathEnvironment(String seccompMode, int seccompFilters, String audit, int auditRules,
                                     List<String> mitigations, String cpu, String kernel) {
    private static final int EPERM = 1;
    private static final int EPROTONOSUPPORT = 93;
    private static final String CPU = cpuModel();

    public SyscallPathEnvironment {
        mitigations = List.copyOf(mitigations);
    }

    /** Of the calling thread. */
    public static SyscallPathEnvironment ofCallingThread() {
        return read(0);
    }

    /** Of thread {@code tid} of this process (0: the calling thread). */
    public static SyscallPathEnvironment read(int tid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment env = arena.allocate(SYSCALL_ENV_SIZE, Integer.BYTES);
            Probe.check(ProbeNatives.syscallEnvRead(tid, env), "syscall env");
            int mode = env.get(JAVA_INT, SYSCALL_ENV_SECCOMP_MODE);
            int enabled = env.get(JAVA_INT, SYSCALL_ENV_AUDIT_ENABLED);
            int auditErrno = env.get(JAVA_INT, SYSCALL_ENV_AUDIT_ERRNO);
            String text = env.getString(SYSCALL_ENV_MITIGATIONS);
            return new SyscallPathEnvironment(
                    switch (mode) {
                        case 0 -> "off";
                        case 1 -> "strict";
                        case 2 -> "filter";
                        default -> "unknown";
                    },
                    env.get(JAVA_INT, SYSCALL_ENV_SECCOMP_FILTERS),
                    audit(enabled, auditErrno),
                    env.get(JAVA_INT, SYSCALL_ENV_AUDIT_RULES),
                    text.isEmpty() ? List.of() : List.of(text.split("\n")),
                    CPU,
                    System.getProperty("os.version", ""));
        }
    }

    private static String audit(int enabled, int errno) {
        if (enabled == 0) return "off";
        if (enabled == 1) return "on";
        if (enabled == 2) return "on, locked";
        if (errno == EPROTONOSUPPORT) return "none in this kernel";
        if (errno == EPERM) {
            return "unknown: reading it needs CAP_AUDIT_CONTROL in the initial PID namespace (auditctl -s and -l as root)";
        }
        return "unknown: the audit socket answered errno " + errno;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
