package io.lwp4j.bench;

import java.io.FileInputStream;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * JDK I/O calls that lwp4j's agent instruments, timed per call. Run once without and once
 * with {@code -javaagent:lwp4j-agent.jar} ({@link AgentOverhead} does both and subtracts):
 * the difference is what the advice costs a call.
 *
 * <ul>
 *   <li>{@code emptyStreamRead}: {@code FileInputStream.read(b, 0, 0)}, which returns before
 *       any syscall: the call is nearly free, so the advice's own cost stands out (the "empty
 *       read" of issue 14).
 *   <li>{@code eofRead}: {@code FileInputStream.read()} of an empty file: a one-byte read(2)
 *       at end of file.
 *   <li>{@code filePread}: {@code FileChannel.read(buffer, 0)}, a real pread(2) of 4 KiB from
 *       the page cache.
 *   <li>{@code socketWriteRead}: one byte written to a loopback socket and read back at its
 *       other end, both by this thread (no wake-up of another thread, so no bimodal waits on a
 *       2-vCPU VM): a write(2) and a read(2) that finds its byte, two calls per operation.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class SyscallAdviceBenchmark {
    private Path empty;
    private Path file;
    private FileInputStream emptyStream;
    private final byte[] bytes = new byte[64];
    private FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(4096);
    private ServerSocket server;
    private Socket client;
    private Socket peer;
    private OutputStream clientOut;
    private InputStream peerIn;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        AgentStarted.await();   // lwp4j running, timing calls by its record clock
        empty = Files.createTempFile("lwp4j-bench-empty", ".bin");
        file = Files.createTempFile("lwp4j-bench", ".bin");
        Files.write(file, new byte[8192]);
        emptyStream = new FileInputStream(empty.toFile());
        channel = FileChannel.open(file, StandardOpenOption.READ);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(server.getInetAddress(), server.getLocalPort());
        peer = server.accept();
        client.setTcpNoDelay(true);
        clientOut = client.getOutputStream();
        peerIn = peer.getInputStream();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        emptyStream.close();
        channel.close();
        client.close();
        peer.close();
        server.close();
        Files.deleteIfExists(empty);
        Files.deleteIfExists(file);
    }

    @Benchmark
    public int emptyStreamRead() throws IOException {
        return emptyStream.read(bytes, 0, 0);
    }

    @Benchmark
    public int eofRead() throws IOException {
        return emptyStream.read();
    }

    @Benchmark
    public int filePread() throws IOException {
        block.clear();
        return channel.read(block, 0);
    }

    @Benchmark
    public int socketWriteRead() throws IOException {
        clientOut.write(42);
        return peerIn.read();
    }
}
