package io.lwp4j.sampler;

/**
 * A thread of lwp4j itself (drainer, drain handlers, dump writer, exit flush and report): a
 * daemon whose own I/O is never recorded (the agent's advice skips it), and whose failures stay
 * inside lwp4j. A Throwable that ends it goes to its own handler, which says so in one line, and
 * never to the application's default uncaught-exception handler. That line is best effort: on an
 * exhausted heap it may be the preallocated one, or none.
 */
public final class AgentThread extends Thread {
    private static final String DIED_WITHOUT_HEAP =
            "lwp4j: warning: an lwp4j thread died (out of heap?); the application goes on";

    public AgentThread(String name, Runnable task) {
        super(task, name);
        setDaemon(true);
        setUncaughtExceptionHandler(AgentThread::died);
    }

    private static void died(Thread thread, Throwable t) {
        try {
            Warnings.warnOnce("thread-died:" + thread.getName(), "lwp4j thread " + thread.getName() + " died (" + t
                    + "); the application goes on");
        } catch (Throwable noHeap) {
            Warnings.sayPreallocated(DIED_WITHOUT_HEAP);
        }
    }
}
