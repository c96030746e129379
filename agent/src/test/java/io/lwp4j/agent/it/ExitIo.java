package io.lwp4j.agent.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child program doing socket I/O up to its very end: on the main thread, on a thread that
 * ends before exit, and in its own shutdown hook, against an echo server thread of its own
 * that is still blocked in {@code accept} when the JVM halts. It counts every call it makes
 * (per operation and kind, over all its threads) and, as the last act of its shutdown hook,
 * writes them to the file named by its first argument ({@code expect jtid=0 virtual=false op=..
 * kind=.. calls=.. bytes=..}), then the JVM exits with the code of its second argument.
 */
public final class ExitIo {
    private static final Map<String, long[]> COUNTS = new ConcurrentHashMap<>();
    private static volatile CountDownLatch echoed;

    private ExitIo() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("lwp4j-exit-echo").start(() -> echo(server));
        roundTrip(server, 3);
        Thread ending = Thread.ofPlatform().name("lwp4j-exit-ending").start(() -> roundTrip(server, 5));
        ending.join();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            roundTrip(server, 7);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(report))) {
                new TreeMap<>(COUNTS).forEach((k, v) -> w.printf("expect jtid=0 virtual=false %s calls=%d bytes=%d%n",
                        k, v[0], v[1]));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "lwp4j-exit-hook"));
        System.out.println("exit io program: " + args[1]);
        System.exit(Integer.parseInt(args[1]));
    }

    private static void count(String op, String kind, long bytes) {
        long[] c = COUNTS.computeIfAbsent("op=" + op + " kind=" + kind, k -> new long[2]);
        synchronized (c) {
            c[0]++;
            if (bytes > 0) c[1] += bytes;
        }
    }

    /** {@code writes} writes of 100 bytes, each read back from the echo, then waits for the echo to be done. */
    private static void roundTrip(ServerSocket server, int writes) {
        echoed = new CountDownLatch(1);
        try (Socket s = new Socket()) {
            s.connect(server.getLocalSocketAddress());
            count("connect", "socket", 0);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] b = new byte[100];
            for (int i = 0; i < writes; i++) {
                out.write(b);
                count("write", "socket", 100);
                int got = 0;
                while (got < 100) {
                    int n = in.read(b, got, 100 - got);
                    count("read", "socket", n);
                    got += n;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try {
            if (!echoed.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the echo did not end");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void echo(ServerSocket server) {
        try {
            while (true) {
                try (Socket peer = server.accept()) {
                    count("accept", "server-socket", 0);
                    byte[] b = new byte[100];
                    InputStream in = peer.getInputStream();
                    OutputStream out = peer.getOutputStream();
                    for (int n; (n = in.read(b)) > 0; ) {
                        count("read", "socket", n);
                        out.write(b, 0, n);
                        count("write", "socket", n);
                    }
                    count("read", "socket", 0);   // the end of stream
                }
                echoed.countDown();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
