package io.lwp4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lwp4j.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code lwp4j report RECORDING -o FILE} run in process, required to succeed: what it printed and the page. */
record HtmlReportRun(CliRun run, String html) {

    static HtmlReportRun of(Path recording, Path file) throws IOException {
        CliRun run = CliRun.of("report", recording.toString(), "-o", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        return new HtmlReportRun(run, Files.readString(file));
    }
}
