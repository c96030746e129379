package io.lwp4j.agent;

import static io.lwp4j.agent.SiteAdvice.*;
import static io.lwp4j.sampler.layout.SyscallLayout.*;

import io.lwp4j.sampler.Warnings;
import io.lwp4j.sampler.layout.SyscallLayout;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Where lwp4j's advice goes in the JDK, and installing it (retransforming what is already
 * loaded).
 *
 * <p>The I/O methods are the ones the JDK's own JFR I/O events wrap (JDK 22+: {@code
 * jdk.internal.event.FileReadEvent}/{@code FileWriteEvent}/{@code FileForceEvent}/{@code
 * SocketReadEvent}/{@code SocketWriteEvent} are offered from exactly these classes), taken one
 * level in where the JDK funnels several public methods into one private one (e.g.
 * {@code NioSocketImpl.implRead}), plus what JFR does not time: open, connect, accept, the
 * poll wait of blocking sockets and the selectors' wait. Each method is advised once, so a call
 * counts once; the poll wait inside a blocking socket call ({@code POLL}: {@code park}) is not
 * a call of its own but that call's wait time. Native methods cannot carry advice, so their
 * Java callers do.
 *
 * <p>Threads: {@code Thread.run()} (every thread made with a Runnable, so every executor's
 * worker) and {@code ForkJoinWorkerThread.run()} (fork/join workers, virtual threads' carriers)
 * give a platform thread its buffer as it starts; a Thread subclass that overrides {@code run()}
 * without calling {@code super.run()} gets it at its first record instead (matching every class
 * against "is a Thread" would make every class load parse its super types). {@code
 * Thread.exit()}, which the VM calls on every terminating platform thread, gives it back.
 *
 * <p>Every type is matched by name only, so the transformer ({@link SiteTransformer}) costs a
 * class load next to nothing unless the class is one of these; a method by its name and
 * descriptor.
 */
final class JdkInstrumentation {
    /**
     * One advised method: {@code name} and {@code descriptor} in class {@code type}, with the
     * advice of its shape and the constant it passes ({@link SyscallLayout#operationAndKind}).
     */
    record Site(String type, String name, String descriptor, SiteAdvice advice, int operation, int kind) {
        int operationAndKind() {
            return SyscallLayout.operationAndKind(operation, kind);
        }

        @Override
        public String toString() {
            return type + "." + name + descriptor;
        }
    }

    static final List<Site> IO_SITES = List.of(
            // java.io streams
            new Site("java.io.FileInputStream", "open", "(Ljava/lang/String;)V", VOID_CALL, OPEN, FILE),
            new Site("java.io.FileInputStream", "read", "()I", SINGLE_BYTE_READ, READ, FILE),
            new Site("java.io.FileInputStream", "read", "([B)I", WHOLE_ARRAY_RETURNING_COUNT, READ, FILE),
            new Site("java.io.FileInputStream", "read", "([BII)I", ARRAY_RANGE_RETURNING_COUNT, READ, FILE),
            new Site("java.io.FileOutputStream", "open", "(Ljava/lang/String;Z)V", VOID_CALL, OPEN, FILE),
            new Site("java.io.FileOutputStream", "write", "(I)V", SINGLE_BYTE_WRITE, WRITE, FILE),
            new Site("java.io.FileOutputStream", "write", "([B)V", WHOLE_ARRAY_VOID, WRITE, FILE),
            new Site("java.io.FileOutputStream", "write", "([BII)V", ARRAY_RANGE_VOID, WRITE, FILE),
            new Site("java.io.RandomAccessFile", "open", "(Ljava/lang/String;I)V", VOID_CALL, OPEN, FILE),
            new Site("java.io.RandomAccessFile", "read", "()I", SINGLE_BYTE_READ, READ, FILE),
            new Site("java.io.RandomAccessFile", "readBytes", "([BII)I", ARRAY_RANGE_RETURNING_COUNT, READ, FILE),
            new Site("java.io.RandomAccessFile", "write", "(I)V", SINGLE_BYTE_WRITE, WRITE, FILE),
            new Site("java.io.RandomAccessFile", "writeBytes", "([BII)V", ARRAY_RANGE_VOID, WRITE, FILE),
            // FileChannel (also Files.newInputStream/newOutputStream/readAllBytes/write)
            new Site("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;)I", BUFFER_TRANSFER, READ, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "read", "([Ljava/nio/ByteBuffer;II)J", BUFFER_ARRAY_TRANSFER, READ,
                    FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write", "(Ljava/nio/ByteBuffer;)I", BUFFER_TRANSFER, WRITE, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write", "([Ljava/nio/ByteBuffer;II)J", BUFFER_ARRAY_TRANSFER, WRITE,
                    FILE),
            new Site("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;J)I", POSITIONAL_TRANSFER, PREAD, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write", "(Ljava/nio/ByteBuffer;J)I", POSITIONAL_TRANSFER, PWRITE,
                    FILE),
            new Site("sun.nio.ch.FileChannelImpl", "force", "(Z)V", VOID_CALL, FORCE, FILE),
            new Site("sun.nio.fs.UnixNativeDispatcher", "open", "(Lsun/nio/fs/UnixPath;II)I", NATIVE_OPEN, OPEN, FILE),
            new Site("sun.nio.fs.UnixNativeDispatcher", "openat", "(I[BII)I", NATIVE_OPEN_AT, OPEN, FILE),
            // java.net.Socket / ServerSocket (NioSocketImpl)
            new Site("sun.nio.ch.NioSocketImpl", "implRead", "([BIIJ)I", ARRAY_RANGE_RETURNING_COUNT, READ, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "implWrite", "([BII)I", ARRAY_RANGE_RETURNING_COUNT, WRITE, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "connect", "(Ljava/net/SocketAddress;I)V", VOID_CALL, CONNECT, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "accept", "(Ljava/net/SocketImpl;)V", VOID_CALL, ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "park", "(Ljava/io/FileDescriptor;IJ)V", WAIT, POLL, 0),
            // SocketChannel / ServerSocketChannel (and their socket adaptors)
            new Site("sun.nio.ch.SocketChannelImpl", "implRead", "(Ljava/nio/ByteBuffer;)I", BUFFER_TRANSFER, READ,
                    SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implRead", "([Ljava/nio/ByteBuffer;II)J", BUFFER_ARRAY_TRANSFER,
                    READ, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implWrite", "(Ljava/nio/ByteBuffer;)I", BUFFER_TRANSFER, WRITE,
                    SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implWrite", "([Ljava/nio/ByteBuffer;II)J", BUFFER_ARRAY_TRANSFER,
                    WRITE, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingRead", "([BIIJ)I", ARRAY_RANGE_RETURNING_COUNT, READ,
                    SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingWriteFully", "([BII)V", ARRAY_RANGE_VOID, WRITE, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "connect", "(Ljava/net/SocketAddress;)Z", BOOLEAN_CALL, CONNECT,
                    SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingConnect", "(Ljava/net/SocketAddress;J)V", VOID_CALL,
                    CONNECT, SOCKET),
            new Site("sun.nio.ch.ServerSocketChannelImpl", "accept", "()Ljava/nio/channels/SocketChannel;", ACCEPT_CALL,
                    ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.ServerSocketChannelImpl", "blockingAccept", "(J)Ljava/nio/channels/SocketChannel;",
                    ACCEPT_CALL, ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.SelChImpl", "park", "(IJ)V", WAIT, POLL, 0),
            // Selectors
            new Site("sun.nio.ch.EPollSelectorImpl", "doSelect", "(Ljava/util/function/Consumer;J)I", SELECT_CALL, SELECT,
                    SELECTOR),
            new Site("sun.nio.ch.PollSelectorImpl", "doSelect", "(Ljava/util/function/Consumer;J)I", SELECT_CALL, SELECT,
                    SELECTOR));

    /** A platform thread's start and end (operation and kind 0: they pass none). */
    static final List<Site> THREAD_SITES = List.of(
            new Site("java.lang.Thread", "run", "()V", THREAD_START, 0, 0),
            new Site("java.util.concurrent.ForkJoinWorkerThread", "run", "()V", THREAD_START, 0, 0),
            new Site("java.lang.Thread", "exit", "()V", THREAD_EXIT, 0, 0));

    private JdkInstrumentation() {}

    /**
     * Installs the thread lifecycle advice (when {@code threads}) and the I/O advice for the
     * operations in {@code operations} (bit i: operation code i): adds the transformer, which
     * advises each class as it loads, and retransforms those already loaded, all in one
     * retransformation. Returns the transformer; {@link #warnOfMissingSites} checks the rest.
     *
     * <p>The others are not loaded here: most programs never load most of them (a program
     * without sockets, its socket classes), and advising a class costs its transformation,
     * about 5 ms of the interpreter's time.
     */
    static SiteTransformer install(Instrumentation inst, boolean threads, BitSet operations) {
        List<Site> sites = new ArrayList<>();
        for (Site site : IO_SITES) {
            if (operations.get(site.operation())) sites.add(site);
        }
        if (threads) sites.addAll(THREAD_SITES);
        SiteTransformer transformer = new SiteTransformer(sites);
        inst.addTransformer(transformer, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == null && transformer.types().contains(c.getName())) loaded.add(c);
        }
        transformer.loadedBefore(loaded);
        List<Class<?>> retransform = new ArrayList<>();
        for (Class<?> c : loaded) {
            if (!transformer.transformed(c.getName())) retransform.add(c);   // else loaded since addTransformer: advised
        }
        if (retransform.isEmpty()) return transformer;
        try {
            inst.retransformClasses(retransform.toArray(new Class<?>[0]));   // one VM operation for all
        } catch (Throwable failed) {
            // then none was retransformed: one at a time, to name the class that fails
            for (Class<?> c : retransform) {
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    transformer.failed(c.getName(), t);
                }
            }
        }
        return transformer;
    }

    /**
     * Warns of what {@link #install} could not advise: sites this JDK lacks (the class files of
     * the classes not loaded yet are read to tell), classes that failed. Reading those class files
     * costs milliseconds, so the start thread does it, not premain.
     */
    static void warnOfMissingSites(SiteTransformer transformer) {
        List<Class<?>> loaded = transformer.loadedBefore();
        for (String type : transformer.types()) {
            boolean isLoaded = false;
            for (Class<?> c : loaded) isLoaded |= c.getName().equals(type);
            if (!isLoaded) transformer.findSitesOf(type);
        }
        List<Site> missing = transformer.missingSites();
        if (!missing.isEmpty()) {
            Warnings.warnOnce("missing-sites", "this JDK (" + Runtime.version() + ") lacks " + missing.size()
                    + " I/O method(s) lwp4j instruments, first " + missing.get(0)
                    + "; calls through them go unrecorded (lwp4j knows JDK 22 to 25)");
        }
        if (transformer.errors() > 0) {
            Warnings.warnOnce("transform-errors", transformer.errors() + " class(es) could not be instrumented (first: "
                    + transformer.firstError() + "); their calls go unrecorded");
        }
    }
}
