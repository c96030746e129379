package io.lwp4j.demo.jit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** The libc calls a JIT needs to map code, through FFM, with errno captured. */
final class Libc {
    static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    static final int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_ANONYMOUS = 0x20, MAP_LOCKED = 0x2000;
    static final int MFD_CLOEXEC = 1;
    static final long PAGE = 4096;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle MMAP = bind("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MPROTECT = bind("mprotect",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MEMFD_CREATE = bind("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = bind("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Libc() {}

    private static MethodHandle bind(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, CAPTURE);
    }

    /** A failed libc call: the function and its errno. */
    static final class NativeCallException extends RuntimeException {
        final int errno;

        NativeCallException(String call, int errno) {
            super(call + " failed with errno " + errno);
            this.errno = errno;
        }
    }

    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CALL_STATE));

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static MemorySegment mmap(long size, int prot, int flags, int fd) {
        MemorySegment st = STATE.get();
        MemorySegment p;
        try {
            p = (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, size, prot, flags, fd, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (p.address() == -1L) throw new NativeCallException("mmap", errno(st));
        return p.reinterpret(size);
    }

    static void mprotect(MemorySegment m, int prot) {
        MemorySegment st = STATE.get();
        int rc;
        try {
            rc = (int) MPROTECT.invokeExact(st, m, m.byteSize(), prot);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (rc != 0) throw new NativeCallException("mprotect", errno(st));
    }

    static void munmap(MemorySegment m) {
        MemorySegment st = STATE.get();
        int rc;
        try {
            rc = (int) MUNMAP.invokeExact(st, m, m.byteSize());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (rc != 0) throw new NativeCallException("munmap", errno(st));
    }

    static int memfdCreate(String name, long size) {
        MemorySegment st = STATE.get();
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) MEMFD_CREATE.invokeExact(st, a.allocateFrom(name), MFD_CLOEXEC);
            if (fd < 0) throw new NativeCallException("memfd_create", errno(st));
            int rc = (int) FTRUNCATE.invokeExact(st, fd, size);
            if (rc != 0) {
                int e = errno(st);
                int ignored = (int) CLOSE.invokeExact(st, fd);
                throw new NativeCallException("ftruncate", e);
            }
            return fd;
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(STATE.get(), fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
