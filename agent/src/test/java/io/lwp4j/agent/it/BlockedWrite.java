package io.lwp4j.agent.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A child program whose one socket write must wait for room: a virtual thread (whose socket the
 * JDK makes non-blocking, so a full send buffer is a poll for POLLOUT) writes {@link #BYTES} in
 * one call to a peer that starts reading only once that thread is parked in the write. Then a
 * virtual thread reads a reply that its peer sends only once that reader is parked too (a poll
 * for POLLIN). Prints one line.
 */
public final class BlockedWrite {
    public static final int BYTES = 16 << 20;

    private BlockedWrite() {}

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            Thread writer = Thread.ofVirtual().name("blocked-writer").start(() -> {
                try {
                    client.getOutputStream().write(new byte[BYTES]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitParked(writer);
            InputStream in = peer.getInputStream();
            byte[] b = new byte[1 << 16];
            for (long got = 0; got < BYTES; ) {
                int n = in.read(b);
                if (n < 0) throw new IllegalStateException("the writer's socket closed early");
                got += n;
            }
            writer.join();
            Thread reader = Thread.ofVirtual().name("waiting-reader").start(() -> {
                try {
                    if (client.getInputStream().read() != 42) throw new IllegalStateException("wrong reply");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitParked(reader);
            OutputStream out = peer.getOutputStream();
            out.write(42);
            reader.join();
        }
        System.out.println("blocked write done");
    }

    /** Until {@code t} is parked (a virtual thread in a poll is WAITING). */
    private static void awaitParked(Thread t) {
        while (t.getState() != Thread.State.WAITING) {
            if (!t.isAlive()) throw new IllegalStateException(t.getName() + " ended without waiting");
            Thread.onSpinWait();
        }
    }
}
