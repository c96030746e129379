package io.lwp4j.sampler;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's {@code .ci/ensure-*.sh} installers, for the tests of the modules
 * above that need a real program (Prometheus, chromium): the script installs it only when
 * missing and prints its path last. A script that fails or hangs fails the test with its
 * output.
 */
public final class CiInstaller {
    private CiInstaller() {}

    /**
     * @param script the installer, {@code .ci/ensure-<what>.sh} of the project
     * @param what the program, for the timeout's message
     * @param need who needs it, the start of the failure's message
     * @return the installed program's path
     */
    public static Path ensure(Path script, String what, String need, long timeoutMinutes) throws Exception {
        Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("installing " + what + " took over " + timeoutMinutes + " minutes: " + output);
        }
        if (process.exitValue() != 0) fail(need + " and " + script + " could not install it:\n" + output);
        List<String> lines = output.lines().toList();
        return Path.of(lines.get(lines.size() - 1).strip());
    }
}
