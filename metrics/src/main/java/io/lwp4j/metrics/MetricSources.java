package io.lwp4j.metrics;

import io.lwp4j.sampler.BufferStatistics;
import io.lwp4j.sampler.drain.DrainStatistics;
import io.lwp4j.sampler.iocount.IoCounts;
import java.util.function.Supplier;

/**
 * Where the fleet view reads, at each scrape or MBean read: counters lwp4j keeps anyway, none
 * kept for it on an application thread.
 *
 * @param io the I/O calls, counted by the threads that made them
 * @param kernelCosts the kernel's costs from the drained records
 * @param drain the drain pipeline's statistics (records produced, lost)
 * @param buffers the ring buffers, locked and not
 * @param features which optional parts run
 */
public record MetricSources(IoCounts io, KernelCosts kernelCosts, Supplier<DrainStatistics> drain,
        Supplier<BufferStatistics> buffers, Features features) {}
