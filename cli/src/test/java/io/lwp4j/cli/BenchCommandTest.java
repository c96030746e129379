package io.lwp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lwp4j bench} runs the checkout's bench/run-benchmarks.sh with this JVM's java, and passes its exit code on. */
class BenchCommandTest {
    @TempDir
    Path checkout;

    @Test
    void runsTheCheckoutsScriptWithThisJava() throws Exception {
        Path arguments = checkout.resolve("arguments");
        script("printf '%s\\n' \"$@\" > " + arguments + "\nexit 3\n");
        CliRun run = CliRun.of("bench", "--project-dir", checkout.toString(), "RingBufferBenchmark");
        assertEquals(3, run.exitCode(), run.err());
        assertEquals(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "RingBufferBenchmark"),
                Files.readAllLines(arguments));
    }

    @Test
    void saysWhenTheDirectoryIsNoCheckout() {
        CliRun run = CliRun.of("bench", "--project-dir", checkout.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("lwp4j bench: " + checkout.resolve("bench/run-benchmarks.sh") + " is missing"), run.err());
    }

    private void script(String body) throws Exception {
        Path script = Files.createDirectories(checkout.resolve("bench")).resolve("run-benchmarks.sh");
        Files.writeString(script, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
