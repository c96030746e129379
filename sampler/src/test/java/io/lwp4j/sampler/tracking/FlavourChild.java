package io.lwp4j.sampler.tracking;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * The child JVM of {@link UffdFlavourTest}: opens each write-tracking path in turn and prints
 * one line per path, {@code <path> <flavour> kernel-write=<ok|EFAULT|-> dirty=<pages|->} or
 * {@code <path> refused errno=<n>}. The kernel write is a read(2) from a file into a tracked
 * page: it waits for a full userfaultfd's handler and succeeds, fails with EFAULT under a
 * user-mode-only one in sync mode, and is resolved by the kernel itself in async mode; {@code
 * dirty} is how many pages the range reports written afterwards.
 */
public final class FlavourChild {
    static final long PAGE = TrackedRange.PAGE_SIZE;

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("lwp4j-flavour", ".bin");
        Files.write(file, new byte[(int) PAGE]);
        try {
            tracker("sync", () -> WriteTracker.open(WriteTracker.Options.sync()), file);
            tracker("sync-opt-in", () -> WriteTracker.open(WriteTracker.Options.sync().allowingUserModeOnly()), file);
            tracker("async", () -> WriteTracker.open(WriteTracker.Options.async()), file);
            try {
                WriteFaultCanary.start(WriteFaultCanary.Options.DEFAULTS);
                System.out.println("canary " + WriteFaultCanary.flavour().orElseThrow() + " kernel-write=- dirty=-");
                WriteFaultCanary.stop();
            } catch (WriteTrackingUnavailableException e) {
                System.out.println("canary refused errno=" + e.errno());
            }
        } finally {
            Files.delete(file);
        }
    }

    private static void tracker(String path, Supplier<WriteTracker> open, Path file) throws IOException {
        WriteTracker t;
        try {
            t = open.get();
        } catch (WriteTrackingUnavailableException e) {
            System.out.println(path + " refused errno=" + e.errno());
            return;
        }
        try (t; Arena arena = Arena.ofShared(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment page = arena.allocate(PAGE, PAGE);
            TrackedRange range = t.track(page);
            String kernelWrite;
            try {
                kernelWrite = ch.read(page.asByteBuffer(), 0) == PAGE ? "ok" : "short";
            } catch (IOException e) {
                kernelWrite = e.getMessage().contains("Bad address") ? "EFAULT" : e.getMessage();
            }
            System.out.println(path + " " + t.flavour() + " kernel-write=" + kernelWrite + " dirty="
                    + range.rearm().cardinality());
        }
    }
}
