package io.lwp4j.agent;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.JdkInstrumentation.Site;
import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.Soak;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Never break the host: advice whose hooks throw still lets the method return, or throw,
 * exactly what it would without lwp4j, and counts the failure. The advice is applied, the way
 * the agent applies it, to a stand-in for a JDK stream.
 */
class AdviceFailureTest {

    /** Shaped like FileInputStream: {@code read(byte[], int, int)}. */
    public static class StandInStream {
        public int read(byte[] b, int off, int len) throws IOException {
            if (len < 0) throw new IOException("the host's own exception");
            return 42;
        }
    }

    /** Hooks that fail at every call, at the start as well as at the end. */
    static final class ThrowingHooks extends Hooks {
        @Override
        protected long now() {
            throw new IllegalStateException("clock broken");
        }

        @Override
        protected void recordIo(long start, int operationAndKind, Object target, long result, long requested,
                long position, Throwable thrown) {
            throw new IllegalStateException("recorder broken");
        }

        @Override
        protected void recordOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown) {
            throw new IllegalStateException("recorder broken");
        }

        @Override
        protected void recordWait(long start) {
            throw new IllegalStateException("recorder broken");
        }

        @Override
        protected void onThreadStart() {}

        @Override
        protected void onThreadExit() {}
    }

    /** Fails at the end only: the start's timestamp is not 0, so the end's hook is called. */
    static final class FailingAtEndHooks extends Hooks {
        private final ThrowingHooks delegate = new ThrowingHooks();

        @Override
        protected long now() {
            return 1;
        }

        @Override
        protected void recordIo(long start, int operationAndKind, Object target, long result, long requested,
                long position, Throwable thrown) {
            delegate.recordIo(start, operationAndKind, target, result, requested, position, thrown);
        }

        @Override
        protected void recordOpen(long start, int operationAndKind, Object path, int fd, Throwable thrown) {}

        @Override
        protected void recordWait(long start) {}

        @Override
        protected void onThreadStart() {}

        @Override
        protected void onThreadExit() {}
    }

    @AfterEach
    void uninstall() {
        Hooks.install(null);
    }

    @Test
    void failingHooksAreCountedAndTheMethodBehavesAsWithout() throws Exception {
        Class<?> advised = AdviceInserterTest.advise(StandInStream.class, List.of(new Site(StandInStream.class.getName(),
                "read", "([BII)I", SiteAdvice.ARRAY_RANGE_RETURNING_COUNT, 1, 1)));
        Object stream = advised.getConstructor().newInstance();
        var read = advised.getMethod("read", byte[].class, int.class, int.class);
        long before = Hooks.adviceFailures();
        int calls = 0;
        for (Hooks failing : List.of(new FailingAtEndHooks(), new ThrowingHooks())) {
            Hooks.install(failing);
            assertEquals(42, read.invoke(stream, new byte[8], 0, 8));
            var thrown = assertThrows(java.lang.reflect.InvocationTargetException.class,
                    () -> read.invoke(stream, new byte[8], 0, -1));
            assertEquals("the host's own exception", thrown.getCause().getMessage());
            calls += 2;
            assertEquals(before + calls, Hooks.adviceFailures(), "each call's one failure counted, " + failing);
        }
        assertInstanceOf(IllegalStateException.class, Hooks.firstAdviceFailure(), "the first failure is kept");
        Soak.report("advice-failure", "calls", calls, "failures_counted", Hooks.adviceFailures() - before,
                "host_results_kept", calls);
    }
}
