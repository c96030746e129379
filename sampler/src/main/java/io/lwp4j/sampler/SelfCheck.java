package io.lwp4j.sampler;

import static io.lwp4j.sampler.layout.RingBufferLayout.CONSUMER_DRAIN;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_LOCKED;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_BUDGET;
import static io.lwp4j.sampler.layout.RingBufferLayout.FLAG_UNLOCKED_RLIMIT;

import io.lwp4j.sampler.internal.NativeBuffers;
import io.lwp4j.sampler.internal.NativeClock;
import io.lwp4j.sampler.internal.NativeSelfCheck;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -cp lwp4j-sampler.jar:lwp4j-native.jar io.lwp4j.sampler.SelfCheck
 * [--buffers=N] [--records=M]}: makes N thread buffers and reports how they were locked,
 * then moves M records from a native producer thread to a Java raw poller and checks that
 * each was seen once or counted lost. Exit code 0 when all holds.
 */
public final class SelfCheck {
    private SelfCheck() {}

    public static void main(String[] args) throws Throwable {
        int buffers = 4;
        long records = 1_000_000;
        for (String a : args) {
            if (a.startsWith("--buffers=")) buffers = Integer.parseInt(a.substring(10));
            else if (a.startsWith("--records=")) records = Long.parseLong(a.substring(10));
            else throw new IllegalArgumentException("usage: SelfCheck [--buffers=N] [--records=M], got " + a);
        }
        System.out.println("lwp4j self-check");
        long hz = NativeClock.tscHz();
        boolean usable = NativeClock.tscUsable();
        System.out.printf("TSC: %s, %.3f GHz%n", usable ? "usable (constant, nonstop)" : "unusable, using CLOCK_MONOTONIC", hz / 1e9);
        int[] flags;
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS)) {
            flags = threadBufferFlags(session.threadBuffers(), buffers);
        }
        int locked = 0, rlimit = 0, budget = 0;
        for (int f : flags) {
            if ((f & FLAG_LOCKED) != 0) locked++;
            if ((f & FLAG_UNLOCKED_RLIMIT) != 0) rlimit++;
            if ((f & FLAG_UNLOCKED_BUDGET) != 0) budget++;
        }
        System.out.printf("buffers: %d created, %d locked, %d unlocked (rlimit), %d unlocked (budget)%n",
                buffers, locked, rlimit, budget);
        boolean ok = moveRecords(records);
        System.out.println(ok ? "self-check passed" : "self-check FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** Creates one buffer on each of n threads alive at once; returns their flags. */
    private static int[] threadBufferFlags(ThreadBuffers threadBuffers, int n) throws InterruptedException {
        int[] flags = new int[n];
        CountDownLatch made = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                flags[k] = threadBuffers.current().flags();
                made.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                threadBuffers.release();
            });
            t.start();
            threads.add(t);
        }
        made.await();
        done.countDown();
        for (Thread t : threads) t.join();
        return flags;
    }

    private static boolean moveRecords(long count) throws Throwable {
        MemorySegment raw = NativeSelfCheck.seqProducerStart(count, 4096, 2048);
        RingBuffer b = RingBuffer.wrapAddress(raw);
        long[] seen = {0, -1};
        boolean[] ordered = {true};
        long start = System.nanoTime();
        try (RawPoller p = b.openPoller(CONSUMER_DRAIN)) {
            boolean finished = false;
            while (true) {
                int n = p.poll(r -> {
                    ordered[0] &= r.word(0) > seen[1];
                    seen[1] = r.word(0);
                    seen[0]++;
                }, 4096);
                if (n == 0) {
                    if (finished) break;
                    finished = b.head() + b.lost() == count;
                    Thread.onSpinWait();
                }
            }
            long ns = System.nanoTime() - start;
            int rc = NativeSelfCheck.seqProducerJoin(raw);
            long lost = b.lost();
            System.out.printf("native producer -> Java raw poller: %d records, %d seen, %d lost, %.1f M records/s seen%n",
                    count, seen[0], lost, seen[0] * 1e3 / ns);
            return rc == 0 && ordered[0] && seen[0] + lost == count;
        } finally {
            b.close();
            NativeBuffers.destroy(raw);
        }
    }
}
