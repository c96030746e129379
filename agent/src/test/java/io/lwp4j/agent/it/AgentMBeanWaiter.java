package io.lwp4j.agent.it;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Waits (at most 60 s) until the agent has registered io.lwp4j:type=Agent, which it does after
 * starting or refusing its Prometheus endpoint, prints "ready " and the state of the {@code
 * prometheus} feature, then waits for standard input to close and prints "app done". With the
 * argument {@code kernel-costs} it first waits (at most 60 s) until the MBean's kernel costs have
 * counted a write fault of the canary, and prints "kernel costs counted".
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
        if (args.length > 0 && args[0].equals("kernel-costs")) {
            while (writeFaultsCounted(server, agent) == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the MBean's KernelCosts counted no write fault in 60 s");
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            System.out.println("kernel costs counted");
        }
        while (System.in.read() >= 0) {
            // until standard input closes
        }
        System.out.println("app done");
    }

    /** The count of the MBean's write-fault histogram labelled {@code step=total}. */
    private static long writeFaultsCounted(MBeanServer server, ObjectName agent) throws Exception {
        long n = 0;
        for (CompositeData c : (CompositeData[]) server.getAttribute(agent, "KernelCosts")) {
            if (((String) c.get("metric")).contains("write_fault") && c.get("label").equals("step=total")) {
                n += (Long) c.get("count");
            }
        }
        return n;
    }
}
