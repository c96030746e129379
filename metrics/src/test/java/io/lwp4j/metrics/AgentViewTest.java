package io.lwp4j.metrics;

import static io.lwp4j.sampler.layout.SyscallLayout.*;
import static org.junit.jupiter.api.Assertions.*;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.iocount.IoCounts;
import io.lwp4j.sampler.iocount.ThreadIoCounts;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/**
 * The MBean as JConsole sees it: open types only (CompositeData, TabularData, numbers and
 * strings), holding the same totals as the sources; and as a typed proxy.
 */
class AgentViewTest {

    @Test
    void attributesAreOpenTypesWithTheTotals() throws Exception {
        IoCounts io = new IoCounts();
        ThreadIoCounts counts = io.register(Thread.currentThread());
        for (int i = 0; i < 10; i++) counts.count(ThreadIoCounts.pair(WRITE, FILE), 1000, 4096);
        counts.countWaited(ThreadIoCounts.pair(READ, SOCKET), 0, 2_000_000_000L, 10);
        Features features = new Features();
        features.on("prometheus");
        features.refused("canary", "userfaultfd is not permitted");
        DrainStatistics drain = new DrainStatistics(50, 40, 4, 6, 0, Map.of(), 0, Map.of(), Map.of(), 1, 1);
        BufferStatistics buffers = new BufferStatistics(3, 3, 0, 0, 0, 1, 0, -1, 2);
        AgentView view = new AgentView(new MetricSources(io, new KernelCosts(), () -> drain, () -> buffers, features),
                Map.of("buffer", "64k", "prometheus", "127.0.0.1:9404"), () -> "127.0.0.1:9404");

        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName(AgentMXBean.OBJECT_NAME);
        server.registerMBean(view, name);
        assertEquals(11L, server.getAttribute(name, "IoCalls"));
        CompositeData[] totals = (CompositeData[]) server.getAttribute(name, "IoTotals");
        assertEquals(2, totals.length);
        CompositeData write = totals[0].get("operation").equals("write") ? totals[0] : totals[1];
        assertEquals("file", write.get("kind"));
        assertEquals(10L, write.get("calls"));
        assertEquals(40960L, write.get("bytes"));
        assertEquals(1e-5, (double) write.get("workSeconds"), 1e-15);
        CompositeData read = write == totals[0] ? totals[1] : totals[0];
        assertEquals(2.0, (double) read.get("waitSeconds"), 1e-12);
        assertEquals(1L, read.get("waits"));
        assertEquals(4L, server.getAttribute(name, "RecordsLost"));
        assertEquals(50L, server.getAttribute(name, "RecordsProduced"));
        assertEquals(2L, server.getAttribute(name, "BuffersLocked"));
        assertEquals(1L, server.getAttribute(name, "BuffersUnlocked"));
        TabularData options = (TabularData) server.getAttribute(name, "Options");
        assertEquals("64k", options.get(new Object[] {"buffer"}).get("value"));
        TabularData refused = (TabularData) server.getAttribute(name, "RefusedFeatures");
        assertEquals(1, refused.size());
        assertEquals("userfaultfd is not permitted", refused.get(new Object[] {"canary"}).get("value"));
        assertEquals("127.0.0.1:9404", server.getAttribute(name, "PrometheusEndpoint"));

        AgentMXBean proxy = JMX.newMXBeanProxy(server, name, AgentMXBean.class);
        assertEquals(Map.of("prometheus", "on", "canary", "refused"), proxy.getFeatures());
        assertEquals(11, proxy.getIoTotals().stream().mapToLong(AgentMXBean.IoCallTotals::calls).sum());
    }
}
