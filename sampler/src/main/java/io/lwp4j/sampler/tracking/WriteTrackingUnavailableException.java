package io.lwp4j.sampler.tracking;

/**
 * userfaultfd write tracking is refused here: the kernel or the environment (seccomp, missing
 * privilege, an old kernel) does not allow it. The message names the cause and the fix; the
 * rest of lwp4j keeps working without it.
 */
public final class WriteTrackingUnavailableException extends RuntimeException {
    /** What was refused. */
    public enum Step {
        /** Obtaining a userfaultfd: userfaultfd(2) and /dev/userfaultfd were both refused. */
        OPEN,
        /** The kernel lacks a feature (WP_UNPOPULATED, WP_ASYNC, PAGEMAP_SCAN, ...). */
        FEATURES,
        /** The handler, scanner or canary thread could not be started. */
        THREAD
    }

    private final Step step;
    private final int errno;
    private final String reason;
    private final String fix;

    WriteTrackingUnavailableException(Step step, int errno, String reason, String fix) {
        super("userfaultfd write tracking is unavailable: " + reason + (fix.isEmpty() ? "" : ". Fix: " + fix));
        this.step = step;
        this.errno = errno;
        this.reason = reason;
        this.fix = fix;
    }

    public Step step() {
        return step;
    }

    /** The errno of the refusal (EPERM, ENOSYS, EOPNOTSUPP, ...). */
    public int errno() {
        return errno;
    }

    /** What refused what, e.g. {@code "userfaultfd(2): Operation not permitted; ..."}. */
    public String reason() {
        return reason;
    }

    /** What would make it work, or "" when nothing can. */
    public String fix() {
        return fix;
    }
}
