package io.lwp4j.cli;

import io.lwp4j.cli.report.CompareReport;
import io.lwp4j.cli.report.HtmlReport;
import io.lwp4j.cli.report.JsonReport;
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
        List<Report> reports = new java.util.ArrayList<>();
        for (Path recording : recordings) {
            try {
                reports.add(RecordingScan.read(recording, options));
            } catch (UnusableRecordingException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        Report first = reports.getFirst(), last = reports.getLast();
        var out = spec.commandLine().getOut();
        if (json) {
            String document = compare ? JsonReport.renderComparison(first, last) : JsonReport.render(first);
            if (output == null) out.print(document);
            else write(checkedOutput(output), document);
            return 0;
        }
        out.print(compare ? CompareReport.text(first, last) : TextReport.render(first, textOnly));
        if (textOnly) return 0;
        Path target = checkedOutput(output != null ? output : defaultOutput(last.fileName(), compare));
        String html = compare ? CompareReport.html(first, last) : HtmlReport.render(first);
        write(target, html);
        out.printf("%nreport: %s (%s, %s)%n", target, Units.bytes(html.getBytes(StandardCharsets.UTF_8).length),
                Units.duration(System.nanoTime() - started, true));
        return 0;
    }

    /** Refuses to write over a recording being read. */
    private Path checkedOutput(Path target) throws CommandFailure {
        for (Path recording : recordings) {
            try {
                if (Files.exists(target) && Files.isSameFile(target, recording)) {
                    throw new CommandFailure("will not write the report over the recording " + recording + ": choose another -o");
                }
            } catch (IOException e) {
                throw new CommandFailure("cannot check " + target + " (" + e.getMessage() + ")");
            }
        }
        return target;
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
