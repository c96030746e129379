package io.lwp4j.agent.it;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child program doing known file and socket I/O through every instrumented JDK path, on
 * threads of its own, counting each call it makes at the API level. It writes what it did to
 * the file named by its first argument, one line per thread and operation:
 * <pre>
 * expect jtid=31 virtual=false op=read kind=file calls=6 bytes=3037
 * </pre>
 * and, under the agent, what lwp4j counted in the process while the counted threads ran (from
 * {@code IoCounts.global()}, the agent's own classes on the class path), one line per operation:
 * <pre>
 * lwp4j op=read kind=file calls=12 bytes=6074 waits=0
 * </pre>
 * Every scenario runs twice, first on a warm-up thread (class loading reads class files, which
 * is I/O too, and belongs to whichever thread loads a class first), then on the counted one,
 * which has ended (its counts folded) when the second count is taken. Standard output is one
 * line, the same with or without the agent.
 */
public final class IoWorkload {
    /** Calls and bytes per "jtid virtual op kind", for exact comparison. */
    private static final Map<String, long[]> EXPECT = new ConcurrentHashMap<>();

    private IoWorkload() {}

    public static void main(String[] args) throws Exception {
        AgentStarted.await();   // its calls are recorded, not only counted
        Path report = Path.of(args[0]);
        Path dir = Files.createTempDirectory("lwp4j-io");
        boolean virtual = args.length > 1 && args[1].equals("virtual");
        runOnThread("warmup", false, () -> scenario(dir));
        if (virtual) {
            runOnThread("warmup-virtual", true, () -> scenario(dir));
        }
        EXPECT.clear();
        LwpCounts.snapshot();   // loads what the snapshots need (class loading is I/O)
        Object before = LwpCounts.snapshot();
        runOnThread("lwp4j-io-worker", false, () -> scenario(dir));
        if (virtual) {
            runOnThread("lwp4j-io-virtual", true, () -> scenario(dir));
        }
        Object after = LwpCounts.snapshot();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(report))) {
            new TreeMap<>(EXPECT).forEach((k, v) -> w.printf("expect %s calls=%d bytes=%d%n", k, v[0], v[1]));
            LwpCounts.between(before, after).forEach(w::println);
        }
        System.out.println("io workload done");
    }

    /** lwp4j's I/O counts in this process, through the agent's classes, when it runs. */
    private static final class LwpCounts {
        static Object snapshot() throws ReflectiveOperationException {
            try {
                Class<?> counts = Class.forName("io.lwp4j.sampler.iocount.IoCounts");
                return counts.getMethod("collect").invoke(counts.getMethod("global").invoke(null));
            } catch (ClassNotFoundException noAgent) {
                return null;
            }
        }

        /** One line per operation and kind counted between the two snapshots. */
        static java.util.List<String> between(Object before, Object after) throws ReflectiveOperationException {
            if (before == null) return java.util.List.of();
            Object interval = after.getClass().getMethod("minus", after.getClass()).invoke(after, before);
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (Object c : (java.util.List<?>) interval.getClass().getMethod("pairs").invoke(interval)) {
                lines.add("lwp4j op=" + get(c, "operationName") + " kind=" + get(c, "kindName") + " calls="
                        + get(c, "calls") + " bytes=" + get(c, "bytes") + " waits=" + get(c, "waits"));
            }
            return lines;
        }

        private static Object get(Object o, String accessor) throws ReflectiveOperationException {
            var m = o.getClass().getMethod(accessor);
            m.setAccessible(true);
            return m.invoke(o);
        }
    }

    interface Scenario {
        void run() throws Exception;
    }

    private static void runOnThread(String name, boolean virtual, Scenario s) throws Exception {
        Throwable[] failure = new Throwable[1];
        Runnable r = () -> {
            try {
                s.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        };
        Thread t = virtual ? Thread.ofVirtual().name(name).start(r) : Thread.ofPlatform().name(name).start(r);
        t.join();
        if (failure[0] != null) throw new IllegalStateException("scenario failed on " + name, failure[0]);
    }

    private static void count(String op, String kind, long bytes) {
        Thread t = Thread.currentThread();
        long[] c = EXPECT.computeIfAbsent(key(t, op, kind), k -> new long[2]);
        c[0]++;
        if (bytes > 0) c[1] += bytes;
    }

    /** Reads {@code length} bytes of a socket, each read(byte[], int, int) counted. */
    private static byte[] readCounted(InputStream in, int length) throws IOException {
        byte[] b = new byte[length];
        for (int got = 0; got < length; ) {
            int n = in.read(b, got, length - got);
            count("read", "socket", n);
            got += n;
        }
        return b;
    }

    private static String key(Thread t, String op, String kind) {
        return "jtid=" + t.threadId() + " virtual=" + t.isVirtual() + " op=" + op + " kind=" + kind;
    }

    private static void scenario(Path dir) throws Exception {
        files(dir);
        sockets();
        channels();
    }

    private static void files(Path dir) throws IOException {
        Path f = dir.resolve("data-" + Thread.currentThread().threadId());
        try (OutputStream out = new FileOutputStream(f.toFile())) {
            count("open", "file", 0);
            for (int i = 0; i < 3; i++) {
                out.write(new byte[1000]);
                count("write", "file", 1000);
            }
            out.write(7);
            count("write", "file", 1);
        }
        try (InputStream in = new FileInputStream(f.toFile())) {
            count("open", "file", 0);
            byte[] b = new byte[4096];
            int n;
            do {
                n = in.read(b);
                count("read", "file", n);
            } while (n > 0);
            in.read();
            count("read", "file", 0);
        }
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            count("open", "file", 0);
            raf.write(new byte[10]);
            count("write", "file", 10);
            raf.seek(0);
            count("read", "file", raf.read(new byte[5]));
            raf.read();
            count("read", "file", 1);
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            count("open", "file", 0);
            count("pwrite", "file", ch.write(ByteBuffer.wrap(new byte[100]), 0));
            count("pread", "file", ch.read(ByteBuffer.allocate(50), 10));
            count("write", "file", ch.write(ByteBuffer.wrap(new byte[20])));
            ch.position(0);
            count("read", "file", ch.read(ByteBuffer.allocate(30)));
            ch.force(true);
            count("force", "file", 0);
        }
    }

    /** java.net.Socket and ServerSocket; a server thread echoes, after a pause for the poll. */
    private static void sockets() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Throwable[] failure = new Throwable[1];
            Thread serverThread = Thread.ofPlatform().name("lwp4j-io-server").start(() -> {
                try (Socket peer = server.accept()) {
                    count("accept", "server-socket", 0);
                    byte[] b = readCounted(peer.getInputStream(), 300);
                    Thread.sleep(100);   // the client waits in poll(2) for the echo
                    peer.getOutputStream().write(b, 0, 300);
                    count("write", "socket", 300);
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            try (Socket client = new Socket()) {
                client.connect(server.getLocalSocketAddress());
                count("connect", "socket", 0);
                client.setSoTimeout(10_000);
                for (int i = 0; i < 3; i++) {
                    client.getOutputStream().write(new byte[100]);
                    count("write", "socket", 100);
                }
                readCounted(client.getInputStream(), 300);
            }
            serverThread.join();
            if (failure[0] != null) throw new IllegalStateException("server failed", failure[0]);
        }
    }

    /** SocketChannel, ServerSocketChannel and a Selector. */
    private static void channels() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                count("connect", "socket", 0);
                try (SocketChannel peer = server.accept()) {
                    count("accept", "server-socket", 0);
                    count("write", "socket", client.write(ByteBuffer.wrap(new byte[64])));
                    peer.configureBlocking(false);
                    try (Selector selector = Selector.open()) {
                        peer.register(selector, SelectionKey.OP_READ);
                        int ready;
                        do {
                            ready = selector.select(5000);
                            count("select", "selector", 0);
                        } while (ready == 0);
                        ByteBuffer in = ByteBuffer.allocate(64);
                        while (in.hasRemaining()) {
                            int n = peer.read(in);
                            count("read", "socket", n);
                            if (in.hasRemaining() && n == 0) {
                                selector.selectedKeys().clear();
                                selector.select(5000);
                                count("select", "selector", 0);
                            }
                        }
                    }
                }
            }
        }
    }
}
