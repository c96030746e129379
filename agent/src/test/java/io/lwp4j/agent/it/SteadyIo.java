package io.lwp4j.agent.it;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * File I/O without pause on 4 threads until the JVM ends. {@code args[0]}: {@code forever} (the
 * test kills it), or a number of milliseconds after which a non-main I/O thread calls {@code
 * System.exit(0)} while the others go on. Prints "doing I/O" once all threads have begun.
 */
public final class SteadyIo {
    private SteadyIo() {}

    public static void main(String[] args) throws Exception {
        long exitAfter = args[0].equals("forever") ? -1 : Long.parseLong(args[0]);
        Path dir = Files.createTempDirectory("lwp4j-steady");
        long start = System.nanoTime();
        java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            Path file = dir.resolve("f" + i);
            boolean exits = i == 3 && exitAfter >= 0;
            Thread.ofPlatform().name("steady-io-" + i).start(() -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE)) {
                    ByteBuffer b = ByteBuffer.allocate(128);
                    begun.countDown();
                    while (true) {
                        ch.write(b.clear(), 0);
                        ch.read(b.clear(), 0);
                        if (exits && System.nanoTime() - start > exitAfter * 1_000_000) System.exit(0);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        begun.await();
        System.out.println("doing I/O");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
