package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import io.lwp4j.jfr.events.AgentOptionsEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report finds the agent's options where the JDK records them: the {@code -javaagent:}
 * argument of an lwp4j jar, {@code lwp4j.*} system properties and {@code LWP4J_*} environment
 * variables, from a JVM started that way (the built agent recording {@link H2ServerUnderLoad}).
 */
class AgentOptionsTest {
    @TempDir
    Path dir;

    @Test
    void optionsFromTheCommandLineAndEnvironmentAreShown() throws Exception {
        Path agent = TestRecordings.AGENT;
        Path recording = dir.resolve("with-options.jfr");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-javaagent:" + agent + "=jfr=" + recording + ",buffer=16k,ops=read+write",
                "-Dlwp4j.probe.period=5s", "-cp", TestRecordings.serverClassPath(), H2ServerUnderLoad.class.getName(),
                dir.resolve("server").toString(), "0.5", "10");
        child.environment().put("LWP4J_JFR", "/tmp/app.jfr");
        child.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process process = child.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("child.log")));

        HtmlReportRun report = HtmlReportRun.of(recording, dir.resolve("with-options.html"));
        CliRun run = report.run();
        String page = report.html();
        String verdict = page.substring(page.indexOf("<section id=\"verdict\""), page.indexOf("</section>", page.indexOf("<section id=\"verdict\"")));
        assertTrue(verdict.contains("<span class=\"option\">-javaagent:" + agent + " <code>jfr=" + recording + ",buffer=16k,ops=read+write</code>"), verdict);
        assertTrue(verdict.contains("<span class=\"option\">system property <code>lwp4j.probe.period=5s</code>"), verdict);
        assertTrue(verdict.contains("<span class=\"option\">environment <code>LWP4J_JFR=/tmp/app.jfr</code>"), verdict);
        assertTrue(run.out().contains("  agent -javaagent:" + agent + ": jfr=" + recording + ",buffer=16k,ops=read+write\n"), run.out());
        assertEquals(1, run.out().lines().filter(l -> l.endsWith(": jfr=" + recording + ",buffer=16k,ops=read+write")).count(),
                "the flag's options once, not again from the agent's lwp4j.AgentOptions: " + run.out());
    }

    /** An attached agent's options are in no JVM argument: the report takes them from lwp4j.AgentOptions. */
    @Test
    void optionsOfAnAttachedAgentAreShown() throws Exception {
        Path recording = dir.resolve("attached.jfr");
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable(AgentOptionsEvent.class);
            r.start();
            AgentOptionsEvent options = new AgentOptionsEvent();
            options.options = "jfr=app.jfr,buffer=256k";
            options.attached = true;
            options.commit();
            r.stop();
            r.dump(recording);
        }
        HtmlReportRun report = HtmlReportRun.of(recording, dir.resolve("attached.html"));
        CliRun run = report.run();
        String page = report.html();
        assertTrue(page.contains("<span class=\"option\">attach <code>jfr=app.jfr,buffer=256k</code></span>"),
                page.substring(page.indexOf("<section id=\"verdict\""), page.indexOf("</section>")));
        assertTrue(run.out().contains("  agent attach: jfr=app.jfr,buffer=256k\n"), run.out());
    }
}
