package io.lwp4j.cli;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads back a small file without pause until it is killed; says "doing I/O" once started. */
public final class SteadyWriter {
    private SteadyWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("lwp4j-steady", ".bin");
        file.toFile().deleteOnExit();
        byte[] block = new byte[128];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            System.out.println("doing I/O");
            System.out.flush();
            while (true) {
                f.seek(0);
                f.write(block);
                f.seek(0);
                f.readFully(block);
            }
        }
    }
}
