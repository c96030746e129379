package io.lwp4j.agent;

import static io.lwp4j.sampler.layout.SyscallLayout.*;
import static net.bytebuddy.matcher.ElementMatchers.*;

import io.lwp4j.agent.advice.ChannelAdvice;
import io.lwp4j.agent.advice.FileStreamAdvice;
import io.lwp4j.agent.advice.OperationAndKind;
import io.lwp4j.agent.advice.ThreadAdvice;
import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.Warnings;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

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
 * <p>Every type is matched by name only, so the transformer costs a class load next to
 * nothing unless the class is one of these.
 */
final class JdkInstrumentation {
    /** One advised method. */
    record Site(String type, String method, ElementMatcher<MethodDescription> matcher, Class<?> advice, int operation,
            int kind) {
        int operationAndKind() {
            return operation | kind << 8;
        }
    }

    static final List<Site> IO_SITES = List.of(
            // java.io streams
            new Site("java.io.FileInputStream", "open(String)", named("open").and(takesArguments(String.class)),
                    FileStreamAdvice.DescriptorAfterVoid.class, OPEN, FILE),
            new Site("java.io.FileInputStream", "read()", named("read").and(takesNoArguments()),
                    FileStreamAdvice.SingleByteRead.class, READ, FILE),
            new Site("java.io.FileInputStream", "read(byte[])", named("read").and(takesArguments(byte[].class)),
                    FileStreamAdvice.WholeArrayReturningCount.class, READ, FILE),
            new Site("java.io.FileInputStream", "read(byte[],int,int)", named("read").and(arrayRange()),
                    FileStreamAdvice.ArrayRangeReturningCount.class, READ, FILE),
            new Site("java.io.FileOutputStream", "open(String,boolean)",
                    named("open").and(takesArguments(String.class, boolean.class)),
                    FileStreamAdvice.DescriptorAfterVoid.class, OPEN, FILE),
            new Site("java.io.FileOutputStream", "write(int)", named("write").and(takesArguments(int.class)),
                    FileStreamAdvice.SingleByteWrite.class, WRITE, FILE),
            new Site("java.io.FileOutputStream", "write(byte[])", named("write").and(takesArguments(byte[].class)),
                    FileStreamAdvice.WholeArrayVoid.class, WRITE, FILE),
            new Site("java.io.FileOutputStream", "write(byte[],int,int)", named("write").and(arrayRange()),
                    FileStreamAdvice.ArrayRangeVoid.class, WRITE, FILE),
            new Site("java.io.RandomAccessFile", "open(String,int)",
                    named("open").and(takesArguments(String.class, int.class)),
                    FileStreamAdvice.DescriptorAfterVoid.class, OPEN, FILE),
            new Site("java.io.RandomAccessFile", "read()", named("read").and(takesNoArguments()),
                    FileStreamAdvice.SingleByteRead.class, READ, FILE),
            new Site("java.io.RandomAccessFile", "readBytes(byte[],int,int)", named("readBytes").and(arrayRange()),
                    FileStreamAdvice.ArrayRangeReturningCount.class, READ, FILE),
            new Site("java.io.RandomAccessFile", "write(int)", named("write").and(takesArguments(int.class)),
                    FileStreamAdvice.SingleByteWrite.class, WRITE, FILE),
            new Site("java.io.RandomAccessFile", "writeBytes(byte[],int,int)", named("writeBytes").and(arrayRange()),
                    FileStreamAdvice.ArrayRangeVoid.class, WRITE, FILE),
            // FileChannel (also Files.newInputStream/newOutputStream/readAllBytes/write)
            new Site("sun.nio.ch.FileChannelImpl", "read(ByteBuffer)", named("read").and(takesArguments(ByteBuffer.class)),
                    ChannelAdvice.BufferTransfer.class, READ, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "read(ByteBuffer[],int,int)", named("read").and(bufferArrayRange()),
                    ChannelAdvice.BufferArrayTransfer.class, READ, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write(ByteBuffer)",
                    named("write").and(takesArguments(ByteBuffer.class)), ChannelAdvice.BufferTransfer.class, WRITE, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write(ByteBuffer[],int,int)", named("write").and(bufferArrayRange()),
                    ChannelAdvice.BufferArrayTransfer.class, WRITE, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "read(ByteBuffer,long)",
                    named("read").and(takesArguments(ByteBuffer.class, long.class)),
                    ChannelAdvice.PositionalTransfer.class, PREAD, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "write(ByteBuffer,long)",
                    named("write").and(takesArguments(ByteBuffer.class, long.class)),
                    ChannelAdvice.PositionalTransfer.class, PWRITE, FILE),
            new Site("sun.nio.ch.FileChannelImpl", "force(boolean)", named("force").and(takesArguments(boolean.class)),
                    ChannelAdvice.VoidCall.class, FORCE, FILE),
            new Site("sun.nio.fs.UnixNativeDispatcher", "open(UnixPath,int,int)",
                    named("open").and(isStatic()).and(takesArguments(3)).and(takesArgument(1, int.class)),
                    ChannelAdvice.NativeOpen.class, OPEN, FILE),
            new Site("sun.nio.fs.UnixNativeDispatcher", "openat(int,byte[],int,int)",
                    named("openat").and(isStatic()).and(takesArguments(int.class, byte[].class, int.class, int.class)),
                    ChannelAdvice.NativeOpenAt.class, OPEN, FILE),
            // java.net.Socket / ServerSocket (NioSocketImpl)
            new Site("sun.nio.ch.NioSocketImpl", "implRead(byte[],int,int,long)",
                    named("implRead").and(takesArguments(byte[].class, int.class, int.class, long.class)),
                    FileStreamAdvice.ArrayRangeReturningCount.class, READ, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "implWrite(byte[],int,int)", named("implWrite").and(arrayRange()),
                    FileStreamAdvice.ArrayRangeReturningCount.class, WRITE, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "connect(SocketAddress,int)",
                    named("connect").and(takesArguments(2)).and(takesArgument(0, named("java.net.SocketAddress"))),
                    FileStreamAdvice.DescriptorAfterVoid.class, CONNECT, SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "accept(SocketImpl)",
                    named("accept").and(takesArguments(1)).and(takesArgument(0, named("java.net.SocketImpl"))),
                    FileStreamAdvice.DescriptorAfterVoid.class, ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.NioSocketImpl", "park(FileDescriptor,int,long)",
                    named("park").and(takesArguments(java.io.FileDescriptor.class, int.class, long.class)),
                    FileStreamAdvice.ParkOnDescriptor.class, POLL, 0),
            // SocketChannel / ServerSocketChannel (and their socket adaptors)
            new Site("sun.nio.ch.SocketChannelImpl", "implRead(ByteBuffer)",
                    named("implRead").and(takesArguments(ByteBuffer.class)), ChannelAdvice.BufferTransfer.class, READ, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implRead(ByteBuffer[],int,int)",
                    named("implRead").and(bufferArrayRange()), ChannelAdvice.BufferArrayTransfer.class, READ, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implWrite(ByteBuffer)",
                    named("implWrite").and(takesArguments(ByteBuffer.class)), ChannelAdvice.BufferTransfer.class, WRITE,
                    SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "implWrite(ByteBuffer[],int,int)",
                    named("implWrite").and(bufferArrayRange()), ChannelAdvice.BufferArrayTransfer.class, WRITE, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingRead(byte[],int,int,long)",
                    named("blockingRead").and(takesArguments(byte[].class, int.class, int.class, long.class)),
                    FileStreamAdvice.ArrayRangeReturningCount.class, READ, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingWriteFully(byte[],int,int)",
                    named("blockingWriteFully").and(arrayRange()), FileStreamAdvice.ArrayRangeVoid.class, WRITE, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "connect(SocketAddress)",
                    named("connect").and(takesArguments(1)).and(takesArgument(0, named("java.net.SocketAddress"))),
                    ChannelAdvice.BooleanCall.class, CONNECT, SOCKET),
            new Site("sun.nio.ch.SocketChannelImpl", "blockingConnect(SocketAddress,long)",
                    named("blockingConnect").and(takesArguments(2)), ChannelAdvice.VoidCall.class, CONNECT, SOCKET),
            new Site("sun.nio.ch.ServerSocketChannelImpl", "accept()", named("accept").and(takesNoArguments()),
                    ChannelAdvice.ObjectReturningCall.class, ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.ServerSocketChannelImpl", "blockingAccept(long)",
                    named("blockingAccept").and(takesArguments(long.class)), ChannelAdvice.ObjectReturningCall.class,
                    ACCEPT, SERVER_SOCKET),
            new Site("sun.nio.ch.SelChImpl", "park(int,long)", named("park").and(takesArguments(int.class, long.class)),
                    ChannelAdvice.ChannelPark.class, POLL, 0),
            // Selectors
            new Site("sun.nio.ch.EPollSelectorImpl", "doSelect(Consumer,long)",
                    named("doSelect").and(takesArguments(2)).and(takesArgument(1, long.class)),
                    ChannelAdvice.EpollSelect.class, SELECT, SELECTOR),
            new Site("sun.nio.ch.PollSelectorImpl", "doSelect(Consumer,long)",
                    named("doSelect").and(takesArguments(2)).and(takesArgument(1, long.class)),
                    ChannelAdvice.PollSelect.class, SELECT, SELECTOR));

