package io.lwp4j.cli;

import io.lwp4j.cli.report.HtmlReport;
import io.lwp4j.cli.report.Recording;
import io.lwp4j.cli.report.RecordingReader;
import io.lwp4j.cli.report.TextSummary;
import io.lwp4j.cli.report.UnusableRecordingException;
import io.lwp4j.cli.report.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Pictures of a recording's lwp4j events: an HTML report and a terminal table.",
                       "The HTML file is self-contained (charts as inline SVG, nothing fetched when viewed):",
                       "open it in any browser, no JDK Mission Control needed. Every lwp4j.* event kind",
                       "present is charted from its own JFR metadata: @Timespan fields as latency histograms",
                       "and percentiles over time, other numbers as values over time."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING.jfr", description = "a JFR recording holding lwp4j events")
    Path recordingFile;

    @Option(names = {"-o", "--output"}, paramLabel = "REPORT.html",
            description = "where to write the HTML report (default: the recording's name with .html, beside it)")
    Path output;

    @Override
    public Integer call() throws CommandFailure {
        long started = System.nanoTime();
        Recording recording;
        try {
            recording = RecordingReader.read(recordingFile);
        } catch (UnusableRecordingException e) {
            throw new CommandFailure(e.getMessage());
        }
        String html = HtmlReport.render(recording);
        Path target = output != null ? output : defaultOutput(recordingFile);
        try {
            Files.writeString(target, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + target + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        var out = spec.commandLine().getOut();
        out.print(TextSummary.render(recording));
        out.printf("%nreport: %s (%s, %s)%n", target, Units.bytes(html.getBytes(StandardCharsets.UTF_8).length),
                Units.duration(System.nanoTime() - started, true));
        return 0;
    }

    static Path defaultOutput(Path recordingFile) {
        String name = recordingFile.getFileName().toString();
        String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return recordingFile.resolveSibling(base + ".html");
    }
}
