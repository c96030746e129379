package io.lwp4j.demo.jit;

import static io.lwp4j.demo.jit.Libc.*;

import io.lwp4j.sampler.probe.CodeLoadStrategy;
import java.lang.foreign.MemorySegment;

/**
 * Code regions loaded with each of seed 001's strategies, as a JIT or Wasm runtime loads a
 * module: the application's own loader, beside the probe that measures the same strategies
 * in C ({@link io.lwp4j.sampler.probe.CodeLoadProbe}).
 */
public final class CodeRegions {
    private CodeRegions() {}

    /** A code region of {@code pages} pages loaded with {@code strategy}. */
    public static CodeRegion open(CodeLoadStrategy strategy, int pages) {
        if (pages < 1 || pages > 4096) {
            throw new IllegalArgumentException("code region must be 1..4096 pages, got " + pages);
        }
        long size = pages * PAGE;
        return switch (strategy) {
            case NAIVE -> new Naive(size);
            case REUSE -> new Flipped(mmap(size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1));
            case REUSE_LOCKED -> new Flipped(mmap(size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1));
            case SHARED -> new Flipped(mmap(size, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS, -1));
            case MEMFD_DUAL -> new DualMapped(size);
        };
    }

    /** Memory that receives a module's code, then runs it. */
    public abstract static sealed class CodeRegion implements AutoCloseable permits Naive, Flipped, DualMapped {
        /** A writable view to emit a module into. */
        public abstract MemorySegment beginWrite();

        /** Makes what was written executable; returns the view to call into. */
        public abstract MemorySegment endWrite();

        /** The module is done: its code may go. */
        public abstract void retireModule();

        @Override
        public abstract void close();
    }

    static final class Naive extends CodeRegion {
        private final long size;
        private MemorySegment map;

        Naive(long size) {
            this.size = size;
        }

        @Override
        public MemorySegment beginWrite() {
            map = mmap(size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
            return map;
        }

        @Override
        public MemorySegment endWrite() {
            mprotect(map, PROT_READ | PROT_EXEC);
            return map;
        }

        @Override
        public void retireModule() {
            if (map != null) munmap(map);
            map = null;
        }

        @Override
        public void close() {
            retireModule();
        }
    }

    static final class Flipped extends CodeRegion {
        private final MemorySegment map;

        Flipped(MemorySegment map) {
            this.map = map;
        }

        @Override
        public MemorySegment beginWrite() {
            mprotect(map, PROT_READ | PROT_WRITE);
            return map;
        }

        @Override
        public MemorySegment endWrite() {
            mprotect(map, PROT_READ | PROT_EXEC);
            return map;
        }

        @Override
        public void retireModule() {}

        @Override
        public void close() {
            munmap(map);
        }
    }

    static final class DualMapped extends CodeRegion {
        private final MemorySegment executable;
        private final MemorySegment writable;

        DualMapped(long size) {
            int fd = memfdCreate("lwp4j-demo-jit", size);
            try {
                executable = mmap(size, PROT_READ | PROT_EXEC, MAP_SHARED, fd);
                writable = mmap(size, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
            } finally {
                Libc.close(fd); // the mappings keep the memory
            }
        }

        @Override
        public MemorySegment beginWrite() {
            return writable;
        }

        @Override
        public MemorySegment endWrite() {
            return executable;
        }

        @Override
        public void retireModule() {}

        @Override
        public void close() {
            munmap(writable);
            munmap(executable);
        }
    }
}
