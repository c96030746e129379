package io.lwp4j.cli;

import io.lwp4j.cli.report.HtmlReport;
import io.lwp4j.cli.report.LeftoverChunks;
import io.lwp4j.cli.report.Recording;
import io.lwp4j.cli.report.RecordingReader;
import io.lwp4j.cli.report.TextSummary;
import io.lwp4j.cli.report.Units;
import io.lwp4j.cli.report.UnusableRecordingException;
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

    /**
     * Reads the recording, prints the terminal table, then writes the HTML: the table does not
     * depend on the HTML being written, and the HTML never goes over the recording it is made from.
     */
    @Override
    public Integer call() throws CommandFailure {
        long started = System.nanoTime();
        Path target = output != null ? output : defaultOutput(recordingFile);
        if (isSameFile(target, recordingFile)) {
            throw new CommandFailure(target + " is the recording the report is made from: it would be overwritten; "
                    + "write the report elsewhere (-o REPORT.html)");
        }
        var out = spec.commandLine().getOut();
        Path readFrom = recoveredIfNotWritten(recordingFile, out);
        Recording recording;
        try {
            recording = RecordingReader.read(readFrom);
        } catch (UnusableRecordingException e) {
            throw new CommandFailure(e.getMessage());
        }
        out.print(TextSummary.render(recording));
        out.flush();
        String html = HtmlReport.render(recording);
        try {
            Files.writeString(target, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + target + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        out.printf("%nreport: %s (%s, %s)%n", target, Units.bytes(html.getBytes(StandardCharsets.UTF_8).length),
                Units.duration(System.nanoTime() - started, true));
        return 0;
    }

    /**
     * The recording, or, when its JVM died before writing it (missing or empty), the chunks that
     * JVM left beside it assembled into {@code NAME.recovered.jfr} (said in one line).
     */
    private static Path recoveredIfNotWritten(Path recordingFile, java.io.PrintWriter out) throws CommandFailure {
        try {
            if (Files.isRegularFile(recordingFile) && Files.size(recordingFile) > 0) return recordingFile;
            String name = recordingFile.getFileName().toString();
            Path into = recordingFile.resolveSibling((name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name)
                    + ".recovered.jfr");
            var recovered = LeftoverChunks.recover(recordingFile, into);
            if (recovered.isEmpty()) return recordingFile;
            var r = recovered.get();
            out.printf("recovered: %s was not written (JVM %d did not exit normally); %d chunk(s) it left in %s, "
                    + "%d cut at its last flush, are in %s%n%n", recordingFile, r.pid(), r.chunks(), r.directory(),
                    r.unfinished(), r.file());
            return r.file();
        } catch (IOException e) {
            throw new CommandFailure("cannot recover the chunks left beside " + recordingFile + " (" + e + ")");
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    static Path defaultOutput(Path recordingFile) {
        String name = recordingFile.getFileName().toString();
        String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return recordingFile.resolveSibling(base + ".html");
    }
}
