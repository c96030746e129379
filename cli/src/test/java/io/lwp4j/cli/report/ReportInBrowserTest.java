package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.cli.CliRun;
import io.lwp4j.sampler.CiInstaller;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report in a real headless browser (Debian's chromium, installed by
 * {@code .ci/ensure-chromium.sh} when missing), in a 1400×1200 window: its script runs without
 * errors, and the verdict, the I/O table and the slowest-calls table are laid out in that first
 * screen (the page's own script records their DOM positions). Screenshots of that screen, for
 * the server's and the demo's recordings, go to {@code cli/target/screenshots/}; the ones
 * committed under {@code docs/} are copies of them.
 */
class ReportInBrowserTest {
    static final Path PROJECT = Path.of(System.getProperty("lwp4j.projectDir", "..")).toAbsolutePath().normalize();
    static final Path BUILD = Path.of(System.getProperty("lwp4j.buildDir", "target")).toAbsolutePath().normalize();
    static final int WIDTH = 1400, HEIGHT = 1200;
    /** apt-get update and install on a fresh machine. */
    static final long INSTALL_TIMEOUT_MINUTES = 15;

    static Path chromium;
    static Path dir;

    @BeforeAll
    static void chromium() throws Exception {
        chromium = CiInstaller.ensure(PROJECT.resolve(".ci/ensure-chromium.sh"), "chromium",
                "chromium is needed for the report's browser test", INSTALL_TIMEOUT_MINUTES);
        dir = Files.createDirectories(BUILD.resolve("browser-test"));
    }

    private static Path report(String name, Path recording) {
        Path html = dir.resolve(name + ".html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        return html;
    }

    @Test
    void theServersAnswersAreOnTheFirstScreen() throws Exception {
        assertAnswersOnTheFirstScreen("server", TestRecordings.server());
    }

    @Test
    void theDemosAnswersAreOnTheFirstScreen() throws Exception {
        assertAnswersOnTheFirstScreen("demo", TestRecordings.demo());
    }

    /** The verdict and both tables of {@code recording}'s report, in Chromium's first screen; a screenshot of it. */
    private static void assertAnswersOnTheFirstScreen(String name, Path recording) throws Exception {
        Path html = report(name, recording);
        String root = rootElement(chromium("profile-" + name, "--window-size=" + WIDTH + "," + HEIGHT, "--dump-dom", html.toUri().toString()));
        for (String id : List.of("verdict", "io-table", "slowest-table")) assertOnFirstScreen(root, id);
        screenshot(html, name + "-report-top.png");
    }

    @Test
    void aScriptErrorWouldBeSeen() throws Exception {
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, Files.readString(report("server-broken", TestRecordings.server()))
                .replace("</body>", "<script>notAFunction();</script></body>"));
        String root = rootElement(chromium("profile-broken", "--dump-dom", broken.toUri().toString()));
        assertTrue(root.contains("data-script-error=\""), "window.onerror marks the page: " + root);
    }

    /** The committed screenshots are of that first screen. */
    @Test
    void theCommittedScreenshotsAreOfTheFirstScreen() throws Exception {
        for (String name : List.of("server-report-top.png", "demo-report-top.png")) {
            byte[] png = Files.readAllBytes(PROJECT.resolve("docs").resolve(name));
            assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1), name);
            ByteBuffer header = ByteBuffer.wrap(png, 16, 8); // IHDR: width, height
            assertEquals(WIDTH, header.getInt(), name + " width");
            assertEquals(HEIGHT, header.getInt(), name + " height");
        }
    }

    private static void assertOnFirstScreen(String root, String id) {
        assertFalse(root.contains("data-script-error"), "script error in the report: " + root);
        // the layout depends on the width only; headless chromium keeps part of the window's
        // height for its (invisible) frame in --dump-dom, so positions are checked against 1200
        assertTrue(root.contains("data-window=\"" + WIDTH + "x"), "laid out " + WIDTH + " px wide: " + root);
        Matcher top = Pattern.compile("data-top-" + id + "=\"(-?\\d+)\"").matcher(root);
        Matcher left = Pattern.compile("data-left-" + id + "=\"(-?\\d+)\"").matcher(root);
        assertTrue(top.find() && left.find(), "the page has #" + id + ": " + root);
        // its top and a first row of it (60 px) within the first screen
        assertTrue(Integer.parseInt(top.group(1)) + 60 <= HEIGHT, "#" + id + " starts at " + top.group(1) + " px: " + root);
        assertTrue(Integer.parseInt(left.group(1)) < WIDTH, "#" + id + " at x " + left.group(1));
    }

    private static void screenshot(Path html, String name) throws Exception {
        Path shots = Files.createDirectories(BUILD.resolve("screenshots"));
        Path file = shots.resolve(name);
        Files.deleteIfExists(file);
        chromium("profile-" + name, "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT, "--screenshot=" + file,
                html.toUri().toString());
        byte[] png = Files.readAllBytes(file);
        assertTrue(png.length > 20_000, "a screenshot with content, not a blank page: " + png.length + " bytes");
    }

    /** The start tag of the page's html element in chromium's DOM dump, where the page's markers are. */
    private static String rootElement(String dom) {
        Matcher html = Pattern.compile("<html[^>]*>").matcher(dom);
        assertTrue(html.find(), "chromium dumped no DOM: " + dom);
        return html.group();
    }

    /** Runs headless chromium with a new empty profile; returns its standard output. */
    private static String chromium(String profileName, String... arguments) throws Exception {
        Path profile = Files.createDirectories(dir.resolve(profileName));
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1", "--user-data-dir=" + profile));
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
}
