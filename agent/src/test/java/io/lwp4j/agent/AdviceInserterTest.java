package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.JdkInstrumentation.Site;
import io.lwp4j.agent.bootstrap.Hooks;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inserted code, applied the way the agent applies it ({@link SiteTransformer#advise}) to
 * stand-ins shaped like the JDK's methods, loaded (and so verified: their StackMapTable frames
 * included) by a class loader of their own: each shape passes the right values to {@link Hooks}
 * on a return and on a throw, the method returns or throws exactly what it would without the
 * advice, and an exception the body catches itself is not seen as the call's.
 */
class AdviceInserterTest {
    private static final int OPERATION_AND_KIND = 3 | 1 << 8;
    private static final long START = 1234;
    /** POLLIN of Linux's poll.h: a read's wait. */
    private static final int POLLIN = 0x1;

    /** Methods shaped like the advised ones; {@code fail} makes them throw the host's own exception. */
    public static class StandIn {
        public static final IOException HOST_EXCEPTION = new IOException("the host's own exception");
        public boolean fail;

        public int read(byte[] b, int off, int len) throws IOException {
            if (fail) throw HOST_EXCEPTION;
            int n = Math.min(len, b.length - off);
            len = -7; // the exit reads the argument as it was on entry
            return n;
        }

        public synchronized void write(byte[] b) throws IOException {
            if (fail) throw HOST_EXCEPTION;
            b[0] = (byte) b.length; // NullPointerException for null
        }

        /** A loop head at the first instruction: a frame of the body's own where the body starts. */
        public int readLooping(byte[] b, int off, int len) {
            do {
                off++;
            } while (off < len);
            return off;
        }

        /** Catches what it throws: the call returned. */
        public int readCatching(byte[] b, int off, int len) {
            try {
                if (len > 0) throw new IllegalStateException("caught by the method itself");
                return 0;
            } catch (IllegalStateException e) {
                return -1;
            }
        }

        public int read() throws IOException {
            if (fail) throw HOST_EXCEPTION;
            return -1;
        }

        public int transfer(ByteBuffer buffer) throws IOException {
            if (fail) throw HOST_EXCEPTION;
            buffer.position(buffer.position() + 3);
            return 3;
        }

        public long transfer(ByteBuffer[] buffers, int offset, int length) throws IOException {
            if (fail) throw HOST_EXCEPTION;
            return 1L << 40;
        }

        public int select(Object action, long timeout) {
            return (int) timeout / 2;
        }

        public boolean connect(Object address) {
            return address != null;
        }

        public Object accept() throws IOException {
            if (fail) throw HOST_EXCEPTION;
            return null;
        }

        public static int open(Object path, int flags, int mode) throws IOException {
            if (flags < 0) throw HOST_EXCEPTION;
            return 7;
        }

        public void park(Object fd, int event, long nanos) {}

        public void run() {}
    }

    private static final List<Site> SITES = List.of(
            site("read", "([BII)I", SiteAdvice.ARRAY_RANGE_RETURNING_COUNT),
            site("write", "([B)V", SiteAdvice.WHOLE_ARRAY_VOID),
            site("readLooping", "([BII)I", SiteAdvice.ARRAY_RANGE_RETURNING_COUNT),
            site("readCatching", "([BII)I", SiteAdvice.ARRAY_RANGE_RETURNING_COUNT),
            site("read", "()I", SiteAdvice.SINGLE_BYTE_READ),
            site("transfer", "(Ljava/nio/ByteBuffer;)I", SiteAdvice.BUFFER_TRANSFER),
            site("transfer", "([Ljava/nio/ByteBuffer;II)J", SiteAdvice.BUFFER_ARRAY_TRANSFER),
            site("select", "(Ljava/lang/Object;J)I", SiteAdvice.SELECT_CALL),
            site("connect", "(Ljava/lang/Object;)Z", SiteAdvice.BOOLEAN_CALL),
            site("accept", "()Ljava/lang/Object;", SiteAdvice.ACCEPT_CALL),
            site("open", "(Ljava/lang/Object;II)I", SiteAdvice.NATIVE_OPEN),
            site("park", "(Ljava/lang/Object;IJ)V", SiteAdvice.WAIT),
            site("run", "()V", SiteAdvice.THREAD_START));

    private static Class<?> advised;
    private final RecordingHooks hooks = new RecordingHooks();

    private static Site site(String name, String descriptor, SiteAdvice advice) {
        return new Site(StandIn.class.getName(), name, descriptor, advice, OPERATION_AND_KIND & 0xff,
                OPERATION_AND_KIND >> 8);
    }

    /** {@code original} with the advice of {@code sites} inserted, defined by a class loader of its own. */
    static Class<?> advise(Class<?> original, List<Site> sites) throws IOException, ClassNotFoundException {
        String resource = original.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = original.getClassLoader().getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        }
        List<Site> found = new ArrayList<>();
        byte[] advisedBytes = SiteTransformer.advise(bytes, sites, found::add);
        assertEquals(sites.size(), found.size(), "every site found: " + found);
        return new ClassLoader(original.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(original.getName())) return super.loadClass(name, resolve);
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, advisedBytes, 0, advisedBytes.length);
                }
            }
        }.loadClass(original.getName());
    }

    @BeforeAll
    static void adviseStandIn() throws Exception {
        advised = advise(StandIn.class, SITES);
    }

    @AfterEach
    void uninstall() {
        Hooks.install(null);
    }

    /** What the hooks received, one line per call. */
    static final class RecordingHooks extends Hooks {
        final List<List<Object>> calls = new ArrayList<>();

        @Override
        protected long now() {
            return START;
        }

        @Override
        protected void recordIo(long start, int operationAndKind, Object target, long result, long requested,
                long position, Throwable thrown) {
            calls.add(Arrays.asList("io", start, operationAndKind, target, result, requested, position, thrown));
        }

        @Override
        protected void recordOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown) {
            calls.add(Arrays.asList("open", start, operationAndKind, path, fd, thrown));
        }

        @Override
        protected void recordWait(long start) {
            calls.add(Arrays.asList("wait", start));
        }

        @Override
        protected void onThreadStart() {
            calls.add(List.of("thread-start"));
        }

        @Override
        protected void onThreadExit() {
            calls.add(List.of("thread-exit"));
        }
    }

    private Object call(Object target, String name, Object... args) throws Throwable {
        Method m = Arrays.stream(advised.getMethods())
                .filter(x -> x.getName().equals(name) && x.getParameterCount() == args.length
                        && (args.length == 0 || x.getParameterTypes()[0].isInstance(args[0])
                                || !x.getParameterTypes()[0].isPrimitive() && args[0] == null))
                .findFirst().orElseThrow();
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object standIn(boolean fail) throws Exception {
        Object s = advised.getConstructor().newInstance();
        advised.getField("fail").setBoolean(s, fail);
        return s;
    }

    private static Throwable hostException() throws Exception {
        return (Throwable) advised.getField("HOST_EXCEPTION").get(null);
    }

    private List<Object> io(Object target, long result, long requested, long position, Throwable thrown) {
        return Arrays.asList("io", START, OPERATION_AND_KIND, target, result, requested, position, thrown);
    }

    @Test
    void returnsAndThrowsReachTheHooksWithTheMethodsValues() throws Throwable {
        Hooks.install(hooks);
        Object ok = standIn(false);
        Object failing = standIn(true);

        assertEquals(5, call(ok, "read", new byte[8], 3, 9));
        Throwable thrown = assertThrows(IOException.class, () -> call(failing, "read", new byte[8], 3, 9));
        assertSame(hostException(), thrown, "the host's exception, unchanged");
        assertEquals(List.of(io(ok, 5, 9, -1, null), io(failing, 0, 9, -1, thrown)), hooks.calls,
                "bytes or 0 when it threw; len as passed, not as the body left it");

        hooks.calls.clear();
        call(ok, "write", new byte[4]);
        Throwable npe = assertThrows(NullPointerException.class, () -> call(ok, "write", (Object) null));
        assertEquals(List.of(io(ok, 4, 4, -1, null), io(ok, 0, -1, -1, npe)), hooks.calls);

        hooks.calls.clear();
        assertEquals(4, call(ok, "readLooping", new byte[1], 0, 4));
        assertEquals(-1, call(ok, "readCatching", new byte[1], 0, 1));
        assertEquals(-1, call(ok, "read"));
        assertEquals(List.of(io(ok, 4, 4, -1, null), io(ok, -1, 1, -1, null), io(ok, -1, 1, -1, null)), hooks.calls,
                "an exception the body catches is not the call's");

        hooks.calls.clear();
        ByteBuffer buffer = ByteBuffer.allocate(10);
        assertEquals(3, call(ok, "transfer", buffer));
        assertEquals(1L << 40, call(ok, "transfer", new ByteBuffer[1], 0, 1));
        assertEquals(21, call(ok, "select", null, 42L));
        assertEquals(true, call(ok, "connect", "address"));
        assertEquals(false, call(ok, "connect", (Object) null));
        assertNull(call(ok, "accept"));
        assertThrows(IOException.class, () -> call(failing, "accept"));
        assertEquals(List.of(io(ok, 3, 10, -1, null), io(ok, 1L << 40, -1, -1, null), io(ok, 21, 42, -1, null),
                io(ok, 1, -1, -1, null), io(ok, 0, -1, -1, null), io(ok, 0, -1, -1, null),
                io(failing, 0, -1, -1, hostException())), hooks.calls);

        hooks.calls.clear();
        assertEquals(7, call(null, "open", "path", 0, 0));
        assertThrows(IOException.class, () -> call(null, "open", "path", -1, 0));
        call(ok, "park", null, POLLIN, 5L);   // a read's wait: all of the read is wait time, nothing to time
        call(ok, "park", null, Hooks.POLLOUT, 5L);
        call(ok, "run");
        assertEquals(List.of(Arrays.asList("open", START, OPERATION_AND_KIND, "path", 7, null),
                Arrays.asList("open", START, OPERATION_AND_KIND, "path", -1, hostException()),
                Arrays.asList("wait", START), List.of("thread-start")), hooks.calls);
    }

    @Test
    void withNoHooksInstalledNothingIsRecordedAndTheMethodsRunAsWithout() throws Throwable {
        Object ok = standIn(false);
        assertEquals(5, call(ok, "read", new byte[8], 3, 9));
        assertThrows(IOException.class, () -> call(standIn(true), "read", new byte[8], 3, 9));
        assertEquals(List.of(), hooks.calls);
    }
}
