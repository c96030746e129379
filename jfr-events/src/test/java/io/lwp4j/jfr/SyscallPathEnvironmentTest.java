package io.lwp4j.jfr;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lwp4j.SyscallPathEnvironment} says what the kernel says: read back from recordings of
 * child JVMs on the machine as it is, under a real seccomp filter ({@code uffd_deny}) and
 * without CAP_AUDIT_CONTROL ({@code setpriv}), against /proc and /sys read by the test itself.
 */
class SyscallPathEnvironmentTest {
    static final Path UFFD_DENY = Path.of(System.getProperty("user.dir")).resolveSibling("native")
            .resolve("target/tools/uffd_deny");

    @TempDir
    Path dir;

    record Child(List<RecordedEvent> environments, int canaryTid, String output) {
        RecordedEvent last() {
            assertFalse(environments.isEmpty(), "no lwp4j.SyscallPathEnvironment in the recording: " + output);
            return environments.getLast();
        }
    }

    private Child run(String name, String... launcher) throws Exception {
        Path recording = dir.resolve(name + ".jfr");
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), EnvironmentChild.class.getName(), recording.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished: " + out);
        assertEquals(0, p.exitValue(), out);
        int tid = Integer.parseInt(out.lines().filter(l -> l.startsWith("canaryTid=")).findFirst().orElseThrow()
                .substring("canaryTid=".length()));
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("lwp4j.SyscallPathEnvironment")).toList();
        return new Child(events, tid, out);
    }

    @Test
    void theMachineAsItIs() throws Exception {
        Child child = run("plain");
        assertTrue(child.environments().size() >= 2, "at the start and the end of the chunk: " + child.environments());
        RecordedEvent e = child.last();
        assertEquals(String.join("\n", mitigationsFromSysfs()), e.getString("mitigations"));
        assertEquals(System.getProperty("os.version"), e.getString("kernel"));
        assertEquals(cpuModel(), e.getString("cpu"));
        assertEquals("off", e.getString("seccompMode"), "the test JVM runs without seccomp: " + e);
        assertEquals(0, e.getInt("seccompFilters"));
        boolean root = Files.readString(Path.of("/proc/self/status")).lines()
                .anyMatch(l -> l.startsWith("CapEff:") && (Long.parseLong(l.substring(7).strip(), 16) & (1L << 30)) != 0);
        if (root) { // CAP_AUDIT_CONTROL, bit 30
            assertTrue(List.of("off", "on", "on, locked").contains(e.getString("audit")), e.toString());
            assertTrue(e.getInt("auditRules") >= 0, e.toString());
        }
    }

    @Test
    void aSeccompFilterOfTheCanarysThreadIsCounted() throws Exception {
        assertTrue(Files.isExecutable(UFFD_DENY), "mvn builds native/target/tools/uffd_deny first: " + UFFD_DENY);
        Child child = run("seccomp", UFFD_DENY.toString(), "--all", "--");
        RecordedEvent e = child.last();
        assertEquals("filter", e.getString("seccompMode"), e.toString());
        assertEquals(1, e.getInt("seccompFilters"), "uffd_deny installs one filter: " + e);
    }

    @Test
    void withoutCapAuditControlAuditIsUnknownAndSaysWhy() throws Exception {
        Child child = run("noaudit", "setpriv", "--inh-caps=-audit_control", "--bounding-set=-audit_control");
        RecordedEvent e = child.last();
        assertEquals("unknown: reading it needs CAP_AUDIT_CONTROL in the initial PID namespace (auditctl -s and -l as root)",
                e.getString("audit"));
        assertEquals(-1, e.getInt("auditRules"));
        assertEquals(String.join("\n", mitigationsFromSysfs()), e.getString("mitigations"), "sysfs needs no capability");
    }

    private static List<String> mitigationsFromSysfs() throws IOException {
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String state = Files.readString(f).strip();
                if (!state.equals("Not affected")) lines.add(f.getFileName() + ": " + state);
            }
        }
        return lines;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
    }
}
