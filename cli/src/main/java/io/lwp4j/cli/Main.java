package io.lwp4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code lwp4j-cli.jar}: {@code report}, {@code attach}, {@code bench}. */
public final class Main {
    /** Set (to anything) to see the stack trace of an internal error. */
    static final String DEBUG_VARIABLE = "LWP4J_DEBUG";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command line. Failures the user can act on ({@link CommandFailure}) are one line
     * on {@code err} and exit code 1; usage errors are picocli's message and exit code 2; anything
     * else is one line naming the exception (its stack trace only with {@value #DEBUG_VARIABLE} set).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Lwp4jCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            String command = "lwp4j " + failed.getCommandName();
            if (exception instanceof CommandFailure) {
                err.println(command + ": " + exception.getMessage());
            } else if (System.getenv(DEBUG_VARIABLE) != null) {
                exception.printStackTrace(err);
            } else {
                err.println(command + ": internal error: " + exception + " (set " + DEBUG_VARIABLE + "=1 for the stack trace)");
            }
            err.flush();
            return 1;
        });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}
