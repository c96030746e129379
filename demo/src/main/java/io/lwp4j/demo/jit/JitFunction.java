package io.lwp4j.demo.jit;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** One generated function, {@code long f(long x)}, and what it must return. */
public sealed interface JitFunction permits JitFunction.Polynomial, JitFunction.SumLoop, JitFunction.GlobalAdd {

    /** Emits the machine code; {@code globals} is the module's data (a relocation target). */
    void emit(X86Emitter e, MemorySegment globals);

    /** The result the code must produce, computed in Java. */
    long expected(long x, MemorySegment globals);

    /** {@code (a*x + b)*x + c}, wrapping like the hardware. */
    record Polynomial(long a, long b, long c) implements JitFunction {
        @Override
        public void emit(X86Emitter e, MemorySegment globals) {
            e.movRaxRdi().movRcxImm64(a).imulRaxRcx().movRcxImm64(b).addRaxRcx().imulRaxRdi().movRcxImm64(c)
                    .addRaxRcx().ret();
        }

        @Override
        public long expected(long x, MemorySegment globals) {
            return (a * x + b) * x + c;
        }
    }

    /** {@code sum of i*k for i in [0, x)}: a real loop with two branches. */
    record SumLoop(int k) implements JitFunction {
        @Override
        public void emit(X86Emitter e, MemorySegment globals) {
            e.xorEaxEax().xorEcxEcx().testRdiRdi();
            long toEnd = e.jleForward();
            long loop = e.position();
            e.movRdxRcx().imulRdxImm32(k).addRaxRdx().incRcx().cmpRcxRdi().jlBack(loop);
            e.bindHere(toEnd);
            e.ret();
        }

        @Override
        public long expected(long x, MemorySegment globals) {
            long sum = 0;
            for (long i = 0; i < x; i++) sum += i * k;
            return sum;
        }
    }

    /** {@code x + globals[slot]}: the global's absolute address is linked into the code. */
    record GlobalAdd(int slot) implements JitFunction {
        @Override
        public void emit(X86Emitter e, MemorySegment globals) {
            e.movRaxMoffs64(globals.address() + 8L * slot).addRaxRdi().ret();
        }

        @Override
        public long expected(long x, MemorySegment globals) {
            return x + globals.getAtIndex(ValueLayout.JAVA_LONG, slot);
        }
    }
}
