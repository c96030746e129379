package io.lwp4j.cli.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the report shows of one recording: the lwp4j event kinds present with their
 * statistics (kinds with latencies first, then by name), the shared time axis, and the JVM and
 * agent context recorded beside them.
 *
 * @param otherEvents events of types outside lwp4j (JDK events): counted, not charted
 * @param agentOptions where the lwp4j agent's options were found ({@code -javaagent:...=...},
 *                     {@code lwp4j.*} system properties, {@code LWP4J_*} environment variables)
 */
public record Recording(Path file, long fileBytes, TimeAxis axis, List<EventKind> kinds, long otherEvents,
                        String jvm, String jvmArguments, List<AgentOption> agentOptions) {

    /** One option setting recorded by the JDK, e.g. source {@code -javaagent}, text {@code buffer=64k}. */
    public record AgentOption(String source, String text) {
    }

    public long lwp4jEvents() {
        return kinds.stream().mapToLong(EventKind::count).sum();
    }
}