    private JdkInstrumentation() {}

    private static ElementMatcher.Junction<MethodDescription> arrayRange() {
        return takesArguments(byte[].class, int.class, int.class);
    }

    private static ElementMatcher.Junction<MethodDescription> bufferArrayRange() {
        return takesArguments(ByteBuffer[].class, int.class, int.class);
    }

    /**
     * Installs the thread lifecycle advice (when {@code threads}) and the I/O advice for the
     * operations in {@code operations} (bit i: operation code i), retransforming loaded classes.
     */
    static void install(Instrumentation inst, boolean threads, BitSet operations) {
        Map<String, List<Site>> byType = new LinkedHashMap<>();
        for (Site site : IO_SITES) {
            if (operations.get(site.operation())) byType.computeIfAbsent(site.type(), t -> new ArrayList<>()).add(site);
        }
        List<String> missing = missingSites(byType);
        if (!missing.isEmpty()) {
            Warnings.warnOnce("missing-sites", "this JDK (" + Runtime.version() + ") lacks " + missing.size()
                    + " I/O method(s) lwp4j instruments, first " + missing.get(0)
                    + "; calls through them go unrecorded (lwp4j knows JDK 22 to 25)");
        }
        AtomicInteger transformErrors = new AtomicInteger();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        // The default AgentBuilder initialises ByteBuddy's Nexus, which reaches for
        // sun.misc.Unsafe: JDK 24+ prints a deprecation warning for that into the host's stderr.
        // The advice needs no Nexus (InitializationStrategy.NoOp). The property name is
        // relocated with ByteBuddy, so only lwp4j's copy reads it.
        System.setProperty(Nexus.PROPERTY, "true");
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(targets(byType.keySet(), threads)))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new ErrorCounter(transformErrors, firstError))
                .ignore(nameStartsWith("io.lwp4j.").or(nameStartsWith("net.bytebuddy.")))
                .assureReadEdgeTo(inst, Hooks.class);
        for (Map.Entry<String, List<Site>> e : byType.entrySet()) {
            List<Site> typeSites = e.getValue();
            builder = builder.type(named(e.getKey())).transform((b, type, loader, module, domain) -> {
                DynamicType.Builder<?> advised = b;
                for (Site s : typeSites) {
                    advised = advised.visit(adviceFor(s.advice(), s.operationAndKind()).on(s.matcher()));
                }
                return advised;
            });
        }
        if (threads) {
            AsmVisitorWrapper start = adviceFor(ThreadAdvice.Start.class, 0)
                    .on(named("run").and(takesNoArguments()).and(not(isAbstract())));
            AsmVisitorWrapper exit = adviceFor(ThreadAdvice.Exit.class, 0)
                    .on(named("exit").and(takesNoArguments()));
            builder = builder.type(named("java.lang.Thread"))
                    .transform((b, type, loader, module, domain) -> b.visit(start).visit(exit))
                    .type(named("java.util.concurrent.ForkJoinWorkerThread"))
                    .transform((b, type, loader, module, domain) -> b.visit(start));
        }
        builder.installOn(inst);
        if (transformErrors.get() > 0) {
            Warnings.warnOnce("transform-errors", transformErrors.get() + " class(es) could not be instrumented (first: "
                    + firstError.get() + "); their calls go unrecorded");
        }
    }

    /**
     * The classes to retransform now: the advised ones, loaded here if they are not yet (JDK
     * classes, nothing runs). Naming them spares ByteBuddy a pass over every loaded class.
     */
    private static Class<?>[] targets(java.util.Set<String> ioTypes, boolean threads) {
        List<Class<?>> classes = new ArrayList<>();
        List<String> names = new ArrayList<>(ioTypes);
        if (threads) names.addAll(List.of("java.lang.Thread", "java.util.concurrent.ForkJoinWorkerThread"));
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException | LinkageError absent) {
                // reported by missingSites
            }
        }
        return classes.toArray(Class<?>[]::new);
    }

    /**
     * An advice class with its {@link OperationAndKind} constant bound, suppressing what it
     * throws into {@link Hooks#adviceFailed} (counted, never seen by the host).
     */
    static Advice adviceFor(Class<?> advice, int operationAndKind) {
        Advice.ExceptionHandler countFailures;
        try {
            countFailures = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
                    new MethodDescription.ForLoadedMethod(Hooks.class.getMethod("adviceFailed", Throwable.class))));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        return Advice.withCustomMapping().bind(OperationAndKind.class, operationAndKind).to(advice)
                .withExceptionHandler(countFailures);
    }

    /** Sites whose class or method this JDK does not have. */
    static List<String> missingSites(Map<String, List<Site>> byType) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<Site>> e : byType.entrySet()) {
            TypeDescription type;
            try {
                type = TypeDescription.ForLoadedType.of(Class.forName(e.getKey(), false, null));
            } catch (ClassNotFoundException | LinkageError ex) {
                for (Site s : e.getValue()) missing.add(e.getKey() + "." + s.method());
                continue;
            }
            for (Site s : e.getValue()) {
                if (type.getDeclaredMethods().filter(s.matcher()).isEmpty()) missing.add(e.getKey() + "." + s.method());
            }
        }
        return missing;
    }

    /** Counts classes ByteBuddy failed to transform. */
    private static final class ErrorCounter extends AgentBuilder.Listener.Adapter {
        private final AtomicInteger errors;
        private final AtomicReference<Throwable> first;

        ErrorCounter(AtomicInteger errors, AtomicReference<Throwable> first) {
            this.errors = errors;
            this.first = first;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            errors.incrementAndGet();
            first.compareAndSet(null, new IllegalStateException(typeName + ": " + throwable, throwable));
        }
    }
}
