package io.lwp4j.cli.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything the report says about one recording, read in one pass: the verdict, the I/O
 * totals per (operation, kind), the recorded calls, the kernel's costs. The HTML, the terminal
 * table and the JSON are three views of it.
 *
 * @param file the recording read
 * @param rangeStart start of the time range shown, epoch ns: the recording's, or the part
 *     --from/--to chose
 * @param rangeEnd end of that range, epoch ns
 * @param unreadable summary intervals and recorded events left out for being unreadable
 *     (damaged fields)
 */
public record Report(
        Path file,
        long fileBytes,
        ReportOptions options,
        Verdict verdict,
        Map<String, IoRangeTotals> io,
        RecordedCalls calls,
        RecordedKernelCosts kernel,
        long rangeStart,
        long rangeEnd,
        long unreadable) {

    long rangeNanos() {
        return Math.max(1, rangeEnd - rangeStart);
    }

    /** The I/O rows, most working time first. */
    List<IoRangeTotals> ioRows() {
        List<IoRangeTotals> rows = new ArrayList<>(io.values());
        rows.sort(Comparator.comparingLong((IoRangeTotals t) -> t.workNanos + (options.includeWaits() ? t.waitNanos : 0))
                .reversed().thenComparing(t -> t.key()));
        return rows;
    }

    long ioCalls() {
        return io.values().stream().mapToLong(t -> t.calls).sum();
    }

    boolean hasIo() {
        return !io.isEmpty() || calls.count() > 0;
    }
}
