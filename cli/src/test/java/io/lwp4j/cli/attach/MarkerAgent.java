package io.lwp4j.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in agent: writes its options to the file named by -Dlwp4j.test.agentMarker, or refuses
 * when told "fail"; like the lwp4j agent, the first load sets {@value AgentAttacher#STARTED_PROPERTY}
 * to its options and a later one leaves it (and starts nothing).
 */
public final class MarkerAgent {
    private MarkerAgent() {
    }

    public static void agentmain(String options) throws IOException {
        if ("fail".equals(options)) throw new IllegalStateException("told to fail");
        if (System.getProperty(AgentAttacher.STARTED_PROPERTY) != null) return;    // already running: ignored
        Files.writeString(Path.of(System.getProperty("lwp4j.test.agentMarker")), options == null ? "" : options);
        System.setProperty(AgentAttacher.STARTED_PROPERTY, options == null ? "" : options);
    }
}
