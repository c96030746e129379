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
        try (DrainPipeline pipeline = DrainPipeline.start(DrainConfig.DEFAULTS, Map.of("probe", handler))) {
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
}
