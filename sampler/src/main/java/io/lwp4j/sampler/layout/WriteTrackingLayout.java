package io.lwp4j.sampler.layout;

import java.util.Map;

/**
 * Java mirror of the write-tracking section of {@code lwp4j.h}: the payloads of {@link
 * RecordType#WRITE_FAULT}, {@link RecordType#DIRTY_PAGES} and {@link
 * RecordType#WRITE_FAULT_PROBE} (offsets within the 64-byte record), the constants of the
 * {@code lwp4j_wt_*} API, and the {@code lwp4j_wt_error} / {@code lwp4j_wt_info} structs.
 * A test checks every value against the table the C library was compiled with.
 *
 * <pre>
 * WRITE_FAULT        16 address  24 range_id  32 epoch  40 handle_cycles  48 idle_cycles
 *                    56 handler_tid (i32)  60 flags (u32, WF_*)
 * DIRTY_PAGES        16 range_id  24 epoch  32 start  40 pages  48 written  56 scan_cycles
 * WRITE_FAULT_PROBE  16 receive  24 resolve  32 complete  40 total (cycles)
 *                    48 writer_cpu  52 handler_cpu  56 sequence  60 flags
 * </pre>
 */
public final class WriteTrackingLayout {
    /** The faulting thread had no buffer: the record is in the orphan buffer. */
    @AbiName("LWP4J_WF_ORPHAN")
    public static final int WF_ORPHAN = 1;
    /** The page was already written this epoch (threads raced on it): not a first write. */
    @AbiName("LWP4J_WF_REPEAT")
    public static final int WF_REPEAT = 1 << 1;
    /** The handler was asleep in poll(2) and had to be woken for this fault. */
    @AbiName("LWP4J_WF_WOKEN")
    public static final int WF_WOKEN = 1 << 2;

    @AbiName("write_fault.address")
    public static final long WRITE_FAULT_ADDRESS = 16;
    @AbiName("write_fault.range_id")
    public static final long WRITE_FAULT_RANGE_ID = 24;
    @AbiName("write_fault.epoch")
    public static final long WRITE_FAULT_EPOCH = 32;
    @AbiName("write_fault.handle_cycles")
    public static final long WRITE_FAULT_HANDLE_CYCLES = 40;
    @AbiName("write_fault.idle_cycles")
    public static final long WRITE_FAULT_IDLE_CYCLES = 48;
    @AbiName("write_fault.handler_tid")
    public static final long WRITE_FAULT_HANDLER_TID = 56;
    @AbiName("write_fault.flags")
    public static final long WRITE_FAULT_FLAGS = 60;

    @AbiName("dirty_pages.range_id")
    public static final long DIRTY_PAGES_RANGE_ID = 16;
    @AbiName("dirty_pages.epoch")
    public static final long DIRTY_PAGES_EPOCH = 24;
    @AbiName("dirty_pages.start")
    public static final long DIRTY_PAGES_START = 32;
    @AbiName("dirty_pages.pages")
    public static final long DIRTY_PAGES_PAGES = 40;
    @AbiName("dirty_pages.written")
    public static final long DIRTY_PAGES_WRITTEN = 48;
    @AbiName("dirty_pages.scan_cycles")
    public static final long DIRTY_PAGES_SCAN_CYCLES = 56;

    @AbiName("write_fault_probe.receive_cycles")
    public static final long PROBE_RECEIVE_CYCLES = 16;
    @AbiName("write_fault_probe.resolve_cycles")
    public static final long PROBE_RESOLVE_CYCLES = 24;
    @AbiName("write_fault_probe.complete_cycles")
    public static final long PROBE_COMPLETE_CYCLES = 32;
    @AbiName("write_fault_probe.total_cycles")
    public static final long PROBE_TOTAL_CYCLES = 40;
    @AbiName("write_fault_probe.writer_cpu")
    public static final long PROBE_WRITER_CPU = 48;
    @AbiName("write_fault_probe.handler_cpu")
    public static final long PROBE_HANDLER_CPU = 52;
    @AbiName("write_fault_probe.sequence")
    public static final long PROBE_SEQUENCE = 56;
    @AbiName("write_fault_probe.flags")
    public static final long PROBE_FLAGS = 60;

