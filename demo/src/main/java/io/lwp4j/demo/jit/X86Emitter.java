package io.lwp4j.demo.jit;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Emits the few x86-64 instructions the demo's functions need, SysV ABI: the argument in
 * rdi, the result in rax. Encodings are from the Intel SDM; each method names its bytes.
 */
public final class X86Emitter {
    private final MemorySegment code;
    private long at;

    X86Emitter(MemorySegment code, long offset) {
        this.code = code;
        this.at = offset;
    }

    long position() {
        return at;
    }

    private X86Emitter b(int... bytes) {
        for (int x : bytes) code.set(ValueLayout.JAVA_BYTE, at++, (byte) x);
        return this;
    }

    private X86Emitter imm32(int v) {
        code.set(ValueLayout.JAVA_INT_UNALIGNED, at, v);
        at += 4;
        return this;
    }

    private X86Emitter imm64(long v) {
        code.set(ValueLayout.JAVA_LONG_UNALIGNED, at, v);
        at += 8;
        return this;
    }

    X86Emitter movRaxRdi() { return b(0x48, 0x89, 0xf8); }              // mov rax, rdi
    X86Emitter movRcxImm64(long v) { return b(0x48, 0xb9).imm64(v); }   // movabs rcx, imm64
    X86Emitter movRaxMoffs64(long addr) { return b(0x48, 0xa1).imm64(addr); } // movabs rax, [addr]
    X86Emitter imulRaxRcx() { return b(0x48, 0x0f, 0xaf, 0xc1); }       // imul rax, rcx
    X86Emitter imulRaxRdi() { return b(0x48, 0x0f, 0xaf, 0xc7); }       // imul rax, rdi
    X86Emitter addRaxRcx() { return b(0x48, 0x01, 0xc8); }              // add rax, rcx
    X86Emitter addRaxRdi() { return b(0x48, 0x01, 0xf8); }              // add rax, rdi
    X86Emitter addRaxRdx() { return b(0x48, 0x01, 0xd0); }              // add rax, rdx
    X86Emitter xorEaxEax() { return b(0x31, 0xc0); }                    // xor eax, eax
    X86Emitter xorEcxEcx() { return b(0x31, 0xc9); }                    // xor ecx, ecx
    X86Emitter testRdiRdi() { return b(0x48, 0x85, 0xff); }             // test rdi, rdi
    X86Emitter movRdxRcx() { return b(0x48, 0x89, 0xca); }              // mov rdx, rcx
    X86Emitter imulRdxImm32(int v) { return b(0x48, 0x69, 0xd2).imm32(v); } // imul rdx, rdx, imm32
    X86Emitter incRcx() { return b(0x48, 0xff, 0xc1); }                 // inc rcx
    X86Emitter cmpRcxRdi() { return b(0x48, 0x39, 0xf9); }              // cmp rcx, rdi
    X86Emitter ret() { return b(0xc3); }                                // ret

    /** jle rel8 with a placeholder; returns where to patch. */
    long jleForward() {
        b(0x7e, 0);
        return at - 1;
    }

    /** jl rel8 back to {@code target}. */
    X86Emitter jlBack(long target) {
        long rel = target - (at + 2);
        if (rel < -128) throw new IllegalStateException("loop body too long for rel8");
        return b(0x7c, (int) rel);
    }

    /** Points the rel8 at {@code patch} to the current position. */
    void bindHere(long patch) {
        code.set(ValueLayout.JAVA_BYTE, patch, (byte) (at - (patch + 1)));
    }
}
