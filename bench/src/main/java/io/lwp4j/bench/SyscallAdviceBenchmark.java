package io.lwp4j.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * JDK I/O calls that lwp4j's agent instruments, timed per call. Run once without and once
 * with {@code -javaagent:lwp4j-agent.jar} ({@link AgentOverhead} does both and subtracts):
 * the difference is what the advice costs a call.
 *
 * <ul>
 *   <li>{@code emptyStreamRead}: {@code FileInputStream.read(b, 0, 0)}, a JNI call that returns
 *       before any syscall: the advice's own cost stands out of a ~20 ns call.
 *   <li>{@code filePread}: {@code FileChannel.read(buffer, 0)}, a real pread(2) of 64 bytes
 *       from the page cache.
 *   <li>{@code socketRoundTrip}: one 64-byte write and one 64-byte read on each end of a
 *       loopback TCP connection with {@code java.net.Socket} (4 advised calls; the peer is a
 *       thread echoing back).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class SyscallAdviceBenchmark {
    private Path file;
    private FileInputStream stream;
    private FileChannel channel;
    private final byte[] bytes = new byte[64];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(64);
    private ServerSocket server;
    private Socket client;
    private Thread echo;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("lwp4j-bench", ".bin");
        Files.write(file, new byte[4096]);
        stream = new FileInputStream(file.toFile());
        channel = FileChannel.open(file, StandardOpenOption.READ);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setTcpNoDelay(true);
        Socket peer = server.accept();
        peer.setTcpNoDelay(true);
        echo = new Thread(() -> {
            byte[] b = new byte[64];
            try (peer) {
                while (true) {
                    int n = peer.getInputStream().readNBytes(b, 0, 64);
                    if (n < 64) return;
                    peer.getOutputStream().write(b, 0, 64);
                }
            } catch (IOException closed) {
                // the benchmark is over
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
        echo.join(5000);
        server.close();
        stream.close();
        channel.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int emptyStreamRead() throws IOException {
        return stream.read(bytes, 0, 0);
    }

    @Benchmark
    public int filePread() throws IOException {
        direct.clear();
        return channel.read(direct, 0);
    }

    @Benchmark
    public int socketRoundTrip() throws IOException {
        client.getOutputStream().write(bytes, 0, 64);
        return client.getInputStream().readNBytes(bytes, 0, 64);
    }
}
