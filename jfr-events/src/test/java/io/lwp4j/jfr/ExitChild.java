package io.lwp4j.jfr;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_RAW;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.drain.DrainConfig;
import io.lwp4j.sampler.layout.RecordType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link JvmExitTest}: starts the JFR drain pipeline like the agent does,
 * has threads write USER records (word 0 = sequence), and ends the JVM.
 *
 * <p>Arguments: {@code threads recordsPerThread exitCode rawPoller}. The drainer sleeps 60 s
 * between passes and buffers ring their doorbell only when full; each thread writes its last
 * {@value #TAIL} records after a pause, so when the JVM exits the buffers still hold records:
 * only the exit path can bring them into the recording. With
 * {@code rawPoller}, each thread also reads its own buffer on the raw slot and prints what it
 * saw. Prints {@code key=value} lines for the parent.
 */
public final class ExitChild {
    /** Records each thread writes last, after a pause: below the watermark, they wait in the buffers. */
    static final int TAIL = 100;

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long perThread = Long.parseLong(args[1]);
        int exitCode = Integer.parseInt(args[2]);
        boolean rawPoller = Boolean.parseBoolean(args[3]);

        BufferConfig c = BufferConfig.DEFAULTS.withCapacity(1024).withWatermark(1024);
        // the child's session, for the life of its process: it exits without closing anything
        SamplingSession session = SamplingSession.open(rawPoller ? c.withConsumerMask(c.consumerMask() | 1 << CONSUMER_RAW) : c);
        JfrPipeline jfr = JfrPipeline.start(session, DrainConfig.DEFAULTS.withIdleWait(Duration.ofSeconds(60)));
        AtomicLong subscribed = new AtomicLong();
        jfr.pipeline().subscribe(r -> subscribed.incrementAndGet());

        AtomicLong rawSeen = new AtomicLong();
        AtomicLong rawOutOfOrder = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            Thread t = new Thread(() -> {
                RingBuffer b = session.threadBuffers().current();
                RawPoller raw = rawPoller ? b.openPoller(CONSUMER_RAW) : null;
                long[] next = {0};
                RawPoller.RecordHandler check = r -> {
                    if (r.word(0) < next[0]) rawOutOfOrder.incrementAndGet();
                    next[0] = r.word(0) + 1;
                    rawSeen.incrementAndGet();
                };
                for (long s = 0; s < perThread; s++) {
                    if (s == perThread - TAIL) pause(); // the drainer catches up, then sleeps
                    b.append(RecordType.USER.code(), 0, 0, s, 0, 0, 0, 0, 0);
                    if (raw != null && (s & 255) == 255) raw.poll(check, 1024);
                    if ((s & 1023) == 1023) Thread.yield();
                }
                if (raw != null) raw.poll(check, 1024);
                // no session.threadBuffers().release(): the thread just ends, as most threads do
            }, "child-producer-" + k);
            t.start();
            ts.add(t);
        }
        for (Thread t : ts) t.join();
        System.out.println("produced=" + threads * perThread);
        System.out.println("drainedBeforeExit=" + jfr.statistics().drain().drained());
        System.out.println("rawSeen=" + rawSeen.get());
        System.out.println("rawOutOfOrder=" + rawOutOfOrder.get());
        if (rawPoller) {
            // raw consumers are independent of JFR: make the drain side finish too, then report it
            jfr.pipeline().flush(Duration.ofSeconds(30));
            var s = jfr.statistics();
            System.out.println("subscribed=" + subscribed.get());
            System.out.println("drained=" + s.drain().drained());
            System.out.println("lost=" + s.drain().lost());
            System.out.println("filtered=" + s.filtered());
            System.out.println("emitted=" + s.emitted());
        }
        System.out.flush();
        if (exitCode != 0) System.exit(exitCode);
    }
}
