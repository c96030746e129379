package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lwp4j.sampler.ConfigCheck;
import io.lwp4j.sampler.RingBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Tracks first writes to page-aligned native memory with userfaultfd write-protection.
 *
 * <p>Each {@link TrackedRange} has epochs: during an epoch the first write to each page is
 * noticed once; {@link TrackedRange#rearm()} ends the epoch, returns the pages written and
 * protects the range again.
 *
 * <ul>
 *   <li>{@link Mode#SYNC}: the writing thread stops in the kernel on each first write until
 *       lwp4j's native handler thread has recorded it: a {@code WRITE_FAULT} record (page,
 *       range, epoch, handler-side timings; {@link io.lwp4j.sampler.decode.WriteFault}) in the writer's own ring buffer ({@link
 *       io.lwp4j.sampler.ThreadBuffers}), or in the orphan buffer for a thread without one.
 *       The handler polls for {@link Options#spin()} after each fault before it sleeps, so a
 *       burst of faults is served without waking it.
 *   <li>{@link Mode#ASYNC} (Linux 6.7+): the kernel resolves the fault itself, nobody stops;
 *       a scan ({@code PAGEMAP_SCAN}) finds the written pages at each rearm and, every {@link
 *       Options#scanInterval()} if set, emits {@code DIRTY_PAGES} records to {@link
 *       #dirtyPageRecords()}.
 * </ul>
 *
 * <p>Which userfaultfd: sync mode needs a {@linkplain UffdFlavour full} one, so that the
 * kernel's own writes into tracked memory ({@code read(2)} into it) are delivered too; where
 * only a user-mode-only one is allowed, {@link Options#allowUserModeOnly()} opts in to it
 * knowing that such writes then fail with {@code EFAULT}. Async mode uses a user-mode-only
 * descriptor (the kernel resolves async faults before that distinction matters).
 *
 * <p>Close and failure are safe: {@link #close()} makes every range writable (waking every
 * thread blocked on one) before it stops the handler; if the handler dies, it does the same,
 * warns on standard error and {@link #failure()} says why. A watchdog ({@link
 * Options#stallTimeout()}) does the same when the handler stops making progress (stopped,
 * stuck, gone): a sync fault is never left blocking its thread, nor, for a thread blocked in
 * Java code, the JVM's safepoints and exit, for longer than that.
 *
 * <p>Memory rules: never track memory that lwp4j itself writes (ring buffers are refused),
 * untrack a range before freeing its memory, and do not give a tracked range to code that
 * writes it while holding a lock the writing thread's own progress depends on. A Java thread
 * stopped in a sync fault while running Java code also holds up safepoints for that long
 * (microseconds: the handler is native and never waits for one).
 */
public final class WriteTracker implements AutoCloseable {
    /** How first writes are noticed. */
    public enum Mode {
        SYNC,
        ASYNC
    }

    /**
     * How to open a tracker.
     *
     * @param mode requested mode
     * @param spin sync: how long the handler keeps polling after a fault before it sleeps
     *     (zero: sleep at once)
     * @param scanInterval async: period of the background scan that ends every range's epoch
     *     (zero: epochs end only at {@link TrackedRange#rearm()})
     * @param handlerCpu CPU to pin the handler or scanner thread to, -1 for none
     * @param allowUserModeOnly sync: accept a user-mode-only userfaultfd where a full one is
     *     refused; kernel writes into tracked memory ({@code read(2)} into it) then fail with
     *     {@code EFAULT}
     * @param fallbackToSync async: open in sync mode where the kernel lacks async support
     * @param stallTimeout sync: longest the handler may leave a fault unresolved, or a pending
     *     fault unread, before a watchdog turns tracking off and releases every blocked thread
     *     (checked every half of it; zero: no watchdog)
     */
    public record Options(Mode mode, Duration spin, Duration scanInterval, int handlerCpu,
                          boolean allowUserModeOnly, boolean fallbackToSync, Duration stallTimeout) {
        /** Default spin window: longer than the fault-to-fault gap of a burst on a busy machine. */
        public static final Duration DEFAULT_SPIN = Duration.ofNanos(50_000);
        /** A fault is resolved in microseconds; a second means the handler is not coming back. */
        public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofNanos(DEFAULT_STALL_NS);

        public Options {
            if (mode == null) throw new IllegalArgumentException("mode is required");
            if (spin.isNegative() || scanInterval.isNegative() || stallTimeout.isNegative()) {
                throw new IllegalArgumentException("spin, scan interval and stall timeout must be >= 0");
            }
            ConfigCheck.require(stallTimeout.isZero() || stallTimeout.toMillis() >= 2, "stall timeout",
                    "zero (no watchdog) or at least 2 ms", stallTimeout);
            ConfigCheck.require(handlerCpu >= -1, "handler CPU", ">= -1", handlerCpu);
        }

        public static Options sync() {
            return new Options(Mode.SYNC, DEFAULT_SPIN, Duration.ZERO, -1, false, false, DEFAULT_STALL_TIMEOUT);
        }

        public static Options async() {
            return new Options(Mode.ASYNC, Duration.ZERO, Duration.ZERO, -1, false, false, DEFAULT_STALL_TIMEOUT);
        }

        public Options withSpin(Duration d) {
            return new Options(mode, d, scanInterval, handlerCpu, allowUserModeOnly, fallbackToSync, stallTimeout);
        }

        public Options withScanInterval(Duration d) {
            return new Options(mode, spin, d, handlerCpu, allowUserModeOnly, fallbackToSync, stallTimeout);
        }

        public Options withHandlerCpu(int cpu) {
            return new Options(mode, spin, scanInterval, cpu, allowUserModeOnly, fallbackToSync, stallTimeout);
        }

        /** See {@link Options}: kernel writes into tracked memory fail with EFAULT. */
        public Options allowingUserModeOnly() {
            return new Options(mode, spin, scanInterval, handlerCpu, true, fallbackToSync, stallTimeout);
        }

        public Options withFallbackToSync() {
            return new Options(mode, spin, scanInterval, handlerCpu, allowUserModeOnly, true, stallTimeout);
        }

        /** See {@link Options}; zero turns the watchdog off. */
        public Options withStallTimeout(Duration d) {
            return new Options(mode, spin, scanInterval, handlerCpu, allowUserModeOnly, fallbackToSync, d);
        }
    }

    /**
     * Counters of a tracker.
     *
     * @param faults sync faults handled (including repeats)
     * @param repeats faults on a page already written this epoch (threads raced on it)
     * @param sleeps times the handler slept in poll(2); faults minus sleeps were served spinning
     * @param orphans records that went to the orphan buffer (thread without a buffer)
     * @param dropped records lost to full buffers
     * @param scans async range scans
     * @param resolveCycles sum over sync faults of the un-protect + wake ioctl, TSC cycles
     * @param threadCpu CPU time the handler or scanner thread has used
     * @param threadTid that thread's id, 0 when there is none
     */
    public record Statistics(long faults, long repeats, long sleeps, long orphans, long dropped, long scans,
                             long resolveCycles, Duration threadCpu, int threadTid) {}

    private static final ProcessWideRecords DIRTY_PAGE_RECORDS = new ProcessWideRecords(UffdNative::scanBuffer);

    private final MemorySegment handle;
    private final Mode mode;
    private final UffdFlavour flavour;
    private final long features;
    private final String note;
    private final List<TrackedRange> ranges = new ArrayList<>();
    private boolean closed;

    private WriteTracker(MemorySegment handle) {
        this.handle = handle;
        MemorySegment info = info();
        this.mode = info.get(JAVA_INT, INFO_MODE) == MODE_SYNC ? Mode.SYNC : Mode.ASYNC;
        this.flavour = UffdFlavour.of(info.get(JAVA_INT, INFO_FLAVOUR));
        this.features = info.get(JAVA_LONG, INFO_FEATURES);
        this.note = info.getString(INFO_NOTE);
    }

    /**
     * Opens a tracker: a userfaultfd and, in sync mode or with a scan interval, its thread.
     *
     * @throws WriteTrackingUnavailableException when the kernel or the environment refuses,
     *     naming the cause and the fix
     */
    public static WriteTracker open(Options options) {
        int flags = (options.allowUserModeOnly() ? OPEN_ALLOW_USER_MODE_ONLY : 0)
                | (options.fallbackToSync() ? OPEN_FALLBACK_SYNC : 0);
        try (Arena arena = Arena.ofConfined()) {
            NativeError err = new NativeError(arena);
            MemorySegment t = UffdNative.open(
                    options.mode() == Mode.SYNC ? MODE_SYNC : MODE_ASYNC, flags,
                    options.spin().toNanos(), options.scanInterval().toNanos(), options.handlerCpu(),
                    options.stallTimeout().toNanos(), err.segment);
            if (t.equals(MemorySegment.NULL)) throw err.toException();
            return new WriteTracker(t);
        }
    }

    /**
     * Starts tracking a segment; its first epoch begins now, write-protected.
     *
     * @throws IllegalArgumentException when the segment is not native, not page aligned,
     *     empty, overlaps a tracked range (of any tracker) or a ring buffer, or is memory the
     *     kernel cannot write-protect (a mapping of a regular file, read-only memory)
     * @throws IllegalStateException when the tracker is closed or has failed
     */
    public synchronized TrackedRange track(MemorySegment segment) {
        checkOpen();
        if (!segment.isNative()) {
            throw new IllegalArgumentException("only native memory can be tracked: " + segment + " is on the heap");
        }
        if (!segment.scope().isAlive()) {
            throw new IllegalArgumentException("the segment's arena is closed: " + segment);
        }
        try (Arena arena = Arena.ofConfined()) {
            NativeError err = new NativeError(arena);
            long id = UffdNative.track(handle, segment.address(), segment.byteSize(), err.segment);
            if (id < 0) throw err.toException();
            TrackedRange r = new TrackedRange(this, id, segment);
            ranges.add(r);
            return r;
        }
    }

    synchronized void untrack(TrackedRange r) {
        if (closed || !ranges.remove(r)) return;
        int rc = UffdNative.untrack(handle, r.id());
        if (rc != 0) throw new IllegalStateException("range " + r.id() + " is not tracked");
    }

    /**
     * Ends (rearm) or peeks at the current epoch of r; the pages written as a bit set.
     *
     * @throws IllegalStateException when the tracker failed, or the range's memory was unmapped
     *     while tracked (the kernel no longer has it registered: the range is dropped, {@link
     *     TrackedRange#close()} forgets it and its address can be tracked again)
     */
    synchronized BitSet pagesWritten(TrackedRange r, boolean rearm) {
        checkOpen();
        if (!ranges.contains(r)) throw new IllegalStateException("range " + r.id() + " is no longer tracked");
        long words = (r.pages() + 63) / 64;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bits = arena.allocate(words * 8, 8);
            long n = rearm ? UffdNative.rearm(handle, r.id(), bits, words) : UffdNative.dirty(handle, r.id(), bits, words);
            if (n < 0) {
                int errno = (int) -n;
                String what = (rearm ? "rearm" : "dirty pages") + " of range " + r.id();
                if (errno == UffdNative.ENXIO) {
                    throw new IllegalStateException(what + ": its memory is no longer mapped (it was unmapped while "
                            + "tracked; untrack a range before freeing its memory); close the range, its address can "
                            + "then be tracked again");
                }
                throw new IllegalStateException(what + " failed (errno " + errno + ")"
                        + failure().map(f -> ": " + f).orElse(""));
            }
            return BitSet.valueOf(bits.toArray(JAVA_LONG));
        }
    }

    synchronized long epoch(TrackedRange r) {
        checkOpen();
        return UffdNative.epoch(handle, r.id());
    }

    /**
     * Tests only: with {@code on} the handler stops resolving faults, so writers of tracked
     * pages stay blocked until {@code hold(false)} or {@link #close()}. A Java thread blocked
     * in a fault while running Java code also blocks every safepoint, so only let threads
     * that write from native code (a downcall) block here.
     */
    synchronized void hold(boolean on) {
        setHold(on ? 1 : 0);
    }

    /**
     * Tests only: the handler thread ends at its next fault without resolving it, as a handler
     * that died would; the fault's thread stays blocked until the watchdog or {@link #close()}.
     */
    synchronized void exitHandlerAtNextFault() {
        setHold(HOLD_EXIT);
    }

    private void setHold(int how) {
        checkOpen();
        int rc = UffdNative.hold(handle, how);
        if (rc != 0) throw new IllegalStateException("only a sync tracker's handler can be held");
    }

    /** The mode in effect (sync after a fallback from async). */
    public Mode mode() {
        return mode;
    }

    /** How the userfaultfd was obtained. */
    public UffdFlavour flavour() {
        return flavour;
    }

    /** The UFFD_FEATURE_* bits enabled on the descriptor. */
    public long features() {
        return features;
    }

    /** Why the tracker is not what was asked for (fallback, user-mode-only opt-in), or "". */
    public String note() {
        return note;
    }

    /** Why the handler or scanner died and tracking turned off, if it did. */
    public synchronized Optional<String> failure() {
        if (closed) return Optional.empty();
        MemorySegment info = info();
        return info.get(JAVA_INT, INFO_STATE) == STATE_FAILED
                ? Optional.of(info.getString(INFO_NOTE))
                : Optional.empty();
    }

    public synchronized Statistics statistics() {
        checkOpen();
        MemorySegment i = info();
        return new Statistics(i.get(JAVA_LONG, INFO_FAULTS), i.get(JAVA_LONG, INFO_REPEATS),
                i.get(JAVA_LONG, INFO_SLEEPS), i.get(JAVA_LONG, INFO_ORPHANS), i.get(JAVA_LONG, INFO_DROPPED),
                i.get(JAVA_LONG, INFO_SCANS), i.get(JAVA_LONG, INFO_RESOLVE_CYCLES),
                Duration.ofNanos(i.get(JAVA_LONG, INFO_THREAD_CPU_NS)),
                i.get(JAVA_INT, INFO_THREAD_TID));
    }

    /** The userfaultfd, -1 once it is gone (for diagnostics). */
    public synchronized int fd() {
        checkOpen();
        return info().get(JAVA_INT, INFO_UFFD);
    }

    public synchronized List<TrackedRange> ranges() {
        return List.copyOf(ranges);
    }

    private MemorySegment info() {
        MemorySegment s = Arena.ofAuto().allocate(INFO_SIZE, 8);
        UffdNative.info(handle, s);
        Reference.reachabilityFence(s); // the call took its address only (LibLwp4j)
        return s;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("write tracker is closed");
    }

    /**
     * Makes every range writable and unregisters it (every thread blocked on one resumes),
     * then stops the handler or scanner and closes the userfaultfd. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        ranges.clear();
        UffdNative.close(handle);
    }

    /**
     * The process-wide buffer of {@code DIRTY_PAGES} records of every async tracker. It is
     * lwp4j's and lives as long as the process: consume it with a poller, do not close it.
     */
    public static RingBuffer dirtyPageRecords() {
        return DIRTY_PAGE_RECORDS.get();
    }

    @Override
    public String toString() {
        return "WriteTracker[" + mode + ", " + flavour + (note.isEmpty() ? "" : ", " + note) + "]";
    }
}
