package io.lwp4j.agent.it;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;

/**
 * Waits (at most 60 s) until the agent has registered io.lwp4j:type=Agent, which it does after
 * starting or refusing its Prometheus endpoint, prints "ready " and the state of the {@code
 * prometheus} feature, then waits for standard input to close and prints "app done".
 */
public final class AgentMBeanWaiter {
    private AgentMBeanWaiter() {}

    public static void main(String[] args) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.lwp4j:type=Agent");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.isRegistered(agent)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("io.lwp4j:type=Agent not registered in 60 s");
            TimeUnit.MILLISECONDS.sleep(20);
        }
        TabularData features = (TabularData) server.getAttribute(agent, "Features");
        System.out.println("ready " + features.get(new Object[] {"prometheus"}).get("value"));
        while (System.in.read() >= 0) {
            // until standard input closes
        }
        System.out.println("app done");
    }
}
