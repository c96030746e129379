package io.lwp4j.agent.it;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A child program making calls the agent must explain like the JDK's own events do. {@code
 * read}: a client thread named {@code lwp4j-slow-reader}, and a virtual one named {@code
 * lwp4j-slow-virtual}, each send a byte to a local server and read the one it answers {@value
 * #PEER_DELAY_MS} ms later ({@link #readSlowly}); prints {@code peer=<address:port>} of the
 * server. {@code force
 * <dir>}: writes 64 KiB into a file there and forces it to disk ({@link #forceToDisk}); prints
 * {@code path=<the file>}.
 */
public final class SlowCalls {
    public static final int PEER_DELAY_MS = 60;

    private SlowCalls() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "read" -> {
                try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
                    Thread peer = Thread.ofPlatform().name("lwp4j-slow-peer").start(() -> serve(server, 2));
                    System.out.println("peer=" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
                    Thread.ofPlatform().name("lwp4j-slow-reader").start(() -> readFrom(server)).join();
                    Thread.ofVirtual().name("lwp4j-slow-virtual").start(() -> readFrom(server)).join();
                    peer.join();
                }
            }
            case "force" -> {
                Path file = Path.of(args[1]).resolve("forced.bin");
                forceToDisk(file);
                System.out.println("path=" + file);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void serve(ServerSocket server, int clients) {
        try {
            for (int i = 0; i < clients; i++) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();   // the client is about to read
                    Thread.sleep(PEER_DELAY_MS);
                    s.getOutputStream().write(42);
                    s.getInputStream().read();   // until the client closes
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readFrom(ServerSocket server) {
        try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
            s.getOutputStream().write(1);
            if (readSlowly(s.getInputStream()) != 42) throw new IllegalStateException("the peer sent something else");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The method a slow read's stack trace must hold. */
    static int readSlowly(InputStream in) throws Exception {
        return in.read();
    }

    /** The method a force's stack trace holds. */
    static void forceToDisk(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(64 * 1024));
            ch.force(true);
        }
    }
}