    @AbiName("LWP4J_WT_SYNC")
    public static final int MODE_SYNC = 1;
    @AbiName("LWP4J_WT_ASYNC")
    public static final int MODE_ASYNC = 2;
    @AbiName("LWP4J_WT_ALLOW_USER_MODE_ONLY")
    public static final int OPEN_ALLOW_USER_MODE_ONLY = 1;
    @AbiName("LWP4J_WT_FALLBACK_SYNC")
    public static final int OPEN_FALLBACK_SYNC = 1 << 1;
    @AbiName("LWP4J_UFFD_DEVICE")
    public static final int FLAVOUR_DEVICE = 1;
    @AbiName("LWP4J_UFFD_USER_MODE_ONLY")
    public static final int FLAVOUR_USER_MODE_ONLY = 1 << 1;
    @AbiName("LWP4J_WT_RUNNING")
    public static final int STATE_RUNNING = 1;
    @AbiName("LWP4J_WT_FAILED")
    public static final int STATE_FAILED = 2;
    /** lwp4j_wt_hold(): the handler ends at its next message (a test hook). */
    @AbiName("LWP4J_WT_HOLD_EXIT")
    public static final int HOLD_EXIT = 2;
    @AbiName("LWP4J_WT_DEFAULT_STALL_NS")
    public static final long DEFAULT_STALL_NS = 1_000_000_000L;
    @AbiName("LWP4J_WT_STEP_OPEN")
    public static final int STEP_OPEN = 1;
    @AbiName("LWP4J_WT_STEP_FEATURES")
    public static final int STEP_FEATURES = 2;
    @AbiName("LWP4J_WT_STEP_THREAD")
    public static final int STEP_THREAD = 3;
    @AbiName("LWP4J_WT_STEP_ARGUMENT")
    public static final int STEP_ARGUMENT = 4;
    @AbiName("LWP4J_WT_STEP_REGISTER")
    public static final int STEP_REGISTER = 5;
    @AbiName("LWP4J_WT_STEP_STATE")
    public static final int STEP_STATE = 6;

    /** {@code struct lwp4j_wt_error}. */
    @AbiName("wt_error.size")
    public static final long ERROR_SIZE = 520;
    @AbiName("wt_error.err")
    public static final long ERROR_ERR = 0;
    @AbiName("wt_error.step")
    public static final long ERROR_STEP = 4;
    @AbiName("wt_error.cause")
    public static final long ERROR_CAUSE = 8;
    @AbiName("wt_error.fix")
    public static final long ERROR_FIX = 264;
    public static final int ERROR_TEXT_SIZE = 256;

    /** {@code struct lwp4j_wt_info}. */
    @AbiName("wt_info.size")
    public static final long INFO_SIZE = 360;
    @AbiName("wt_info.mode")
    public static final long INFO_MODE = 0;
    @AbiName("wt_info.flavour")
    public static final long INFO_FLAVOUR = 4;
    @AbiName("wt_info.features")
    public static final long INFO_FEATURES = 8;
    @AbiName("wt_info.state")
    public static final long INFO_STATE = 16;
    @AbiName("wt_info.failure_err")
    public static final long INFO_FAILURE_ERR = 20;
    @AbiName("wt_info.thread_tid")
    public static final long INFO_THREAD_TID = 24;
    @AbiName("wt_info.uffd")
    public static final long INFO_UFFD = 28;
    @AbiName("wt_info.faults")
    public static final long INFO_FAULTS = 32;
    @AbiName("wt_info.repeats")
    public static final long INFO_REPEATS = 40;
    @AbiName("wt_info.sleeps")
    public static final long INFO_SLEEPS = 48;
    @AbiName("wt_info.orphans")
    public static final long INFO_ORPHANS = 56;
    @AbiName("wt_info.dropped")
    public static final long INFO_DROPPED = 64;
    @AbiName("wt_info.scans")
    public static final long INFO_SCANS = 72;
    @AbiName("wt_info.resolve_cycles")
    public static final long INFO_RESOLVE_CYCLES = 80;
    @AbiName("wt_info.thread_cpu_ns")
    public static final long INFO_THREAD_CPU_NS = 88;
    @AbiName("wt_info.ranges")
    public static final long INFO_RANGES = 96;
    @AbiName("wt_info.note")
    public static final long INFO_NOTE = 104;

    private WriteTrackingLayout() {}

    /** Every value above under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        return AbiTable.of(WriteTrackingLayout.class);
    }
}
