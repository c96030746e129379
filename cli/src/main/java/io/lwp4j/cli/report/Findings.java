package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The verdict as sentences: what was lost, refused or left unlocked, each with its fix, and
 * what the report could not read or was asked to leave out. The HTML, the terminal and the JSON
 * say the same sentences.
 */
final class Findings {
    enum Level {
        OK, NOTE, WARNING, LOST
    }

    /** One sentence and, where something can be done, what. */
    record Finding(Level level, String text, String fix) {}

    private Findings() {
    }

    static List<Finding> of(Report r) {
        Verdict v = r.verdict();
        List<Finding> out = new ArrayList<>();
        long lost = Math.max(v.lost(), v.drainLost);
        if (lost > 0) {
            StringBuilder where = new StringBuilder();
            v.lostByBufferKind.forEach((kind, n) -> where.append(where.isEmpty() ? "" : ", ").append(Units.count(n))
                    .append(" in ").append(kind).append(" buffers"));
            List<String> owners = v.lostByOwner.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(3)
                    .map(e -> e.getKey() + " " + Units.count(e.getValue())).toList();
            out.add(new Finding(Level.LOST, Units.count(lost) + " records lost"
                    + (v.produced > 0 ? " (" + percent(lost, v.produced) + " of " + Units.count(v.produced) + " produced)" : "")
                    + (where.isEmpty() ? "" : ": " + where) + (owners.isEmpty() ? "" : "; most from " + String.join(", ", owners)),
                    "bigger buffers for busy threads (buffer=256k or 1m, with lockbudget raised to match), or a shorter"
                            + " drainwait: docs/OPTIONS.md"));
        } else if (v.produced >= 0) {
            out.add(new Finding(Level.OK, "nothing lost: " + Units.count(v.produced) + " records produced, every one drained",
                    ""));
        }
        if (v.handlerFailures > 0) {
            out.add(new Finding(Level.LOST, Units.count(v.handlerFailures) + " records failed in a drain handler and are"
                    + " missing from the recording", "the agent's warning on standard error names the handler"));
        }
        if (!v.drainFlushed) {
            out.add(new Finding(Level.LOST, "the last drain into the recording did not finish in time: records of the last"
                    + " moments may be missing", "the agent's warning on standard error says how long it waited"));
        }
        for (String warning : v.warnings) out.add(new Finding(Level.WARNING, warning, ""));
        if (v.unlockedByRlimit > 0) {
            out.add(new Finding(Level.WARNING, Units.count(v.unlockedByRlimit) + " ring buffers left unlocked: RLIMIT_MEMLOCK"
                    + " refused mlock (they can be paged out, and a record written to a paged-out buffer waits for the disk)",
                    "raise it: ulimit -l unlimited, or LimitMEMLOCK=infinity in the service's unit"));
        }
        if (v.unlockedByBudget > 0) {
            out.add(new Finding(Level.WARNING, Units.count(v.unlockedByBudget) + " ring buffers left unlocked: lwp4j's lock"
                    + " budget" + (v.lockBudget > 0 ? " of " + Units.bytes(v.lockBudget) : "") + " was spent",
                    "raise it: lockbudget=256m (or smaller buffers): docs/OPTIONS.md"));
        }
        if (v.olderIoSchema()) {
            out.add(new Finding(Level.NOTE, "the I/O summaries come from an older lwp4j (" + Lwp4jEvents.IO_SUMMARY
                    + " without " + String.join(", ", v.missingIoFields) + "): exact calls and percentiles need a recording"
                    + " of this version; the rest is shown", "record again with the current agent"));
        }
        if (r.unreadable() > 0) {
            out.add(new Finding(Level.NOTE, Units.count(r.unreadable()) + " lwp4j events had fields this report cannot read"
                    + " and are left out", ""));
        }
        if (r.options().filtersTime()) {
            out.add(new Finding(Level.NOTE, "showing +" + Units.offset(r.rangeStart() - v.startEpochNanos) + " to +"
                    + Units.offset(r.rangeEnd() - v.startEpochNanos) + " of the recording's " + Units.offset(v.spanNanos())
                    + " (--from/--to): summaries whose interval's middle lies in it", ""));
        }
        if (r.options().thread() != null) {
            out.add(new Finding(Level.NOTE, "recorded calls of threads matching " + r.options().thread().pattern()
                    + " only (--thread); the I/O totals are the whole process's", ""));
        }
        return out;
    }

    static String percent(long part, long whole) {
        double p = 100.0 * part / whole;
        return (p < 0.1 ? String.format(java.util.Locale.ROOT, "%.3f", p) : Units.significant(p)) + " %";
    }
}
