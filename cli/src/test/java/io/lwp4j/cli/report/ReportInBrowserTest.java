package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lwp4j.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real headless browser (Debian's chromium, installed by
 * {@code .ci/ensure-chromium.sh} when missing): its script runs to the end without errors, and a
 * screenshot is kept as a build artifact, {@code cli/target/report-screenshot.png}.
 */
class ReportInBrowserTest {
    static final Path PROJECT = Path.of(System.getProperty("lwp4j.projectDir", "..")).toAbsolutePath().normalize();
    static final Path BUILD = Path.of(System.getProperty("lwp4j.buildDir", "target")).toAbsolutePath().normalize();
    /** apt-get update and install on a fresh machine. */
    static final long INSTALL_TIMEOUT_MINUTES = 15;

    static Path chromium;
    static Path dir;
    static Path report;
    /** lwp4j event kinds in the report. */
    static int kinds;

    @BeforeAll
    static void chromiumAndReport() throws Exception {
        chromium = ensureChromium();
        dir = Files.createDirectories(BUILD.resolve("browser-test"));
        report = dir.resolve("lwp4j.html");
        CliRun run = CliRun.of("report", PipelineRecording.file().toString(), "-o", report.toString());
        assertEquals(0, run.exitCode(), run.err());
        kinds = (int) java.util.regex.Pattern.compile("<section class=\"event-kind\"").matcher(Files.readString(report)).results().count();
    }

    @Test
    void reportRendersWithoutScriptErrors() throws Exception {
        String root = rootElement(chromium(dir.resolve("profile-dom"), "--dump-dom", report.toUri().toString()));
        assertFalse(root.contains("data-script-error"), "script error in the report: " + root);
        assertTrue(kinds > 5, "kinds in the report: " + kinds);
        assertTrue(root.contains("data-report-ready=\"" + kinds + "\""), "the report's script ran to its end over every kind: " + root);
    }

    @Test
    void aScriptErrorWouldBeSeen() throws Exception {
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, Files.readString(report).replace("</body>", "<script>notAFunction();</script></body>"));
        String root = rootElement(chromium(dir.resolve("profile-broken"), "--dump-dom", broken.toUri().toString()));
        assertTrue(root.contains("data-script-error=\""), "window.onerror marks the page: " + root);
    }

    @Test
    void screenshotIsSaved() throws Exception {
        Path screenshot = BUILD.resolve("report-screenshot.png");
        Files.deleteIfExists(screenshot);
        chromium(dir.resolve("profile-shot"), "--hide-scrollbars", "--window-size=1280,2400",
                "--screenshot=" + screenshot, report.toUri().toString());
        byte[] png = Files.readAllBytes(screenshot);
        assertTrue(png.length > 20_000, "a screenshot with content, not a blank page: " + png.length + " bytes");
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
    }

    /** The start tag of the page's html element in chromium's DOM dump, where the page's markers are. */
    private static String rootElement(String dom) {
        java.util.regex.Matcher html = java.util.regex.Pattern.compile("<html[^>]*>").matcher(dom);
        assertTrue(html.find(), "chromium dumped no DOM: " + dom);
        return html.group();
    }

    /** Runs headless chromium with a new empty profile; returns its standard output. */
    private static String chromium(Path profile, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createDirectories(profile)));
        command.addAll(List.of(arguments));
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 60 s; its log: " + log);
        }
        assertEquals(0, process.exitValue(), "chromium failed; its log: " + Files.readString(log));
        return out;
    }

    private static Path ensureChromium() throws Exception {
        Path script = PROJECT.resolve(".ci/ensure-chromium.sh");
        Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("installing chromium took over " + INSTALL_TIMEOUT_MINUTES + " minutes: " + output);
        }
        if (process.exitValue() != 0) fail("chromium is needed for the report's browser test and " + script + " could not install it:\n" + output);
        List<String> lines = output.lines().toList();
        return Path.of(lines.get(lines.size() - 1).strip());
    }
}
