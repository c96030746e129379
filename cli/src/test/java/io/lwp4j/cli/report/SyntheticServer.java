package io.lwp4j.cli.report;

import io.lwp4j.jfr.synthetic.SyntheticAgent;
import io.lwp4j.jfr.synthetic.SyntheticAgent.Wait;
import io.lwp4j.jfr.synthetic.SyntheticIoEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;

/**
 * A small server under load, recorded with lwp4j's I/O events as the agent writes them (issue
 * 14's schema, through {@link SyntheticAgent} until the agent writes them itself). Real I/O on
 * real threads: pool threads {@code qtp1843-N} send requests over loopback sockets to
 * connection threads of {@code h2 tcp server} and append each answer to a journal file, forcing
 * it every {@code forceEvery} requests; a selector thread waits in select. Every call is timed
 * and counted as the agent counts it, one {@code lwp4j.SyscallSummary} per (operation, kind)
 * every {@link #INTERVAL_NANOS}, slow and failed calls as {@code lwp4j.Syscall} on their thread.
 *
 * <p>Forced, once each: a force of the journal that takes 250 ms in {@code qtp1843-2} (in
 * {@link Journal#forceSlowly}), an answer the server holds back 80 ms, and a write to a socket
 * the peer has closed. The exact totals go beside the recording in {@code RECORDING.totals}.
 *
 * <p>{@code args}: recording file, seconds, forceEvery.
 */
public final class SyntheticServer {
    static final long INTERVAL_NANOS = 250_000_000L;
    static final String POOL = "qtp1843-";
    static final int POOL_THREADS = 4;
    static final String SLOW_FORCE_THREAD = POOL + "2";
    static final String SLOW_FORCE_FRAME = SyntheticServer.class.getName() + "$Journal.forceSlowly";

    private final SyntheticAgent agent = new SyntheticAgent();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Path journalFile;
    private final int forceEvery;

    private SyntheticServer(Path journalFile, int forceEvery) {
        this.journalFile = journalFile;
        this.forceEvery = forceEvery;
    }

    /** The journal every pool thread appends to; its slow force is the one to find in the report. */
    final class Journal {
        private final FileChannel channel;

        Journal() throws IOException {
            channel = FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }

        void append(byte[] record) throws IOException {
            agent.call("write", "file", journalFile.toString(), null, Wait.NONE, () -> channel.write(ByteBuffer.wrap(record)));
        }

        void force() throws IOException {
            agent.call("force", "file", journalFile.toString(), null, Wait.NONE, () -> {
                channel.force(false);
                return 0;
            });
        }

        /** A force held up as on a busy disk: 250 ms. */
        void forceSlowly() throws IOException {
            agent.call("force", "file", journalFile.toString(), null, Wait.NONE, () -> {
                channel.force(true);
                sleep(250);
                return 0;
            });
        }
    }

    private void serve(Socket connection, CountDownLatch slowAnswerDue) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            byte[] request = new byte[64];
            while (running.get()) {
                long n = agent.call("read", "socket", null, connection, Wait.IF_BLOCKED,
                        () -> in.readNBytes(request, 0, request.length));
                if (n < request.length) return;
                if (request[0] == 'S' && slowAnswerDue.getCount() > 0) {
                    slowAnswerDue.countDown();
                    sleep(80); // the answer held back: the client's read waits
                }
                agent.call("write", "socket", null, connection, Wait.NONE, () -> {
                    out.write(request, 0, 32);
                    return 32;
                });
            }
        } catch (IOException closed) {
            // the client went away: the run is over
        }
    }

    private void client(int port, Journal journal, int id) {
        try (Socket socket = new Socket()) {
            agent.call("connect", "socket", null, socket, Wait.NONE, () -> {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return 0;
            });
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] request = new byte[64], answer = new byte[32];
            for (int i = 0; running.get(); i++) {
                request[0] = (byte) (id == 1 && i == 200 ? 'S' : 'R');
                agent.call("write", "socket", null, socket, Wait.NONE, () -> {
                    out.write(request);
                    return request.length;
                });
                agent.call("read", "socket", null, socket, Wait.IF_BLOCKED, () -> in.readNBytes(answer, 0, answer.length));
                journal.append(answer);
                if (Thread.currentThread().getName().equals(SLOW_FORCE_THREAD) && i == 300) journal.forceSlowly();
                else if (i % forceEvery == 0) journal.force();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A write to a socket whose peer has gone: fails, and is recorded with its error. */
    private void failedWrite(ServerSocket server) throws IOException, InterruptedException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.shutdownOutput();
        socket.close();
        try {
            agent.call("write", "socket", null, socket, Wait.NONE, () -> {
                socket.getOutputStream().write(1);
                return 1;
            });
        } catch (IOException expected) {
            // counted and recorded as failed
        }
    }

    private void run(Path recordingFile, double seconds) throws Exception {
        Path journalDir = journalFile.getParent();
        Files.createDirectories(journalDir);
        CountDownLatch slowAnswerDue = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        try (Recording recording = new Recording(); ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Selector selector = Selector.open()) {
            recording.enable(SyntheticIoEvents.Summary.class);
            recording.enable(SyntheticIoEvents.Call.class).withStackTrace();
            for (String context : List.of("jdk.JVMInformation", "jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable")) {
                recording.enable(context);
            }
            recording.start();
            Thread acceptor = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    try {
                        Socket[] accepted = new Socket[1];
                        agent.call("accept", "server-socket", null, null, Wait.WHOLE, () -> {
                            accepted[0] = server.accept();
                            return 0;
                        });
                        Thread t = new Thread(() -> serve(accepted[0], slowAnswerDue), "h2 tcp server connection-" + ++n);
                        t.start();
                        threads.add(t);
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "h2 tcp server");
            Thread selecting = new Thread(() -> {
                while (running.get()) {
                    try {
                        agent.call("select", "selector", null, null, Wait.WHOLE, () -> selector.select(100));
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "selector");
            acceptor.start();
            selecting.start();
            Journal journal = new Journal();
            List<Thread> pool = new ArrayList<>();
            for (int i = 1; i <= POOL_THREADS; i++) {
                int id = i;
                Thread t = new Thread(() -> client(server.getLocalPort(), journal, id), POOL + i);
                pool.add(t);
                t.start();
            }
            failedWrite(server);
            long end = System.nanoTime() + (long) (seconds * 1e9), next = System.nanoTime() + INTERVAL_NANOS;
            while (System.nanoTime() < end) {
                sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
                agent.endInterval(INTERVAL_NANOS);
                next += INTERVAL_NANOS;
            }
            running.set(false);
            selector.wakeup();
            for (Thread t : pool) t.join();
            server.close();
            acceptor.join();
            selecting.join();
            for (Thread t : new ArrayList<>(threads)) t.join();
            agent.endInterval(INTERVAL_NANOS);
            recording.stop();
            recording.dump(recordingFile);
        }
        Properties facts = new Properties();
        facts.setProperty("journal", journalFile.toString());
        agent.writeTotals(totalsOf(recordingFile), facts);
    }

    static Path totalsOf(Path recordingFile) {
        return recordingFile.resolveSibling(recordingFile.getFileName() + ".totals");
    }

    static Properties totals(Path recordingFile) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(totalsOf(recordingFile))) {
            p.load(in);
        }
        return p;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code args}: recording file, seconds to run, force the journal every this many requests. */
    public static void main(String[] args) throws Exception {
        Path recording = Path.of(args[0]);
        new SyntheticServer(recording.resolveSibling(recording.getFileName() + ".journal"), Integer.parseInt(args[2]))
                .run(recording, Double.parseDouble(args[1]));
    }
}
