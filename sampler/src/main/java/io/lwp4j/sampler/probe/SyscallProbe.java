package io.lwp4j.sampler.probe;

import static io.lwp4j.sampler.layout.ProbeLayout.*;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The entry/exit canary: what one trip through the kernel's syscall path costs this process
 * right now. Each run times a burst of {@code syscall(SYS_getpid)} (the minimal syscall),
 * then {@code clock_gettime} through the vDSO and as a raw syscall, call by call, and
 * records min, median and max of each burst in cycles and ns. Left running, it turns a
 * regression of the syscall path (audit rules, a seccomp filter, a mitigation, a new kernel)
 * into a number over time.
 *
 * <p>Its default period, 250 ms, keeps it under 0.05% of one core even on a VM where a
 * thread's wake-up alone costs tens of microseconds.
 */
public final class SyscallProbe extends Probe {
    public static final Duration DEFAULT_PERIOD = Duration.ofNanos(SYSCALL_DEFAULT_PERIOD_NS);
    public static final Duration MIN_PERIOD = Duration.ofNanos(SYSCALL_MIN_PERIOD_NS);
    public static final int DEFAULT_BURST = SYSCALL_DEFAULT_BURST;
    public static final int MAX_BURST = SYSCALL_MAX_BURST;

    private static final SyscallProbe INSTANCE = new SyscallProbe();

    private SyscallProbe() {
        super(PROBE_SYSCALL, "syscall", SYSCALL_MIN_PERIOD_NS, SYSCALL_DEFAULT_PERIOD_NS, SYSCALL_CALL_COUNT);
    }

    /** The process's canary. */
    public static SyscallProbe get() {
        return INSTANCE;
    }

    /**
     * Calls timed per burst, from the next run on.
     *
     * @throws IllegalArgumentException unless 1 <= calls <= {@link #MAX_BURST}
     */
    public void setBurst(int calls) {
        if (calls < 1 || calls > MAX_BURST) {
            throw new IllegalArgumentException("canary burst must be 1.." + MAX_BURST + " calls, got " + calls);
        }
        check(ProbeNatives.setBurst(calls), "setBurst");
    }

    /**
     * Runs the canary now on its thread and returns the newest results, those of this run or
     * of a periodic one that ended after it. A stopped canary is started to run on demand only.
     *
     * @throws TimeoutException when the run did not end within {@code timeout}
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public SyscallResults runOnce(Duration timeout) throws TimeoutException {
        runOnceAndWait(timeout);
        return latest().orElseThrow();
    }

    /**
     * What the syscall path carries for the canary's thread while it runs (its seccomp filters
     * are its own), else for the calling thread: what explains the canary's figures.
     */
    public SyscallPathEnvironment environment() {
        return SyscallPathEnvironment.read(stats().tid());
    }

    /** The newest run's results, read without a consumer; empty before the first run. */
    public Optional<SyscallResults> latest() {
        return latestRun(SyscallCall.class, c -> c.code, SyscallResult::of).map(SyscallResults::new);
    }
}
