package io.lwp4j.agent;

/** A thread of the agent itself (drainer, shutdown): its own I/O is never recorded. */
final class AgentThread extends Thread {
    AgentThread(String name, Runnable task) {
        super(task, name);
        setDaemon(true);
    }
}
