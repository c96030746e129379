package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A {@code struct lwp4j_wt_error} for one call, and the exception it stands for. */
final class NativeError {
    final MemorySegment segment;

    NativeError(Arena arena) {
        segment = arena.allocate(ERROR_SIZE, 8);
    }

    int errno() {
        return segment.get(JAVA_INT, ERROR_ERR);
    }

    String cause() {
        return segment.getString(ERROR_CAUSE);
    }

    String fix() {
        return segment.getString(ERROR_FIX);
    }

    /**
     * Refusals of the environment become {@link WriteTrackingUnavailableException}; a bad
     * argument or memory the kernel cannot write-protect {@link IllegalArgumentException}; a
     * failed tracker {@link IllegalStateException}.
     */
    RuntimeException toException() {
        String fix = fix();
        String detail = cause() + (fix.isEmpty() ? "" : ": " + fix);
        return switch (segment.get(JAVA_INT, ERROR_STEP)) {
            case STEP_OPEN -> new WriteTrackingUnavailableException(
                    WriteTrackingUnavailableException.Step.OPEN, errno(), cause(), fix);
            case STEP_FEATURES -> new WriteTrackingUnavailableException(
                    WriteTrackingUnavailableException.Step.FEATURES, errno(), cause(), fix);
            case STEP_THREAD -> new WriteTrackingUnavailableException(
                    WriteTrackingUnavailableException.Step.THREAD, errno(), cause(), fix);
            case STEP_ARGUMENT, STEP_REGISTER -> new IllegalArgumentException(detail);
            default -> new IllegalStateException(detail);
        };
    }
}
