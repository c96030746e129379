package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lwp4j.cli.CliRun;
import io.lwp4j.jfr.events.AgentOptionsEvent;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report finds the agent's options where the JDK records them: the {@code -javaagent:}
 * argument of an lwp4j jar, {@code lwp4j.*} system properties and {@code LWP4J_*} environment
 * variables, from a JVM started that way.
 */
class AgentOptionsTest {
    @TempDir
    Path dir;

    @Test
    void optionsFromTheCommandLineAndEnvironmentAreShown() throws Exception {
        Path agent = dir.resolve("lwp4j-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoOpAgent.class.getName());
        try (OutputStream file = Files.newOutputStream(agent); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            String entry = NoOpAgent.class.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new java.util.jar.JarEntry(entry));
            try (var in = NoOpAgent.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jar);
            }
        }
        Path recording = dir.resolve("with-options.jfr");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent + "=buffer=64,syscalls=read+write", "-Dlwp4j.probe.period=5s",
                "-cp", System.getProperty("java.class.path"), TimedEventRecording.class.getName(), recording.toString(), "20");
        child.environment().put("LWP4J_JFR", "/tmp/app.jfr");
        child.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process process = child.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("child.log")));

        Path html = dir.resolve("with-options.html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);
        String options = page.substring(page.indexOf("<section id=\"agent\">"), page.indexOf("</section>", page.indexOf("<section id=\"agent\">")));
        assertTrue(options.contains("<td class=\"name\">-javaagent:" + agent + "</td><td class=\"name\"><code>buffer=64,syscalls=read+write</code>"), options);
        assertTrue(options.contains("<td class=\"name\">system property</td><td class=\"name\"><code>lwp4j.probe.period=5s</code>"), options);
        assertTrue(options.contains("<td class=\"name\">environment</td><td class=\"name\"><code>LWP4J_JFR=/tmp/app.jfr</code>"), options);
    }

    /** An attached agent's options are in no JVM argument: the report takes them from lwp4j.AgentOptions. */
    @Test
    void optionsOfAnAttachedAgentAreShown() throws Exception {
        Path recording = dir.resolve("attached.jfr");
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable(TimedEventRecording.Batch.class);
            r.enable(AgentOptionsEvent.class);
            r.start();
            AgentOptionsEvent options = new AgentOptionsEvent();
            options.options = "jfr=app.jfr,buffer=256k";
            options.attached = true;
            options.commit();
            new TimedEventRecording.Batch().commit();
            r.stop();
            r.dump(recording);
        }
        Path html = dir.resolve("attached.html");
        CliRun run = CliRun.of("report", recording.toString(), "-o", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<td class=\"name\">attach</td><td class=\"name\"><code>jfr=app.jfr,buffer=256k</code>"),
                page.substring(page.indexOf("<section id=\"agent\">")));
    }

    /** An agent that does nothing: its options are only there to be recorded. */
    public static final class NoOpAgent {
        private NoOpAgent() {
        }

        public static void premain(String options) {
            // the JVM records the -javaagent argument itself; nothing to do here
        }
    }
}
