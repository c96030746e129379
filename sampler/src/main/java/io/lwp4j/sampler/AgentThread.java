package io.lwp4j.sampler;

import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A thread of lwp4j itself (drainer, drain handlers, dump writer, exit flush and report, metrics
 * endpoint): a daemon whose own I/O is never recorded (the agent's advice skips it), and whose
 * failures stay inside lwp4j. A Throwable that ends it goes to its own handler, which says so in
 * one line, and never to the application's default uncaught-exception handler. That line is best
 * effort: on an exhausted heap it may be the preallocated one, or none.
 *
 * <p>Every one is in the thread group {@link #GROUP}, and so is every thread the JDK starts from
 * one of them with no group of its own (the JDK's HTTP server starts its dispatcher thread that
 * way, from the thread that starts the server): {@link #isLwp4j} tells them all from the
 * application's. A fork-join worker is the exception: pools add workers from whichever thread
 * submits, so one that an lwp4j thread happened to start may run the application's tasks later.
 */
public final class AgentThread extends Thread {
    /** lwp4j's threads, and those the JDK started from them. */
    public static final ThreadGroup GROUP = new ThreadGroup("lwp4j");
    private static final String DIED_WITHOUT_HEAP =
            "lwp4j: warning: an lwp4j thread died (out of heap?); the application goes on";
    private static final UncaughtExceptionHandler DIED = new Died();

    public AgentThread(String name, Runnable task) {
        super(GROUP, task, name);
        setDaemon(true);
        setUncaughtExceptionHandler(DIED);
    }

    /** True for a thread of lwp4j's own: an AgentThread, or one the JDK started from one (see the class comment). */
    public static boolean isLwp4j(Thread t) {
        return t instanceof AgentThread || t.getThreadGroup() == GROUP && !(t instanceof ForkJoinWorkerThread);
    }

    /**
     * Says that an lwp4j thread died, in one line. A class rather than a method reference: the
     * first AgentThread is made in the host's premain, where a method reference spins a class.
     */
    private static final class Died implements UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable t) {
            try {
                Warnings.warnOnce("thread-died:" + thread.getName(), "lwp4j thread " + thread.getName() + " died ("
                        + t + "); the application goes on");
            } catch (Throwable noHeap) {
                Warnings.sayPreallocated(DIED_WITHOUT_HEAP);
            }
        }
    }
}
