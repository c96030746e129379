package io.lwp4j.sampler.internal;

import io.lwp4j.sampler.layout.AbiName;

/**
 * The op numbers of {@code lwp4j_call()} ({@code enum lwp4j_op} in {@code lwp4j.h}), one per
 * liblwp4j function Java calls, named after it ({@code TSC_HZ}: {@code lwp4j_tsc_hz}); {@code
 * AbiLayoutTest} checks each against the compiled header. Which function each calls, with what
 * arguments and which ones are critical: {@code lwp4j.h}, "The Java boundary".
 */
public final class NativeOp {
    @AbiName("LWP4J_OP_BUFFER_CREATE_INTO")
    public static final int BUFFER_CREATE_INTO = 1;
    @AbiName("LWP4J_OP_BUFFER_DESTROY")
    public static final int BUFFER_DESTROY = 2;
    @AbiName("LWP4J_OP_BUFFER_MAPPING_OF")
    public static final int BUFFER_MAPPING_OF = 3;
    @AbiName("LWP4J_OP_BUFFER_RECYCLE")
    public static final int BUFFER_RECYCLE = 4;
    @AbiName("LWP4J_OP_BUFFER_MAPPING_SIZE")
    public static final int BUFFER_MAPPING_SIZE = 5;
    @AbiName("LWP4J_OP_CONSUMER_ATTACH")
    public static final int CONSUMER_ATTACH = 6;
    @AbiName("LWP4J_OP_CONSUMER_DETACH")
    public static final int CONSUMER_DETACH = 7;
    @AbiName("LWP4J_OP_DOORBELL_NOTIFY")
    public static final int DOORBELL_NOTIFY = 8;
    @AbiName("LWP4J_OP_DOORBELL_FD")
    public static final int DOORBELL_FD = 9;
    @AbiName("LWP4J_OP_DOORBELL_WAIT")
    public static final int DOORBELL_WAIT = 10;
    @AbiName("LWP4J_OP_SET_LOCK_BUDGET")
    public static final int SET_LOCK_BUDGET = 11;
    @AbiName("LWP4J_OP_SET_MEMORY_BUDGET")
    public static final int SET_MEMORY_BUDGET = 12;
    @AbiName("LWP4J_OP_BUFFER_FITS")
    public static final int BUFFER_FITS = 13;
    @AbiName("LWP4J_OP_SET_NATIVE_BUFFER_DEFAULTS")
    public static final int SET_NATIVE_BUFFER_DEFAULTS = 14;
    @AbiName("LWP4J_OP_STATS_READ")
    public static final int STATS_READ = 15;
    @AbiName("LWP4J_OP_ORPHAN_BUFFER")
    public static final int ORPHAN_BUFFER = 16;
    @AbiName("LWP4J_OP_APPEND_RECORD")
    public static final int APPEND_RECORD = 17;
    @AbiName("LWP4J_OP_REGISTRY_PUT")
    public static final int REGISTRY_PUT = 20;
    @AbiName("LWP4J_OP_REGISTRY_REMOVE")
    public static final int REGISTRY_REMOVE = 21;
    @AbiName("LWP4J_OP_REGISTRY_GET")
    public static final int REGISTRY_GET = 22;
    @AbiName("LWP4J_OP_REGISTRY_SIZE")
    public static final int REGISTRY_SIZE = 23;
    @AbiName("LWP4J_OP_TSC_HZ")
    public static final int TSC_HZ = 30;
    @AbiName("LWP4J_OP_TSC_USABLE")
    public static final int TSC_USABLE = 31;
    @AbiName("LWP4J_OP_NOW")
    public static final int NOW = 32;
    @AbiName("LWP4J_OP_TSC_READ")
    public static final int TSC_READ = 33;
    @AbiName("LWP4J_OP_TSC_READ_PREFETCHW")
    public static final int TSC_READ_PREFETCHW = 34;
    @AbiName("LWP4J_OP_GETTID")
    public static final int GETTID = 35;
    @AbiName("LWP4J_OP_SEQ_PRODUCER_START")
    public static final int SEQ_PRODUCER_START = 40;
    @AbiName("LWP4J_OP_SEQ_PRODUCER_JOIN")
    public static final int SEQ_PRODUCER_JOIN = 41;
    @AbiName("LWP4J_OP_ABI_ENTRIES")
    public static final int ABI_ENTRIES = 42;
    @AbiName("LWP4J_OP_WT_OPEN")
    public static final int WT_OPEN = 50;
    @AbiName("LWP4J_OP_WT_TRACK")
    public static final int WT_TRACK = 51;
    @AbiName("LWP4J_OP_WT_UNTRACK")
    public static final int WT_UNTRACK = 52;
    @AbiName("LWP4J_OP_WT_REARM")
    public static final int WT_REARM = 53;
    @AbiName("LWP4J_OP_WT_DIRTY")
    public static final int WT_DIRTY = 54;
    @AbiName("LWP4J_OP_WT_EPOCH")
    public static final int WT_EPOCH = 55;
    @AbiName("LWP4J_OP_WT_HOLD")
    public static final int WT_HOLD = 56;
    @AbiName("LWP4J_OP_WT_INFO")
    public static final int WT_INFO = 57;
    @AbiName("LWP4J_OP_WT_CLOSE")
    public static final int WT_CLOSE = 58;
    @AbiName("LWP4J_OP_WT_SCAN_BUFFER")
    public static final int WT_SCAN_BUFFER = 59;
    @AbiName("LWP4J_OP_WT_CANARY_START")
    public static final int WT_CANARY_START = 60;
    @AbiName("LWP4J_OP_WT_CANARY_SET_PERIOD")
    public static final int WT_CANARY_SET_PERIOD = 61;
    @AbiName("LWP4J_OP_WT_CANARY_STOP")
    public static final int WT_CANARY_STOP = 62;
    @AbiName("LWP4J_OP_WT_CANARY_FLAVOUR")
    public static final int WT_CANARY_FLAVOUR = 63;
    @AbiName("LWP4J_OP_WT_CANARY_BUFFER")
    public static final int WT_CANARY_BUFFER = 64;
    @AbiName("LWP4J_OP_PROBE_START")
    public static final int PROBE_START = 70;
    @AbiName("LWP4J_OP_PROBE_STOP")
    public static final int PROBE_STOP = 71;
    @AbiName("LWP4J_OP_PROBE_SET_PERIOD")
    public static final int PROBE_SET_PERIOD = 72;
    @AbiName("LWP4J_OP_PROBE_SET_BURST")
    public static final int PROBE_SET_BURST = 73;
    @AbiName("LWP4J_OP_PROBE_SET_CODE_REGION")
    public static final int PROBE_SET_CODE_REGION = 74;
    @AbiName("LWP4J_OP_PROBE_SET_CLOCK")
    public static final int PROBE_SET_CLOCK = 75;
    @AbiName("LWP4J_OP_PROBE_RUN_ONCE")
    public static final int PROBE_RUN_ONCE = 76;
    @AbiName("LWP4J_OP_PROBE_LATEST")
    public static final int PROBE_LATEST = 77;
    @AbiName("LWP4J_OP_PROBE_STATS_READ")
    public static final int PROBE_STATS_READ = 78;
    @AbiName("LWP4J_OP_PROBE_BUFFER")
    public static final int PROBE_BUFFER = 79;
    @AbiName("LWP4J_OP_SYSCALL_ENV_READ")
    public static final int SYSCALL_ENV_READ = 80;

    private NativeOp() {}
}
