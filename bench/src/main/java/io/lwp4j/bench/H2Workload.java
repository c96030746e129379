package io.lwp4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.h2.tools.Server;

/**
 * A real third-party application doing real I/O: an H2 database (file-backed MVStore) and
 * JDBC clients in one JVM. Each client thread loops over an insert, a select by primary key
 * and, every tenth time, a range count. Two modes:
 * <ul>
 *   <li>{@code tcp}: H2's TCP server; every statement is a request and a response over a
 *       loopback socket (about five I/O calls per statement: writes, reads, poll waits),
 *       the worst case for per-call instrumentation;
 *   <li>{@code embedded}: the database in the clients' own JVM; the only I/O is the store's
 *       file writes and reads.
 * </ul>
 *
 * <p>{@code H2Workload <dir> tcp|embedded <clients> <warmup s> <measure s>} prints {@code ops_per_s=<n>
 * cpu_us_per_op=<t>}: statements per second over the measured window, and the CPU time the
 * whole process (every thread) spent per statement in that window, which a machine shared
 * with other work disturbs much less than the throughput.
 */
public final class H2Workload {
    private H2Workload() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        boolean tcp = switch (args[1]) {
            case "tcp" -> true;
            case "embedded" -> false;
            default -> throw new IllegalArgumentException("mode is tcp or embedded, got " + args[1]);
        };
        int clients = Integer.parseInt(args[2]);
        long warmupNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        long measureNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        Server server = tcp
                ? Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start()
                : null;
        String url = tcp ? "jdbc:h2:tcp://localhost:" + server.getPort() + "/bench"
                : "jdbc:h2:file:" + dir.resolve("bench");
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS t");
            s.execute("CREATE TABLE t(id BIGINT PRIMARY KEY, v VARCHAR(100))");
        }
        LongAdder operations = new LongAdder();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        long[] counted = new long[clients];
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            int client = k;
            Thread.ofPlatform().name("h2-client-" + k).start(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "");
                        PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
                        PreparedStatement byId = c.prepareStatement("SELECT v FROM t WHERE id = ?");
                        PreparedStatement range = c.prepareStatement("SELECT COUNT(*) FROM t WHERE id BETWEEN ? AND ?")) {
                    long base = (long) client << 40;
                    long n = 0;
                    long measured = 0;
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        long id = base + n++;
                        insert.setLong(1, id);
                        insert.setString(2, "row " + id);
                        insert.executeUpdate();
                        byId.setLong(1, id);
                        try (ResultSet r = byId.executeQuery()) {
                            r.next();
                        }
                        int statements = 2;
                        if (n % 10 == 0) {
                            range.setLong(1, id - 100);
                            range.setLong(2, id);
                            try (ResultSet r = range.executeQuery()) {
                                r.next();
                            }
                            statements++;
                        }
                        if (now >= measureFrom) measured += statements;
                    }
                    counted[client] = measured;
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long cpuFrom = sleepUntilThenCpu(measureFrom);
        long cpuTo = sleepUntilThenCpu(end);
        done.await();
        if (server != null) server.stop();
        if (!failures.isEmpty()) throw new IllegalStateException("a client failed", failures.get(0));
        long total = 0;
        for (long c : counted) total += c;
        operations.add(total);
        System.out.printf("ops_per_s=%.0f cpu_us_per_op=%.2f%n", operations.sum() * 1e9 / measureNanos,
                (cpuTo - cpuFrom) / 1e3 / operations.sum());
    }

    /** Sleeps until {@code deadline} (System.nanoTime), then returns the process's CPU time in ns. */
    private static long sleepUntilThenCpu(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
