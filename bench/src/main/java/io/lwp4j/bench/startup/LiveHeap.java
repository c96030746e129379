package io.lwp4j.bench.startup;

import io.lwp4j.bench.AgentStarted;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * {@code LiveHeap <settle ms> <main class> [args...]}: runs the program's {@code main}, waits
 * for the lwp4j agent to finish its start ({@link AgentStarted}), then {@code settle} (so what
 * the agent starts in the background has started), collects garbage and prints {@code live_heap_bytes=<n>} to standard error: the heap the process still holds
 * after a full GC, i.e. what stays live.
 */
public final class LiveHeap {
    private LiveHeap() {}

    public static void main(String[] args) throws Exception {
        long settleMillis = Long.parseLong(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        Class.forName(args[1]).getMethod("main", String[].class).invoke(null, (Object) rest);
        AgentStarted.await();
        Thread.sleep(Duration.ofMillis(settleMillis));
        for (int i = 0; i < 3; i++) System.gc();   // G1: a full GC each; used is then what is live
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.err.println("live_heap_bytes=" + used);
    }
}
