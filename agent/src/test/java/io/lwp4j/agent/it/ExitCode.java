package io.lwp4j.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Does a little file I/O, prints one line and exits with the code it is given. */
public final class ExitCode {
    private ExitCode() {}

    public static void main(String[] args) throws Exception {
        Path f = Files.createTempFile("lwp4j-exit", ".txt");
        Files.writeString(f, "lwp4j");
        Files.readString(f);
        Files.delete(f);
        System.out.println("exit code program: " + args[0]);
        System.exit(Integer.parseInt(args[0]));
    }
}
