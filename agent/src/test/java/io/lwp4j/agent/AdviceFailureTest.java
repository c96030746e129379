package io.lwp4j.agent;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.agent.advice.FileStreamAdvice;
import io.lwp4j.agent.bootstrap.Hooks;
import io.lwp4j.sampler.Soak;
import java.io.IOException;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
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

    /** Hooks that fail at every call. */
    static final class ThrowingHooks extends Hooks {
        @Override
        protected long now() {
            return 1;
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

    @AfterEach
    void uninstall() {
        Hooks.install(null);
    }

    @Test
    void failingHooksAreCountedAndTheMethodBehavesAsWithout() throws Exception {
        Class<?> advised = new ByteBuddy().redefine(StandInStream.class)
                .visit(JdkInstrumentation.adviceFor(FileStreamAdvice.ArrayRangeReturningCount.class, 1 | 1 << 8)
                        .on(named("read")))
                .make()
                .load(new ClassLoader(getClass().getClassLoader()) {}, ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        Object stream = advised.getConstructor().newInstance();
        var read = advised.getMethod("read", byte[].class, int.class, int.class);
        Hooks.install(new ThrowingHooks());
        long before = Hooks.adviceFailures();

        assertEquals(42, read.invoke(stream, new byte[8], 0, 8));
        assertEquals(before + 1, Hooks.adviceFailures());
        assertInstanceOf(IllegalStateException.class, Hooks.firstAdviceFailure(), "the first failure is kept");

        var thrown = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> read.invoke(stream, new byte[8], 0, -1));
        assertEquals("the host's own exception", thrown.getCause().getMessage());
        Soak.report("advice-failure", "calls", 2, "failures_counted", Hooks.adviceFailures() - before,
                "host_results_kept", 2);
        assertEquals(before + 2, Hooks.adviceFailures());
    }
}
