package io.lwp4j.agent.it;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Under the agent at its defaults: waits for the agent to be idle ({@code lwp4j.agent.waiting}),
 * makes {@code args[0]} reads at the end of an empty file (each one an advised, counted call),
 * then waits for liblwp4j to be mapped: the record clock the agent binds for a JVM busy with
 * I/O. Prints {@code liblwp4j_before=...}, {@code liblwp4j_after_busy=...}, and the agent's
 * {@code waiting=} and {@code started=} properties at the end.
 */
public final class BusyWhileIdle {
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private BusyWhileIdle() {}

    public static void main(String[] args) throws Exception {
        long calls = Long.parseLong(args[0]);
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (System.getProperty("lwp4j.agent.waiting") == null) {
            if (System.nanoTime() - deadline > 0) throw new IllegalStateException("the agent was not idle within " + AT_MOST);
            Thread.sleep(10);
        }
        System.out.println("liblwp4j_before=" + liblwp4jMapped());
        Path empty = Files.createTempFile("lwp4j-busy", ".bin");
        try (FileInputStream in = new FileInputStream(empty.toFile())) {
            for (long i = 0; i < calls; i++) {
                if (in.read() != -1) throw new IllegalStateException("the empty file had a byte");
            }
        } finally {
            Files.delete(empty);
        }
        boolean mapped = liblwp4jMapped();
        while (!mapped && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
            mapped = liblwp4jMapped();
        }
        System.out.println("liblwp4j_after_busy=" + mapped);
        System.out.println("waiting=" + (System.getProperty("lwp4j.agent.waiting") != null));
        System.out.println("started=" + System.getProperty("lwp4j.agent.started"));
    }

    private static boolean liblwp4jMapped() throws Exception {
        return Files.readString(Path.of("/proc/self/maps")).contains("liblwp4j");
    }
}
