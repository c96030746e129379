package io.lwp4j.cli.report;

import java.util.List;

/**
 * One I/O call the recording holds as an {@code lwp4j.Syscall} event (slow, failed or
 * sampled), as the report shows it.
 *
 * @param thread the calling thread's name
 * @param target the file's path, the peer's (or else the local) address, or the descriptor
 * @param durationNanos the whole call
 * @param waitNanos of which the thread waited (parked for data, a whole select or accept)
 * @param frames the stack, innermost first, as {@code class.method(File.java:line)}
 * @param applicationFrame index of the first frame of the application's own code, -1 if none
 */
record RecordedCall(long startEpochNanos, String thread, String operation, String kind, String target,
                    long durationNanos, long waitNanos, long bytes, String error, boolean virtualThread,
                    List<String> frames, int applicationFrame) {

    long workNanos() {
        return durationNanos - waitNanos;
    }

    /** The time the report ranks and charts it by: working time, or the whole call with waits. */
    long rankNanos(boolean includeWaits) {
        return includeWaits ? durationNanos : workNanos();
    }

    /** Up to {@code count} application frames from the first, outermost last. */
    List<String> applicationFrames(int count) {
        if (applicationFrame < 0) return List.of();
        return frames.subList(applicationFrame, Math.min(frames.size(), applicationFrame + count));
    }
}
