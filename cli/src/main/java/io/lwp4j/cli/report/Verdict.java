package io.lwp4j.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What was recorded, for how long, by which JVM with which agent options, and whether
 * anything was lost or refused: the answers the report leads with.
 */
final class Verdict {
    /** One place the agent's options were found, e.g. source {@code -javaagent}, text {@code buffer=64k}. */
    record AgentOption(String source, String text) {}

    long startEpochNanos;
    long endEpochNanos;
    String jvm = "";
    String jvmArguments = "";
    String cpu = "";
    String os = "";
    final List<AgentOption> agentOptions = new ArrayList<>();
    /** Records lost per buffer kind (thread, native-sampler, orphan). */
    final Map<String, Long> lostByBufferKind = new LinkedHashMap<>();
    /** Names of the threads whose buffers lost the most, at most a few. */
    final Map<String, Long> lostByOwner = new LinkedHashMap<>();
    /** The last lwp4j.DrainStatistics: cumulative since the pipeline started. */
    long produced = -1;
    long drainLost;
    long handlerFailures;
    boolean drainFlushed = true;
    long unlockedByRlimit;
    long unlockedByBudget;
    long lockBudget;
    final Set<String> warnings = new LinkedHashSet<>();
    /** lwp4j events read, per type. */
    final Map<String, Long> eventsRead = new LinkedHashMap<>();
    /** Fields the report needs that this recording's lwp4j.SyscallSummary lacks (an older lwp4j). */
    final Set<String> missingIoFields = new LinkedHashSet<>();

    long spanNanos() {
        return Math.max(0, endEpochNanos - startEpochNanos);
    }

    long lost() {
        return lostByBufferKind.values().stream().mapToLong(Long::longValue).sum();
    }

    long lwp4jEvents() {
        return eventsRead.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean olderIoSchema() {
        return !missingIoFields.isEmpty();
    }
}
