package io.lwp4j.sampler.tracking;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.Soak;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Security: which userfaultfd each write-tracking path opens, in one table. The canary and
 * async tracking need only {@code UFFD_USER_MODE_ONLY} and never ask for more; sync tracking
 * opens a full one where it is permitted, and a user-mode-only one only when it is refused and
 * the application opted in. Each environment is a child JVM ({@link FlavourChild}): this
 * machine as it is (root: everything permitted), then under {@code uffd_deny} (seccomp, the
 * kernel's own refusals) with full descriptors refused, and with userfaultfd(2) refused but
 * /dev/userfaultfd allowed. The flavour each path reports is checked against what the kernel
 * does with a read(2) into its tracked page.
 */
class UffdFlavourTest {

    static List<String> flavours(String... filter) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (filter.length > 0) {
            assertTrue(Files.isExecutable(WriteTrackingRefusalTest.LAUNCHER), "built by the native module");
            cmd.add(WriteTrackingRefusalTest.LAUNCHER.toString());
            cmd.addAll(List.of(filter));
            cmd.add("--");
        }
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), FlavourChild.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child finished");
        System.out.println("--- flavours " + List.of(filter) + "\n" + out);
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.startsWith("lwp4j: warning: ")).toList();
    }

    /** One RELIABILITY line: {@code sync=FULL_SYSCALL/kernel-write:ok/dirty:1 ...}. */
    static void report(String scenario, List<String> table) {
        List<Object> keyValues = new ArrayList<>();
        for (String line : table) {
            int space = line.indexOf(' ');
            keyValues.add(line.substring(0, space));
            keyValues.add(line.substring(space + 1).replace(' ', '/').replace('=', ':'));
        }
        Soak.report(scenario, keyValues.toArray());
    }

    @Test
    void fullUserfaultfdPermitted() throws Exception {
        List<String> table = flavours();
        assertEquals(List.of(
                "sync FULL_SYSCALL kernel-write=ok dirty=1",
                "sync-opt-in FULL_SYSCALL kernel-write=ok dirty=1",            // the opt-in is for when full is refused
                "async USER_MODE_ONLY_SYSCALL kernel-write=ok dirty=1",        // WP_ASYNC: resolved by the kernel
                "canary USER_MODE_ONLY_SYSCALL kernel-write=- dirty=-"), table);
        report("uffd-flavours-permitted", table);
    }

    @Test
    void onlyUserModeOnlyPermitted() throws Exception {
        List<String> table = flavours("--full");
        assertEquals(List.of(
                "sync refused errno=1",                                // EPERM: never silently user-mode-only
                "sync-opt-in USER_MODE_ONLY_SYSCALL kernel-write=EFAULT dirty=0",
                "async USER_MODE_ONLY_SYSCALL kernel-write=ok dirty=1",
                "canary USER_MODE_ONLY_SYSCALL kernel-write=- dirty=-"), table);
        report("uffd-flavours-user-mode-only", table);
    }

    @Test
    void onlyTheDevicePermitted() throws Exception {
        List<String> table = flavours("--syscall");
        assertEquals(List.of(
                "sync FULL_DEVICE kernel-write=ok dirty=1",
                "sync-opt-in FULL_DEVICE kernel-write=ok dirty=1",
                "async USER_MODE_ONLY_DEVICE kernel-write=ok dirty=1",
                "canary USER_MODE_ONLY_DEVICE kernel-write=- dirty=-"), table);
        report("uffd-flavours-device", table);
    }
}
