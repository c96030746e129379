package io.lwp4j.agent;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the rare path of an I/O call (a record, an event) learns from the object the call was
 * made on: {@code this} of the advised method (a stream, channel, socket or selector), or the
 * path of an open. Per class, the way is found once, through the JDK's private fields ({@code
 * java.io} and {@code sun.nio.ch} are opened to the agent: {@link JdkInternals}): the descriptor,
 * and the file's path or the socket's local and peer address. The hot path never comes here.
 * Nothing here throws; what cannot be read is -1 or null.
 */
final class IoTargets {
    /** A call's object, as a record or an event names it. */
    record Target(int fd, String path, String localAddress, String peerAddress) {}

    /**
     * The way into the objects of one class: its descriptor field (a {@code FileDescriptor}, or
     * an {@code int} for a selector), its path field, whether it is a socket.
     */
    private record Reader(VarHandle descriptor, VarHandle descriptorNumber, VarHandle path, boolean socket) {
        int fd(Object target) {
            if (descriptor != null) return number((FileDescriptor) descriptor.get(target));
            return descriptorNumber != null ? (int) descriptorNumber.get(target) : -1;
        }

        Target describe(Object target) {
            if (!socket) return new Target(fd(target), path == null ? null : (String) path.get(target), null, null);
            FileDescriptor d = (FileDescriptor) descriptor.get(target);
            return new Target(number(d), null, address(NET_LOCAL_ADDRESS, d), address(NET_REMOTE_ADDRESS, d));
        }
    }

    private static final VarHandle FD_NUMBER = fileDescriptorNumber();
    private static final MethodHandle NET_LOCAL_ADDRESS = netAddress("localAddress");
    private static final MethodHandle NET_REMOTE_ADDRESS = netAddress("remoteAddress");
    private static final Reader NONE = new Reader(null, null, null, false);
    /** Classes whose {@code fd} and {@code path} fields name their file. */
    private static final Set<String> FILES = Set.of("java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.RandomAccessFile", "sun.nio.ch.FileChannelImpl");
    /** Classes whose {@code fd} field is a socket's. */
    private static final Set<String> SOCKETS = Set.of("sun.nio.ch.NioSocketImpl", "sun.nio.ch.SocketChannelImpl",
            "sun.nio.ch.ServerSocketChannelImpl");
    private static final String EPOLL_SELECTOR = "sun.nio.ch.EPollSelectorImpl";

    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            // the advised JDK class, or the application's subclass of it (a FileInputStream of its own)
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Reader r = readerOf(c);
                    if (r != NONE) return r;
                } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                    return NONE;
                }
            }
            return NONE;
        }
    };

    private IoTargets() {}

    /**
     * Finds the way into the advised classes loaded so far ({@code classes}) now, loading lwp4j's
     * own classes of the rare path with it, so none is first loaded from the agent jar (I/O) on a
     * call's rare path. A class the application loads later gets its way at its first record:
     * JDK code only.
     */
    static void prepare(Iterable<Class<?>> classes) {
        for (Class<?> c : classes) READERS.get(c);
        describe(Path.of("."), 0);
        describe(new byte[0], 0);
    }

    /** The descriptor of the call's object ({@code fdIfKnown} when the call returned it: an open). */
    static int fd(Object target, int fdIfKnown) {
        if (fdIfKnown >= 0 || target == null) return fdIfKnown;
        try {
            return READERS.get(target.getClass()).fd(target);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** The descriptor and the path or addresses of the call's object. */
    static Target describe(Object target, int fdIfKnown) {
        if (target == null) return new Target(fdIfKnown, null, null, null);
        try {
            if (target instanceof Path p) return new Target(fdIfKnown, p.toString(), null, null);
            if (target instanceof byte[] b) return new Target(fdIfKnown, new String(b, StandardCharsets.UTF_8), null, null);
            Target t = READERS.get(target.getClass()).describe(target);
            return fdIfKnown >= 0 ? new Target(fdIfKnown, t.path(), t.localAddress(), t.peerAddress()) : t;
        } catch (RuntimeException | LinkageError e) {
            return new Target(fdIfKnown, null, null, null);
        }
    }

    private static Reader readerOf(Class<?> type) throws ReflectiveOperationException {
        String name = type.getName();
        boolean file = FILES.contains(name);
        if (!file && !SOCKETS.contains(name) && !name.equals(EPOLL_SELECTOR)) return NONE;
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        if (name.equals(EPOLL_SELECTOR)) return new Reader(null, lookup.findVarHandle(type, "epfd", int.class), null, false);
        VarHandle fd = lookup.findVarHandle(type, "fd", FileDescriptor.class);
        return file ? new Reader(fd, null, lookup.findVarHandle(type, "path", String.class), false)
                : new Reader(fd, null, null, true);
    }

    private static int number(FileDescriptor fd) {
        return fd == null || FD_NUMBER == null ? -1 : (int) FD_NUMBER.get(fd);
    }

    /**
     * {@code host:port} of {@code sun.nio.ch.Net}'s local or remote address of a socket
     * descriptor ({@code getsockname}/{@code getpeername}: no name lookup), or null.
     */
    private static String address(MethodHandle netAddress, FileDescriptor fd) {
        if (netAddress == null || fd == null || !fd.valid()) return null;
        try {
            return format((SocketAddress) netAddress.invokeExact(fd));
        } catch (Throwable notConnected) {
            return null;
        }
    }

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress a) {
            String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        return address == null ? null : address.toString();
    }

    private static VarHandle fileDescriptorNumber() {
        try {
            return JdkInternals.fileDescriptorNumber();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle netAddress(String method) {
        try {
            Class<?> net = Class.forName("sun.nio.ch.Net");
            return MethodHandles.privateLookupIn(net, MethodHandles.lookup())
                    .findStatic(net, method, MethodType.methodType(InetSocketAddress.class, FileDescriptor.class))
                    .asType(MethodType.methodType(SocketAddress.class, FileDescriptor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
