package io.lwp4j.sampler.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.sampler.Soak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Must show: the refusal paths for real. Each scenario runs in a child JVM started under
 * {@code native/target/tools/uffd_deny}, a seccomp filter that makes the kernel refuse
 * userfaultfd the way a container profile, an unprivileged process or an old kernel does.
 */
class WriteTrackingRefusalTest {
    static final Path LAUNCHER = Path.of(System.getProperty("user.dir"))
            .resolveSibling("native").resolve("target/tools/uffd_deny");

    static void runChild(String scenario, String... filter) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is built by the native module");
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(filter));
        cmd.add("--");
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), TrackingChild.class.getName(), scenario));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) p.destroyForcibly();
        System.out.println("--- child " + scenario + " " + List.of(filter) + "\n" + out);
        Soak.report("uffd-refused-" + scenario, "child_exit_code", done ? p.exitValue() : "timeout", "passed",
                out.contains("PASS " + scenario));
        assertTrue(done, "child " + scenario + " finished");
        assertEquals(0, p.exitValue(), "child " + scenario + " failed:\n" + out);
        assertTrue(out.contains("PASS " + scenario), out);
    }

    /** userfaultfd denied outright: a clear error naming cause and fix; the JVM goes on. */
    @Test
    void deniedOutrightGivesAClearErrorAndTheRestKeepsWorking() throws Exception {
        runChild("denied", "--all");
    }

    /** Full descriptors refused: sync needs the opt-in; with it, read(2) into tracked memory is EFAULT. */
    @Test
    void userModeOnlyOptInAndItsEfault() throws Exception {
        runChild("full-denied", "--full");
    }

    /** No PAGEMAP_SCAN (as before 6.7): async refused, or sync with a reason on request. */
    @Test
    void asyncFallsBackToSyncWithoutPagemapScan() throws Exception {
        runChild("no-pagemap-scan", "--no-pagemap-scan");
    }
}
