package io.lwp4j.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Does a little file I/O, prints one line and exits with the code it is given (its first
 * argument); with "after-start" as its second, only once the lwp4j agent has finished its start.
 */
public final class ExitCode {
    private ExitCode() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("after-start")) AgentStarted.await();
        Path f = Files.createTempFile("lwp4j-exit", ".txt");
        Files.writeString(f, "lwp4j");
        Files.readString(f);
        Files.delete(f);
        System.out.println("exit code program: " + args[0]);
        System.exit(Integer.parseInt(args[0]));
    }
}
