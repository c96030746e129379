package io.lwp4j.bench;

import java.io.FileInputStream;
import java.io.IOException;
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
 * </ul>
 *
 * <p>No socket benchmark here: a loopback round trip between two threads on this 2-vCPU VM is
 * bimodal (5 or 30+ us, whether the peer's vCPU was halted), far noisier than the advice;
 * socket I/O under the agent is measured with a real server instead ({@link AgentThroughput}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class SyscallAdviceBenchmark {
    private Path file;
    private FileInputStream stream;
    private FileChannel channel;
    private final byte[] bytes = new byte[64];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(64);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("lwp4j-bench", ".bin");
        Files.write(file, new byte[4096]);
        stream = new FileInputStream(file.toFile());
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
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
}
