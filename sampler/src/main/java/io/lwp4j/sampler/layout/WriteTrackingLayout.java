package io.lwp4j.sampler.layout;

import java.util.LinkedHashMap;
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
    public static final int WF_ORPHAN = 1;
    /** The page was already written this epoch (threads raced on it): not a first write. */
    public static final int WF_REPEAT = 1 << 1;
    /** The handler was asleep in poll(2) and had to be woken for this fault. */
    public static final int WF_WOKEN = 1 << 2;

    public static final long WRITE_FAULT_ADDRESS = 16;
    public static final long WRITE_FAULT_RANGE_ID = 24;
    public static final long WRITE_FAULT_EPOCH = 32;
    public static final long WRITE_FAULT_HANDLE_CYCLES = 40;
    public static final long WRITE_FAULT_IDLE_CYCLES = 48;
    public static final long WRITE_FAULT_HANDLER_TID = 56;
    public static final long WRITE_FAULT_FLAGS = 60;

    public static final long DIRTY_PAGES_RANGE_ID = 16;
    public static final long DIRTY_PAGES_EPOCH = 24;
    public static final long DIRTY_PAGES_START = 32;
    public static final long DIRTY_PAGES_PAGES = 40;
    public static final long DIRTY_PAGES_WRITTEN = 48;
    public static final long DIRTY_PAGES_SCAN_CYCLES = 56;

    public static final long PROBE_RECEIVE_CYCLES = 16;
    public static final long PROBE_RESOLVE_CYCLES = 24;
    public static final long PROBE_COMPLETE_CYCLES = 32;
    public static final long PROBE_TOTAL_CYCLES = 40;
    public static final long PROBE_WRITER_CPU = 48;
    public static final long PROBE_HANDLER_CPU = 52;
    public static final long PROBE_SEQUENCE = 56;
    public static final long PROBE_FLAGS = 60;

    public static final int MODE_SYNC = 1;
    public static final int MODE_ASYNC = 2;
    public static final int OPEN_ALLOW_USER_MODE_ONLY = 1;
    public static final int OPEN_FALLBACK_SYNC = 1 << 1;
    public static final int FLAVOUR_DEVICE = 1;
    public static final int FLAVOUR_USER_MODE_ONLY = 1 << 1;
    public static final int STATE_RUNNING = 1;
    public static final int STATE_FAILED = 2;
    /** lwp4j_wt_hold(): the handler ends at its next message (a test hook). */
    public static final int HOLD_EXIT = 2;
    public static final long DEFAULT_STALL_NS = 1_000_000_000L;
    public static final int STEP_OPEN = 1;
    public static final int STEP_FEATURES = 2;
    public static final int STEP_THREAD = 3;
    public static final int STEP_ARGUMENT = 4;
    public static final int STEP_REGISTER = 5;
    public static final int STEP_STATE = 6;

    /** {@code struct lwp4j_wt_error}. */
    public static final long ERROR_SIZE = 520;
    public static final long ERROR_ERR = 0;
    public static final long ERROR_STEP = 4;
    public static final long ERROR_CAUSE = 8;
    public static final long ERROR_FIX = 264;
    public static final int ERROR_TEXT_SIZE = 256;

    /** {@code struct lwp4j_wt_info}. */
    public static final long INFO_SIZE = 360;
    public static final long INFO_MODE = 0;
    public static final long INFO_FLAVOUR = 4;
    public static final long INFO_FEATURES = 8;
    public static final long INFO_STATE = 16;
    public static final long INFO_FAILURE_ERR = 20;
    public static final long INFO_THREAD_TID = 24;
    public static final long INFO_UFFD = 28;
    public static final long INFO_FAULTS = 32;
    public static final long INFO_REPEATS = 40;
    public static final long INFO_SLEEPS = 48;
    public static final long INFO_ORPHANS = 56;
    public static final long INFO_DROPPED = 64;
    public static final long INFO_SCANS = 72;
    public static final long INFO_RESOLVE_CYCLES = 80;
    public static final long INFO_THREAD_CPU_NS = 88;
    public static final long INFO_RANGES = 96;
    public static final long INFO_NOTE = 104;

    private WriteTrackingLayout() {}

    /** Every value above under its name in {@code lwp4j_abi_entries()}. */
    public static Map<String, Long> abi() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("LWP4J_WF_ORPHAN", (long) WF_ORPHAN);
        m.put("LWP4J_WF_REPEAT", (long) WF_REPEAT);
        m.put("LWP4J_WF_WOKEN", (long) WF_WOKEN);
        m.put("write_fault.address", WRITE_FAULT_ADDRESS);
        m.put("write_fault.range_id", WRITE_FAULT_RANGE_ID);
        m.put("write_fault.epoch", WRITE_FAULT_EPOCH);
        m.put("write_fault.handle_cycles", WRITE_FAULT_HANDLE_CYCLES);
        m.put("write_fault.idle_cycles", WRITE_FAULT_IDLE_CYCLES);
        m.put("write_fault.handler_tid", WRITE_FAULT_HANDLER_TID);
        m.put("write_fault.flags", WRITE_FAULT_FLAGS);
        m.put("dirty_pages.range_id", DIRTY_PAGES_RANGE_ID);
        m.put("dirty_pages.epoch", DIRTY_PAGES_EPOCH);
        m.put("dirty_pages.start", DIRTY_PAGES_START);
        m.put("dirty_pages.pages", DIRTY_PAGES_PAGES);
        m.put("dirty_pages.written", DIRTY_PAGES_WRITTEN);
        m.put("dirty_pages.scan_cycles", DIRTY_PAGES_SCAN_CYCLES);
        m.put("write_fault_probe.receive_cycles", PROBE_RECEIVE_CYCLES);
        m.put("write_fault_probe.resolve_cycles", PROBE_RESOLVE_CYCLES);
        m.put("write_fault_probe.complete_cycles", PROBE_COMPLETE_CYCLES);
        m.put("write_fault_probe.total_cycles", PROBE_TOTAL_CYCLES);
        m.put("write_fault_probe.writer_cpu", PROBE_WRITER_CPU);
        m.put("write_fault_probe.handler_cpu", PROBE_HANDLER_CPU);
        m.put("write_fault_probe.sequence", PROBE_SEQUENCE);
        m.put("write_fault_probe.flags", PROBE_FLAGS);
        m.put("LWP4J_WT_SYNC", (long) MODE_SYNC);
        m.put("LWP4J_WT_ASYNC", (long) MODE_ASYNC);
        m.put("LWP4J_WT_ALLOW_USER_MODE_ONLY", (long) OPEN_ALLOW_USER_MODE_ONLY);
        m.put("LWP4J_WT_FALLBACK_SYNC", (long) OPEN_FALLBACK_SYNC);
        m.put("LWP4J_UFFD_DEVICE", (long) FLAVOUR_DEVICE);
        m.put("LWP4J_UFFD_USER_MODE_ONLY", (long) FLAVOUR_USER_MODE_ONLY);
        m.put("LWP4J_WT_RUNNING", (long) STATE_RUNNING);
        m.put("LWP4J_WT_FAILED", (long) STATE_FAILED);
        m.put("LWP4J_WT_HOLD_EXIT", (long) HOLD_EXIT);
        m.put("LWP4J_WT_DEFAULT_STALL_NS", DEFAULT_STALL_NS);
        m.put("LWP4J_WT_STEP_OPEN", (long) STEP_OPEN);
        m.put("LWP4J_WT_STEP_FEATURES", (long) STEP_FEATURES);
        m.put("LWP4J_WT_STEP_THREAD", (long) STEP_THREAD);
        m.put("LWP4J_WT_STEP_ARGUMENT", (long) STEP_ARGUMENT);
        m.put("LWP4J_WT_STEP_REGISTER", (long) STEP_REGISTER);
        m.put("LWP4J_WT_STEP_STATE", (long) STEP_STATE);
        m.put("wt_error.size", ERROR_SIZE);
        m.put("wt_error.err", ERROR_ERR);
        m.put("wt_error.step", ERROR_STEP);
        m.put("wt_error.cause", ERROR_CAUSE);
        m.put("wt_error.fix", ERROR_FIX);
        m.put("wt_info.size", INFO_SIZE);
        m.put("wt_info.mode", INFO_MODE);
        m.put("wt_info.flavour", INFO_FLAVOUR);
        m.put("wt_info.features", INFO_FEATURES);
        m.put("wt_info.state", INFO_STATE);
        m.put("wt_info.failure_err", INFO_FAILURE_ERR);
        m.put("wt_info.thread_tid", INFO_THREAD_TID);
        m.put("wt_info.uffd", INFO_UFFD);
        m.put("wt_info.faults", INFO_FAULTS);
        m.put("wt_info.repeats", INFO_REPEATS);
        m.put("wt_info.sleeps", INFO_SLEEPS);
        m.put("wt_info.orphans", INFO_ORPHANS);
        m.put("wt_info.dropped", INFO_DROPPED);
        m.put("wt_info.scans", INFO_SCANS);
        m.put("wt_info.resolve_cycles", INFO_RESOLVE_CYCLES);
        m.put("wt_info.thread_cpu_ns", INFO_THREAD_CPU_NS);
        m.put("wt_info.ranges", INFO_RANGES);
        m.put("wt_info.note", INFO_NOTE);
        return m;
    }
}
