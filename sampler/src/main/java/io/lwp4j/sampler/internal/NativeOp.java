package io.lwp4j.sampler.internal;

/**
 * The op numbers of {@code lwp4j_call()} ({@code enum lwp4j_op} in {@code lwp4j.h}), one per
 * liblwp4j function Java calls, named after it ({@code TSC_HZ}: {@code lwp4j_tsc_hz}), printed
 * from the header at build time ({@link NativeOpAbi}, {@code native/src/abi.c}); {@code
 * AbiLayoutTest} checks each against the library Java loaded. Which function each calls, with
 * what arguments and which ones are critical: {@code lwp4j.h}, "The Java boundary".
 */
public final class NativeOp extends NativeOpAbi {
    private NativeOp() {}
}
