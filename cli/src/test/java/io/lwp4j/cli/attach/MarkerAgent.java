package io.lwp4j.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A stand-in agent: writes its options to the file named by -Dlwp4j.test.agentMarker, or refuses when told "fail". */
public final class MarkerAgent {
    private MarkerAgent() {
    }

    public static void agentmain(String options) throws IOException {
        if ("fail".equals(options)) throw new IllegalStateException("told to fail");
        Files.writeString(Path.of(System.getProperty("lwp4j.test.agentMarker")), options == null ? "" : options);
    }
}
