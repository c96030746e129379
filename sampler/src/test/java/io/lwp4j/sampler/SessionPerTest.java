package io.lwp4j.sampler;

import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.drain.DrainHandler;
import io.lwp4j.sampler.drain.DrainPipeline;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's own {@link SamplingSession}: {@code @RegisterExtension final SessionPerTest session =
 * new SessionPerTest(config);} opens it with the test instance (so other fields may use it) and
 * closes it after the test, after the test's own {@code @AfterEach} methods.
 */
public final class SessionPerTest implements AfterEachCallback {
    private final SamplingSession session;

    public SessionPerTest(BufferConfig config) {
        session = SamplingSession.open(config);
    }

    public BufferRegistry buffers() {
        return session.buffers();
    }

    public ThreadBuffers threadBuffers() {
        return session.threadBuffers();
    }

    public DrainPipeline startDrain(DrainConfig config, Map<String, DrainHandler> handlers) {
        return session.startDrain(config, handlers);
    }

    public DrainPipeline drainPipeline() {
        return session.drainPipeline();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        session.close();
    }
}
