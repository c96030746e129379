package io.lwp4j.cli.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a JVM that died before writing its recording left of it: the chunks in its JFR
 * repository, which the lwp4j agent's own recording ({@code jfr=app.jfr}) keeps beside {@code
 * app.jfr} (the agent sets the JVM's repository to that directory: AgentRuntime; JFR makes a
 * directory {@code <date>_<pid>} in it and deletes it when the JVM exits normally).
 *
 * <p>JFR flushes the chunk it is writing about once a second, and after each flush the chunk's
 * header (size, constant pool and metadata positions, duration) describes what was flushed,
 * with a file state byte other than 0 ("not finished"). Recovery copies every finished chunk,
 * and the unfinished one up to its last flush with the state byte set to 0, into one file that
 * any JFR reader opens: the events up to about a second before the JVM died.
 */
public final class LeftoverChunks {
    /** The JVM's name for a repository directory: {@code 2026_12_03_08_59_44_19945}. */
    private static final Pattern REPOSITORY = Pattern.compile("\\d{4}(?:_\\d{2}){5}_(\\d+)");
    private static final int HEADER_SIZE = 68;
    private static final int CHUNK_SIZE_POSITION = 8;
    private static final int METADATA_POSITION = 24;
    private static final int FILE_STATE_POSITION = 64;
    private static final int MAGIC = 0x464c5200;   // "FLR\0"

    /**
     * What was recovered.
     *
     * @param pid the JVM that left the chunks
     * @param directory its repository directory
     * @param chunks chunks copied, {@code unfinished} of them cut at their last flush
     */
    public record Recovered(long pid, Path directory, int chunks, int unfinished, Path file) {}

    private LeftoverChunks() {}

    /** Where the agent keeps the chunks of a recording to {@code recording}: its directory. */
    static Path repositoryOf(Path recording) {
        Path parent = recording.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    /**
     * Assembles the chunks a dead JVM left beside {@code recording} into {@code into}: those of
     * the most recent repository directory there whose JVM is gone. Empty when there are none.
     */
    public static Optional<Recovered> recover(Path recording, Path into) throws IOException {
        Path dir = repositoryOf(recording);
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path newest = null;
        long pid = -1;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path d : entries.sorted(Comparator.comparing(Path::getFileName)).toList()) {
                Matcher m = REPOSITORY.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d)) continue;
                long p = Long.parseLong(m.group(1));
                if (ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)) continue;   // still recording
                if (chunks(d).isEmpty()) continue;
                newest = d;   // names sort by their time
                pid = p;
            }
        }
        if (newest == null) return Optional.empty();
        int copied = 0, unfinished = 0;
        try (OutputStream out = Files.newOutputStream(into)) {
            for (Path chunk : chunks(newest)) {
                byte[] bytes = Files.readAllBytes(chunk);
                if (bytes.length < HEADER_SIZE) continue;
                ByteBuffer header = ByteBuffer.wrap(bytes);
                if (header.getInt(0) != MAGIC || header.getLong(METADATA_POSITION) == 0) continue;   // nothing flushed
                long size = header.getLong(CHUNK_SIZE_POSITION);
                if (size < HEADER_SIZE || size > bytes.length) continue;
                if (bytes[FILE_STATE_POSITION] != 0) {
                    bytes[FILE_STATE_POSITION] = 0;   // finished, at its last flush
                    unfinished++;
                }
                out.write(bytes, 0, (int) size);
                copied++;
            }
        }
        if (copied == 0) {
            Files.deleteIfExists(into);
            return Optional.empty();
        }
        return Optional.of(new Recovered(pid, newest, copied, unfinished, into));
    }

    private static List<Path> chunks(Path repository) throws IOException {
        List<Path> chunks = new ArrayList<>();
        try (Stream<Path> files = Files.list(repository)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jfr")).sorted(Comparator.comparing(Path::getFileName))
                    .forEach(chunks::add);
        }
        return chunks;
    }
}
