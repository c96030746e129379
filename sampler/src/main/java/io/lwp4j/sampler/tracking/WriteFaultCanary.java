package io.lwp4j.sampler.tracking;

import io.lwp4j.sampler.BufferRegistry;
import io.lwp4j.sampler.RingBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;

/**
 * The process's write-fault canary: a native writer thread and a native handler thread that
 * every {@link Options#period()} fault {@link Options#faultsPerTick()} times on a private
 * write-protected page and record each fault's full breakdown (write to message, resolve,
 * resume, total: seed 000's steps) as {@link io.lwp4j.sampler.decode.WriteFaultProbe} records in {@link #records()}.
 * It tells what a uffd-wp fault costs on this machine right now, even when the application's
 * own faults are only timed from the handler's side. It needs only a user-mode-only
 * userfaultfd. One canary per process.
 */
public final class WriteFaultCanary {
    /**
     * @param period time between bursts (default 100 ms: 10 Hz)
     * @param faultsPerTick faults per burst (default 4)
     * @param spin the handler's spin window, as for a sync {@link WriteTracker}
     * @param writerCpu CPU to pin the writer to, -1 for none
     * @param handlerCpu CPU to pin the handler to, -1 for none
     */
    public record Options(Duration period, int faultsPerTick, Duration spin, int writerCpu, int handlerCpu) {
        public static final Options DEFAULTS =
                new Options(Duration.ofMillis(100), 4, WriteTracker.Options.DEFAULT_SPIN, -1, -1);

        public Options {
            if (period.isNegative() || period.isZero() || faultsPerTick <= 0) {
                throw new IllegalArgumentException("period and faults per tick must be positive");
            }
            if (spin.isNegative()) throw new IllegalArgumentException("spin must be >= 0");
        }

        public Options withPeriod(Duration p) {
            return new Options(p, faultsPerTick, spin, writerCpu, handlerCpu);
        }

        public Options withFaultsPerTick(int n) {
            return new Options(period, n, spin, writerCpu, handlerCpu);
        }

        public Options withSpin(Duration s) {
            return new Options(period, faultsPerTick, s, writerCpu, handlerCpu);
        }

        public Options withCpus(int writer, int handler) {
            return new Options(period, faultsPerTick, spin, writer, handler);
        }
    }

    private static final ProcessWideRecords RECORDS = new ProcessWideRecords(UffdNative::canaryBuffer);

    private WriteFaultCanary() {}

    /**
     * Starts the canary.
     *
     * @throws WriteTrackingUnavailableException when userfaultfd is refused here
     * @throws IllegalStateException when it is already running
     */
    public static synchronized void start(Options options) {
        BufferRegistry.global().register(records());   // drained from its first record, with a pipeline or when one starts
        try (Arena arena = Arena.ofConfined()) {
            NativeError err = new NativeError(arena);
            int rc = UffdNative.canaryStart(options.period().toNanos(), options.faultsPerTick(),
                    options.spin().toNanos(), options.writerCpu(), options.handlerCpu(), err.segment);
            if (rc != 0) throw err.toException();
        }
    }

    /** Changes the period of the running canary. */
    public static synchronized void setPeriod(Duration period) {
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive");
        if (UffdNative.canarySetPeriod(period.toNanos()) != 0) {
            throw new IllegalStateException("the canary is not running");
        }
    }

    /** Stops the canary and waits for its threads; a no-op when it is not running. */
    public static synchronized void stop() {
        UffdNative.canaryStop();
    }

    /** The running canary's userfaultfd flavour, empty when it is not running. */
    public static Optional<UffdFlavour> flavour() {
        int bits = UffdNative.canaryFlavour();
        return bits < 0 ? Optional.empty() : Optional.of(UffdFlavour.of(bits));
    }

    public static boolean isRunning() {
        return flavour().isPresent();
    }

    /** {@link #records()} if something made it already (the canary started, a poller), else null. */
    public static RingBuffer recordsIfMade() {
        return RECORDS.ifMade();
    }

    /**
     * The canary's records: a process-wide buffer that outlives every start and stop. It is
     * lwp4j's: consume it with a poller, do not close it.
     */
    public static RingBuffer records() {
        return RECORDS.get();
    }
}
