package io.lwp4j.sampler.layout;

/**
 * Java mirror of the write-tracking section of {@code lwp4j.h}: the payloads of {@link
 * RecordType#WRITE_FAULT}, {@link RecordType#DIRTY_PAGES} and {@link
 * RecordType#WRITE_FAULT_PROBE} (offsets within the 64-byte record), the constants of the
 * {@code lwp4j_wt_*} API, and the {@code lwp4j_wt_error} / {@code lwp4j_wt_info} structs.
 * Its constants are printed from lwp4j.h at build time ({@link WriteTrackingAbi}, {@code
 * native/src/abi.c}); a test checks them against the table of the library Java loaded.
 *
 * <pre>
 * WRITE_FAULT        16 address  24 range_id  32 epoch  40 handle_cycles  48 idle_cycles
 *                    56 handler_tid (i32)  60 flags (u32, WF_*)
 * DIRTY_PAGES        16 range_id  24 epoch  32 start  40 pages  48 written  56 scan_cycles
 * WRITE_FAULT_PROBE  16 receive  24 resolve  32 complete  40 total (cycles)
 *                    48 writer_cpu  52 handler_cpu  56 sequence  60 flags
 * </pre>
 */
public final class WriteTrackingLayout extends WriteTrackingAbi {
    private WriteTrackingLayout() {}
}
