package io.lwp4j.bench.startup;

import io.lwp4j.bench.AgentStarted;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;

/**
 * {@code LiveHeap <settle ms> <main class> [args...]}: runs the program's {@code main}, waits
 * for the lwp4j agent to finish its start ({@link AgentStarted}), then {@code settle} (so what
 * the agent starts in the background has started), collects garbage and prints {@code live_heap_bytes=<n>} to standard error: the heap the process still holds
 * after a full GC, i.e. what stays live.
 *
 * <p>It adds as little as it can to the process whose peak RSS is the idle figure: {@code main}
 * through a method handle, the heap's use from {@link Runtime}. {@code Method.invoke} and the
 * management beans spun classes of their own, whose stack maps the JDK computes in {@code
 * StackMapGenerator.processBlock}: with the agent's, they took that method over C1's threshold
 * in some runs, 7.6 MB of compiler arena (BENCHMARKS.md, issue 16's sixth part), a cost of the
 * harness rather than of the program or the agent.
 */
public final class LiveHeap {
    private LiveHeap() {}

    public static void main(String[] args) throws Throwable {
        long settleMillis = Long.parseLong(args[0]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(args[1]), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(rest);
        AgentStarted.await();
        Thread.sleep(Duration.ofMillis(settleMillis));
        for (int i = 0; i < 3; i++) System.gc();   // G1: a full GC each; used is then what is live
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.err.println("live_heap_bytes=" + used);
    }
}
