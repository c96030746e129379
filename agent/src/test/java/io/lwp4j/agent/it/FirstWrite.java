package io.lwp4j.agent.it;

import java.io.FileOutputStream;
import java.nio.file.Path;

/**
 * The application's first I/O call is one {@code FileOutputStream.write} of {@value #BYTES}
 * bytes into the file named by the first argument (made by the parent; nothing else in the
 * process writes a file), then it prints one line.
 */
public final class FirstWrite {
    public static final int BYTES = 12_345;

    private FirstWrite() {}

    public static void main(String[] args) throws Exception {
        try (FileOutputStream out = new FileOutputStream(args[0])) {
            out.write(new byte[BYTES]);
        }
        System.out.println("wrote " + Path.of(args[0]).toFile().length() + " bytes");
    }
}
