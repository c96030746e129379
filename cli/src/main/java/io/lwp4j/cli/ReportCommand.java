package io.lwp4j.cli;

import io.lwp4j.cli.report.CompareReport;
import io.lwp4j.cli.report.HtmlReport;
import io.lwp4j.cli.report.JsonReport;
import io.lwp4j.cli.report.LeftoverChunks;
import io.lwp4j.cli.report.RecordingScan;
import io.lwp4j.cli.report.Report;
import io.lwp4j.cli.report.ReportOptions;
import io.lwp4j.cli.report.TextReport;
import io.lwp4j.cli.report.UnusableRecordingException;
import io.lwp4j.cli.report.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"What a recording says, answers first: what was recorded and whether anything was lost or",
                       "refused; where the I/O time went (per operation, thread pool, file or peer; working time and",
                       "waits apart); the slowest calls with their stacks; latency over time; what the kernel cost.",
                       "Writes one self-contained HTML file (inline SVG, nothing fetched) and prints the answers on the",
                       "terminal. Reads the recording as a stream, in bounded memory, however large it is."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "RECORDING.jfr",
            description = "a JFR recording holding lwp4j events; two with --compare (before, then after)")
    List<Path> recordings;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write the HTML (or with --json the JSON); default: the recording's name with .html beside"
                    + " it (with --compare: AFTER.compare.html), never a recording read")
    Path output;

    @Option(names = "--compare", description = "two recordings side by side with ratios: BEFORE.jfr AFTER.jfr")
    boolean compare;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + ReportOptions.DEFAULT_TOP,
            description = "how many of the slowest calls to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--from", paramLabel = "TIME",
            description = "start of the time range: an offset from the recording's start (90s, 1m30s, 250ms) or an instant"
                    + " (2026-03-01T12:00:00Z)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "end of the time range, as --from")
    String to;

    @Option(names = "--thread", paramLabel = "REGEX",
            description = "only the recorded calls of threads whose whole name matches (the I/O totals stay per process)")
    String thread;

    @Option(names = "--include-waits",
            description = "rank and chart calls by their whole time, waits included (an idle accept, a parked read)")
    boolean includeWaits;

    @Option(names = "--text", description = "the report on the terminal only: no HTML file")
    boolean textOnly;

    @Option(names = "--json", description = "the report as JSON (docs/report.schema.json) on standard output, or into -o")
    boolean json;

    @Override
    public Integer call() throws CommandFailure {
        long started = System.nanoTime();
        if (compare != (recordings.size() == 2)) {
            throw new ParameterException(spec.commandLine(), compare ? "--compare needs two recordings: BEFORE.jfr AFTER.jfr"
                    : "one recording, or two with --compare");
        }
        if (textOnly && json) throw new ParameterException(spec.commandLine(), "--text and --json: choose one");
        ReportOptions options;
        try {
            options = new ReportOptions(top, from, to, ReportOptions.threadPattern(thread), includeWaits).validated();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (output != null) checkedOutput(output);
        var out = spec.commandLine().getOut();
        List<Report> reports = new java.util.ArrayList<>();
        for (Path recording : recordings) {
            try {
                reports.add(RecordingScan.read(recoveredIfNotWritten(recording, out), options));
            } catch (UnusableRecordingException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        Report first = reports.getFirst(), last = reports.getLast();
        if (json) {
            String document = compare ? JsonReport.renderComparison(first, last) : JsonReport.render(first);
            if (output == null) out.print(document);
            else write(checkedOutput(output), document);
            return 0;
        }
        // the terminal's answers first: they never depend on the HTML being written
        out.print(compare ? CompareReport.text(first, last) : TextReport.render(first, textOnly));
        out.flush();
        if (textOnly) return 0;
        Path target = checkedOutput(output != null ? output : defaultOutput(recordings.getLast(), compare));   // named after the recording asked for, recovered or not
        String html = compare ? CompareReport.html(first, last) : HtmlReport.render(first);
        write(target, html);
        out.printf("%nreport: %s (%s, %s)%n", target, Units.bytes(html.getBytes(StandardCharsets.UTF_8).length),
                Units.duration(System.nanoTime() - started, true));
        return 0;
    }

    /** Refuses to write over a recording being read, under any of its names. */
    private Path checkedOutput(Path target) throws CommandFailure {
        for (Path recording : recordings) {
            if (isSameFile(target, recording)) {
                throw new CommandFailure(target + " is the recording the report is made from: it would be overwritten; "
                        + "write the report elsewhere (-o REPORT.html)");
            }
        }
        return target;
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
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

    private static void write(Path target, String content) throws CommandFailure {
        try {
            Files.writeString(target, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + target + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    static Path defaultOutput(Path recordingFile, boolean compare) {
        String name = recordingFile.getFileName().toString();
        String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return recordingFile.resolveSibling(base + (compare ? ".compare.html" : ".html"));
    }
}
