package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recordings the report tests read, each made once per test JVM in a child JVM of its own (so
 * the test-only event classes never meet jfr-events' classes of the same names), under
 * {@code cli/target/test-recordings/}.
 */
final class TestRecordings {
    static final Path DIR = Path.of(System.getProperty("lwp4j.buildDir", "target"), "test-recordings").toAbsolutePath();
    private static final Map<String, Path> MADE = new HashMap<>();

    private TestRecordings() {
    }

    /** {@link SyntheticServer} for 3 s, forcing its journal every 10 requests. */
    static Path server() throws Exception {
        return made("server.jfr", SyntheticServer.class, "3", "10");
    }

    /** The same server with one known change: it forces its journal after every request. */
    static Path serverForcingEveryRequest() throws Exception {
        return made("server-force-every.jfr", SyntheticServer.class, "3", "1");
    }

    /** A recording whose I/O summaries are of an older lwp4j, with kernel costs beside them. */
    static Path olderVersion() throws Exception {
        return made("older.jfr", OlderRecording.class);
    }

    static final Path AGENT = Path.of("../agent/target/lwp4j-agent.jar").toAbsolutePath().normalize();
    static final Path DEMO = Path.of("../demo/target/lwp4j-demo.jar").toAbsolutePath().normalize();

    /** The recording the demo writes under the built agent, as a user makes it (200 modules). */
    static synchronized Path demo() throws Exception {
        Path file = MADE.get("demo.jfr");
        if (file == null) {
            assertTrue(Files.isRegularFile(AGENT) && Files.isRegularFile(DEMO), "mvn verify builds agent and demo before cli");
            file = Files.createDirectories(DIR).resolve("demo.jfr");
            Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-javaagent:" + AGENT + "=buffer=64k", "-jar", DEMO.toString(),
                    "--modules=200", "--jfr=" + file).redirectErrorStream(true).start();
            String out = finish(demo, "the demo");
            assertEquals(0, demo.exitValue(), out);
            MADE.put("demo.jfr", file);
        }
        return file;
    }

    /** Waits for a child to end by itself within 120 s, else ends it; returns its output. */
    private static String finish(Process p, String what) throws Exception {
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                out.append(e);
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join();
            throw new AssertionError(what + " did not finish within 120 s: " + out);
        }
        reader.join();
        return out.toString();
    }

    private static synchronized Path made(String name, Class<?> main, String... args) throws Exception {
        Path file = MADE.get(name);
        if (file == null) {
            file = Files.createDirectories(DIR).resolve(name);
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName(),
                    file.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = finish(p, main.getSimpleName());
            assertEquals(0, p.exitValue(), main.getSimpleName() + " failed: " + out);
            MADE.put(name, file);
        }
        return file;
    }
}
