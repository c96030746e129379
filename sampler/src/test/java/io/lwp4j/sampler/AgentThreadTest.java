package io.lwp4j.sampler;

import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** lwp4j's own threads: none reaches the application's uncaught-exception handler, and every pipeline thread is one. */
class AgentThreadTest {

    @Test
    void aThrowableThatEndsAnAgentThreadNeverReachesTheApplicationsHandler() throws Exception {
        AtomicInteger applicationHandlerCalls = new AtomicInteger();
        Thread.UncaughtExceptionHandler saved = Thread.getDefaultUncaughtExceptionHandler();
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> applicationHandlerCalls.incrementAndGet());
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Thread t = new AgentThread("lwp4j-test-dies", () -> {
                throw new OutOfMemoryError("injected");
            });
            t.start();
            t.join(10_000);
            assertFalse(t.isAlive(), "the thread ended");
        } finally {
            System.setErr(realErr);
            Thread.setDefaultUncaughtExceptionHandler(saved);
        }
        assertEquals(0, applicationHandlerCalls.get(), "the application's handler was called");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("lwp4j: warning: lwp4j thread lwp4j-test-dies died "
                + "(java.lang.OutOfMemoryError: injected); the application goes on"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyThreadOfTheDrainPipelineIsAnAgentThread() {
        DrainHandler handler = r -> {};
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS);
                DrainPipeline pipeline = session.startDrain(DrainConfig.DEFAULTS, Map.of("probe", handler))) {
            assertTrue(pipeline.flush(Duration.ofSeconds(20)));
            List<Thread> own = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("lwp4j-drain")).toList();
            List<String> names = own.stream().map(Thread::getName).sorted().toList();
            assertTrue(names.containsAll(List.of("lwp4j-drain-probe", "lwp4j-drainer")), names.toString());
            for (Thread t : own) {
                assertInstanceOf(AgentThread.class, t, t.getName());
                assertTrue(t.isDaemon(), t.getName());
                assertNotSame(t.getThreadGroup(), t.getUncaughtExceptionHandler(), t.getName() + " has its own handler");
            }
        }
    }

    /**
     * A thread the JDK starts from an lwp4j thread without a group of its own (the HTTP server's
     * dispatcher) is lwp4j's; the application's threads, and a fork-join worker that an lwp4j
     * thread happened to start, are not.
     */
    @Test
    void threadsStartedFromAnAgentThreadAreLwp4jsButPoolWorkersAreNot() throws Exception {
        Thread[] started = new Thread[1];
        Object[] worker = new Object[2];   // its group and isLwp4j, seen while it runs
        ForkJoinPool pool = new ForkJoinPool(1);
        Thread parent = new AgentThread("lwp4j-test-parent", () -> {
            started[0] = new Thread(() -> {}, "started-by-lwp4j");
            try {
                pool.submit(() -> {
                    worker[0] = Thread.currentThread().getThreadGroup();
                    worker[1] = AgentThread.isLwp4j(Thread.currentThread());
                }).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        parent.start();
        parent.join(10_000);
        pool.shutdown();
        assertTrue(AgentThread.isLwp4j(parent));
        assertTrue(AgentThread.isLwp4j(started[0]), "a plain thread made by an lwp4j thread");
        assertSame(AgentThread.GROUP, worker[0], "the worker inherited lwp4j's group");
        assertEquals(Boolean.FALSE, worker[1], "a pool worker runs whatever is submitted later");
        assertFalse(AgentThread.isLwp4j(Thread.currentThread()));
        assertFalse(AgentThread.isLwp4j(new Thread(() -> {})));
    }
}
