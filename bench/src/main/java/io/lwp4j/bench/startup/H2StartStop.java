package io.lwp4j.bench.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * H2 embedded, started then stopped: opens a file database in a fresh temp directory, makes a
 * table, writes and reads back ten rows, closes it and deletes the directory. Prints the count.
 */
public final class H2StartStop {
    private H2StartStop() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("lwp4j-h2-startup");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db"), "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(id INT PRIMARY KEY, v VARCHAR(20))");
            for (int i = 0; i < 10; i++) s.execute("INSERT INTO t VALUES(" + i + ", 'row " + i + "')");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                r.next();
                System.out.println("h2 rows=" + r.getInt(1));
            }
            s.execute("SHUTDOWN");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
