package io.lwp4j.sampler.tracking;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.lwp4j.sampler.BufferConfig;
import io.lwp4j.sampler.RawPoller;
import io.lwp4j.sampler.RingBuffer;
import io.lwp4j.sampler.SamplingSession;
import io.lwp4j.sampler.ThreadBuffers;
import io.lwp4j.sampler.decode.WriteFault;
import io.lwp4j.sampler.layout.RecordType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The child JVM of {@link WriteTrackingRefusalTest}: runs one scenario under the seccomp
 * filter its parent chose, prints {@code PASS <scenario>} and exits 0, or prints why not
 * and exits 1.
 */
public final class TrackingChild {
    static final long PAGE = TrackedRange.PAGE_SIZE;

    public static void main(String[] args) throws Exception {
        try (SamplingSession session = SamplingSession.open(BufferConfig.DEFAULTS)) {
            switch (args[0]) {
                case "denied" -> denied(session.threadBuffers());
                case "full-denied" -> fullDenied(session.threadBuffers());
                case "no-pagemap-scan" -> noPagemapScan();
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
            System.out.println("PASS " + args[0]);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    static WriteTrackingUnavailableException refused(Supplier<?> open) {
        try {
            Object o = open.get();
            throw new AssertionError("expected a refusal, got " + o);
        } catch (WriteTrackingUnavailableException e) {
            System.out.println("refused: " + e.getMessage());
            return e;
        }
    }

    /** userfaultfd denied outright (ENOSYS): a clear error, and the rest of lwp4j works. */
    static void denied(ThreadBuffers threadBuffers) {
        WriteTrackingUnavailableException sync = refused(() -> WriteTracker.open(WriteTracker.Options.sync()));
        check(sync.step() == WriteTrackingUnavailableException.Step.OPEN, "step " + sync.step());
        check(sync.errno() == 38, "ENOSYS, got " + sync.errno());
        check(sync.reason().contains("Function not implemented"), sync.reason());
        check(sync.fix().contains("seccomp"), "the fix names the seccomp profile: " + sync.fix());
        refused(() -> WriteTracker.open(WriteTracker.Options.async()));
        refused(() -> WriteTracker.open(WriteTracker.Options.sync().allowingUserModeOnly()));
        refused(() -> {
            WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS);
            return "canary";
        });
        // the rest keeps working: a ring buffer round trip
        RingBuffer b = threadBuffers.current();
        try (RawPoller p = b.openPoller()) {
            check(b.append(RecordType.USER.code(), 0, 1, 42, 0, 0, 0, 0, 0), "append");
            long[] seen = new long[1];
            check(p.poll(r -> seen[0] = r.word(0), 10) == 1 && seen[0] == 42, "poll");
        } finally {
            threadBuffers.release();
        }
    }

    /** Only a full descriptor is refused: sync needs the opt-in, and then read(2) gets EFAULT. */
    static void fullDenied(ThreadBuffers threadBuffers) throws IOException {
        WriteTrackingUnavailableException e = refused(() -> WriteTracker.open(WriteTracker.Options.sync()));
        check(e.errno() == 1, "EPERM, got " + e.errno());
        check(e.fix().contains("opt in to user-mode-only"), "the fix names the opt-in: " + e.fix());
        check(e.fix().contains("EFAULT"), "and its risk: " + e.fix());
        Path file = Files.createTempFile("lwp4j-child", ".bin");
        Files.write(file, new byte[(int) PAGE]);
        try (Arena arena = Arena.ofShared();
             WriteTracker t = WriteTracker.open(WriteTracker.Options.sync().allowingUserModeOnly())) {
            check(t.note().contains("EFAULT"), "note: " + t.note());
            MemorySegment mem = arena.allocate(2 * PAGE, PAGE);
            TrackedRange range = t.track(mem);
            RingBuffer b = threadBuffers.current();
            try (RawPoller p = b.openPoller(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                try {
                    int n = ch.read(mem.asSlice(0, PAGE).asByteBuffer());
                    throw new AssertionError("read(2) into user-mode-only tracked memory returned " + n);
                } catch (IOException efault) {
                    check(efault.getMessage().contains("Bad address"), "EFAULT: " + efault);
                    System.out.println("read(2) into tracked memory: " + efault.getMessage());
                }
                mem.set(JAVA_BYTE, PAGE, (byte) 1);     // a user-mode write is tracked as usual
                List<WriteFault.Value> f = new ArrayList<>();
                p.poll(r -> f.add(WriteFault.valueOf(r)), 10);
                check(f.size() == 1 && f.get(0).tid() == b.ownerTid()
                        && f.get(0).address() == mem.address() + PAGE, "user write recorded: " + f);
                check(range.rearm().cardinality() == 1, "only the user write is dirty");
            } finally {
                threadBuffers.release();
            }
        } finally {
            Files.delete(file);
        }
    }

    /** A kernel without PAGEMAP_SCAN: async is refused, or falls back to sync when allowed. */
    static void noPagemapScan() {
        WriteTrackingUnavailableException e = refused(() -> WriteTracker.open(WriteTracker.Options.async()));
        check(e.step() == WriteTrackingUnavailableException.Step.FEATURES, "step " + e.step());
        check(e.reason().contains("PAGEMAP_SCAN"), e.reason());
        try (WriteTracker t = WriteTracker.open(WriteTracker.Options.async().withFallbackToSync())) {
            check(t.mode() == WriteTracker.Mode.SYNC, "fell back to " + t.mode());
            check(t.note().contains("async unavailable") && t.note().contains("PAGEMAP_SCAN"), t.note());
            System.out.println("fallback: " + t.note());
        }
    }
}
