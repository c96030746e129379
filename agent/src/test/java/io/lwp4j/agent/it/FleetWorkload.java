package io.lwp4j.agent.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The fleet test's application: once "go" comes on standard input it makes exactly the calls
 * its arguments say, then waits for standard input to close. Under {@code
 * ops=write+force+connect+accept} the agent counts these and nothing else of it: {@code
 * fileWrites} 4 KiB writes to a file and the first {@code fsyncs} of them each followed by a
 * force, one connect, one accept and {@code socketWrites} writes of 100 bytes (30 KB in all
 * fit a loopback receive buffer, so no write is split in two calls). It prints nothing: its
 * output would be written, and counted, too.
 *
 * <p>Arguments: fileWrites fsyncs socketWrites.
 */
public final class FleetWorkload {
    private FleetWorkload() {}

    public static void main(String[] args) throws Exception {
        int fileWrites = Integer.parseInt(args[0]);
        int fsyncs = Integer.parseInt(args[1]);
        int socketWrites = Integer.parseInt(args[2]);
        InputStream in = System.in;
        while (in.read() != '\n') {
            // "go"
        }
        Path file = Files.createTempFile("lwp4j-fleet", ".dat");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            for (int i = 0; i < fileWrites; i++) {
                block.clear();
                channel.write(block);
                if (i < fsyncs) channel.force(false);
            }
        } finally {
            Files.delete(file);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = new Thread(() -> {
                try (Socket s = server.accept(); InputStream r = s.getInputStream()) {
                    r.transferTo(OutputStream.nullOutputStream());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "fleet-reader");
            reader.start();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                OutputStream out = client.getOutputStream();
                byte[] hundred = new byte[100];
                for (int i = 0; i < socketWrites; i++) out.write(hundred);
            }
            reader.join();
        }
        while (in.read() >= 0) {
            // until the test closes standard input
        }
    }
}
