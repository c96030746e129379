package io.lwp4j.agent.it;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps its heap full (run it with a tiny -Xmx) for {@code args[0]} seconds while 4 threads,
 * started before, write a file without pause; has a default uncaught-exception handler of its
 * own that counts the threads it is called for. Then lets the heap go and prints {@code
 * writes=N uncaught_lwp4j=N uncaught_other=N}: writes is every write call that returned.
 */
public final class HeapFiller {
    private HeapFiller() {}

    public static void main(String[] args) throws Exception {
        AgentStarted.await();   // a full heap while lwp4j runs, not while it starts
        CountingHandler handler = new CountingHandler();
        handler.uncaughtException(Thread.currentThread(), CountingHandler.WARM_UP);   // linked before the heap is full
        Thread.setDefaultUncaughtExceptionHandler(handler);
        long seconds = Long.parseLong(args[0]);
        Path file = Files.createTempFile("lwp4j-heap", ".bin");
        AtomicLong writes = new AtomicLong();
        AtomicBoolean full = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Thread[] writers = new Thread[4];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (int i = 0; i < writers.length; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(64);
                writers[i] = Thread.ofPlatform().start(() -> {
                    while (!done.get()) {
                        try {
                            ch.write(b.clear(), 0);
                            writes.incrementAndGet();
                        } catch (Throwable e) {
                            // out of heap, most likely: the call did not return
                        }
                    }
                });
            }
            List<Object> hog = new ArrayList<>(1 << 20);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                fill(hog);                       // again and again: the JVM frees what it can meanwhile
                full.set(true);
            }
            hog.clear();
            done.set(true);
            for (Thread w : writers) w.join();
        }
        Files.delete(file);
        System.out.println("writes=" + writes.get() + " uncaught_lwp4j=" + handler.lwp4j.get() + " uncaught_other="
                + handler.other.get() + " heap_was_full=" + full.get());
    }

    /** Counts the threads it is called for, allocating nothing (it runs on an exhausted heap). */
    static final class CountingHandler implements Thread.UncaughtExceptionHandler {
        static final Throwable WARM_UP = new Throwable("warm-up");
        final AtomicLong lwp4j = new AtomicLong();
        final AtomicLong other = new AtomicLong();

        @Override
        public void uncaughtException(Thread t, Throwable e) {
            if (e == WARM_UP) return;
            if (t.getName().startsWith("lwp4j")) lwp4j.incrementAndGet(); else other.incrementAndGet();
        }
    }

    private static void fill(List<Object> hog) {
        for (int size = 1 << 20; size >= 16; size >>= 1) {
            try {
                while (true) hog.add(new byte[size]);
            } catch (OutOfMemoryError noMore) {
                // next, smaller pieces into what is left
            }
        }
    }
}
