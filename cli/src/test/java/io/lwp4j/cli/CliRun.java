package io.lwp4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the lwp4j command line: exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The error output as its lines. */
    public java.util.List<String> errLines() {
        return err.lines().toList();
    }
}
