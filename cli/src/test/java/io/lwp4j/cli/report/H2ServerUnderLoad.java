package io.lwp4j.cli.report;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.tools.Server;

/**
 * A real third-party server under load, the application the report's tests record with the
 * built agent ({@code -javaagent:lwp4j-agent.jar=jfr=<file>}, see {@link TestRecordings}):
 * H2's TCP server on an ephemeral loopback port and {@link #CLIENTS} JDBC clients in pool
 * threads {@code h2-client-N}, each inserting a row and selecting it back, then appending the
 * answer to a journal file and forcing the journal every {@code forceEvery} requests.
 *
 * <p>Two slow calls the application really makes, once each, apart in time:
 * <ul>
 *   <li>a quarter of the way through, {@link #HELD_ANSWER_THREAD} calls a stored procedure that
 *       holds its answer back {@link #HELD_ANSWER_MS} ms in the server ({@link #holdAnswer}):
 *       the client's socket read waits on its peer;
 *   <li>half way through, {@link #SLOW_FORCE_THREAD} saves a {@link #SNAPSHOT_MIB} MiB snapshot
 *       and forces it to disk ({@link #saveSnapshot}): tens of milliseconds of disk writes, all
 *       work (the journal's forces of the other clients queue behind it).
 * </ul>
 * Prints what only it knows, one {@code key=value} a line: the journal's and the snapshot's
 * paths, the server's address, the connections it opened, the journal's writes and forces.
 * The agent counts every call of the JVM, H2's own file and socket I/O among them (H2's
 * {@code Server.start} connects to its own port once to see that it listens).
 *
 * <p>{@code args}: working directory, seconds of load, force the journal every this many requests.
 */
public final class H2ServerUnderLoad {
    static final String POOL = "h2-client-";
    static final int CLIENTS = 4;
    static final String SLOW_FORCE_THREAD = POOL + "2";
    static final String SLOW_FORCE_FRAME = H2ServerUnderLoad.class.getName() + ".saveSnapshot";
    static final int SNAPSHOT_MIB = 64;
    static final String HELD_ANSWER_THREAD = POOL + "1";
    static final String HELD_ANSWER_FRAME = H2ServerUnderLoad.class.getName() + ".heldAnswer";
    static final int HELD_ANSWER_MS = 80;

    private final AtomicLong journalWrites = new AtomicLong();
    private final AtomicLong journalForces = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Path dir;
    private final String url;
    private final int forceEvery;
    private final long quarterWay;
    private final long halfWay;
    private final long end;

    private H2ServerUnderLoad(Path dir, String url, int forceEvery, long nanos) {
        this.dir = dir;
        this.url = url;
        this.forceEvery = forceEvery;
        this.quarterWay = System.nanoTime() + nanos / 4;
        this.halfWay = System.nanoTime() + nanos / 2;
        this.end = System.nanoTime() + nanos;
    }

    /** The stored procedure {@code HOLD_ANSWER(ms)}: runs in the server's connection thread. */
    public static int holdAnswer(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    private Connection connect() throws Exception {
        connections.incrementAndGet();
        return DriverManager.getConnection(url, "sa", "");
    }

    private void client(int id, FileChannel journal) throws Exception {
        String name = Thread.currentThread().getName();
        boolean snapshotDue = name.equals(SLOW_FORCE_THREAD), heldAnswerDue = name.equals(HELD_ANSWER_THREAD);
        try (Connection c = connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)");
                PreparedStatement byId = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
            long base = (long) id << 40;
            for (long i = 0; System.nanoTime() < end; i++) {
                insert.setLong(1, base + i);
                insert.setString(2, "row " + (base + i));
                insert.executeUpdate();
                byId.setLong(1, base + i);
                String answer;
                try (ResultSet r = byId.executeQuery()) {
                    r.next();
                    answer = r.getString(1) + "\n";
                }
                journal.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                journalWrites.incrementAndGet();
                if (i % forceEvery == 0) {
                    journal.force(false);
                    journalForces.incrementAndGet();
                }
                if (heldAnswerDue && System.nanoTime() >= quarterWay) {
                    heldAnswerDue = false;
                    heldAnswer(c);
                }
                if (snapshotDue && System.nanoTime() >= halfWay) {
                    snapshotDue = false;
                    saveSnapshot();
                }
            }
        }
    }

    /** Writes a snapshot of {@link #SNAPSHOT_MIB} MiB and forces it to disk: the slow force. */
    private void saveSnapshot() throws Exception {
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        for (int i = 0; i < block.capacity(); i += 8) block.putLong(i, i * 0x9E3779B97F4A7C15L);
        try (FileChannel snapshot = FileChannel.open(dir.resolve("snapshot.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < SNAPSHOT_MIB; i++) {
                block.clear();
                while (block.hasRemaining()) snapshot.write(block);
            }
            snapshot.force(true);
        }
    }

    private static void heldAnswer(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("CALL HOLD_ANSWER(" + HELD_ANSWER_MS + ")")) {
            r.next();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
        long nanos = (long) (Double.parseDouble(args[1]) * 1e9);
        int forceEvery = Integer.parseInt(args[2]);
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        String address = "127.0.0.1:" + server.getPort();
        H2ServerUnderLoad load = new H2ServerUnderLoad(dir, "jdbc:h2:tcp://" + address + "/load", forceEvery, nanos);
        try (Connection c = load.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(id BIGINT PRIMARY KEY, v VARCHAR(100))");
            s.execute("CREATE ALIAS HOLD_ANSWER FOR '" + H2ServerUnderLoad.class.getName() + ".holdAnswer'");
        }
        Path journalFile = dir.resolve("journal.log");
        List<Thread> clients = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try (FileChannel journal = FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (int id = 1; id <= CLIENTS; id++) {
                int client = id;
                clients.add(Thread.ofPlatform().name(POOL + id).start(() -> {
                    try {
                        load.client(client, journal);
                    } catch (Throwable t) {
                        synchronized (failures) {
                            failures.add(t);
                        }
                    }
                }));
            }
            for (Thread t : clients) t.join();
        }
        server.stop();
        if (!failures.isEmpty()) throw new IllegalStateException("a client failed", failures.getFirst());
        System.out.println("journal=" + journalFile);
        System.out.println("snapshot=" + dir.resolve("snapshot.bin"));
        System.out.println("server=" + address);
        System.out.println("connections=" + load.connections.get());
        System.out.println("journalWrites=" + load.journalWrites.get());
        System.out.println("journalForces=" + load.journalForces.get());
    }
}
