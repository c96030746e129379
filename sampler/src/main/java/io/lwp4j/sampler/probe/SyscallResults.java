package io.lwp4j.sampler.probe;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The three bursts of one canary run, one per {@link SyscallCall}. */
public record SyscallResults(Map<SyscallCall, SyscallResult> byCall) {

    public SyscallResults {
        byCall = Collections.unmodifiableMap(new EnumMap<>(byCall));
    }

    public SyscallResult get(SyscallCall call) {
        return byCall.get(call);
    }

    /** The run all three bursts belong to. */
    public long run() {
        return get(SyscallCall.GETPID).run();
    }

    /**
     * What entering and leaving the kernel costs here, in ns: the median clock_gettime as a
     * syscall minus the median through the vDSO, which does the same work without the trip.
     */
    public long entryExitNanos() {
        return get(SyscallCall.CLOCK_GETTIME_SYSCALL).timing().medianNanos()
                - get(SyscallCall.CLOCK_GETTIME_VDSO).timing().medianNanos();
    }
}
