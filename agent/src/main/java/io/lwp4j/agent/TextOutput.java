package io.lwp4j.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a report goes: {@link Destination#STDERR}, {@link Destination#STDOUT} or a file (created or truncated). */
final class TextOutput {
    private TextOutput() {}

    /** Opens {@code target}; a file that cannot be opened is one warning and null. */
    static PrintStream open(Destination target, String what) {
        if (target == Destination.STDERR) return System.err;
        if (target == Destination.STDOUT) return System.out;
        try {
            OutputStream out = Files.newOutputStream(Path.of(((Destination.File) target).path()));
            return new PrintStream(out, false, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            io.lwp4j.sampler.Warnings.warnOnce("output:" + target, "cannot write the " + what + " to "
                    + target + " (" + e + "); check the path and its directory's permissions");
            return null;
        }
    }

    /** Flushes, and closes unless it is the JVM's own stdout/stderr. */
    static void close(PrintStream out) {
        if (out == System.err || out == System.out) {
            out.flush();
        } else {
            out.close();
        }
    }
}
