package io.lwp4j.sampler.tracking;

import static io.lwp4j.sampler.layout.WriteTrackingLayout.FLAVOUR_DEVICE;
import static io.lwp4j.sampler.layout.WriteTrackingLayout.FLAVOUR_USER_MODE_ONLY;

/**
 * How a userfaultfd was obtained. A <em>full</em> descriptor also receives faults the kernel
 * takes on the application's behalf ({@code read(2)} into tracked memory waits for the
 * handler and succeeds); a {@code UFFD_USER_MODE_ONLY} one does not, and such a kernel write
 * fails with {@code EFAULT}.
 */
public enum UffdFlavour {
    /** userfaultfd(2): CAP_SYS_PTRACE or {@code vm.unprivileged_userfaultfd=1}. */
    FULL_SYSCALL,
    /** {@code /dev/userfaultfd} (Linux 6.1+): read/write access to the device. */
    FULL_DEVICE,
    /** userfaultfd(2) with {@code UFFD_USER_MODE_ONLY}: allowed to anyone. */
    USER_MODE_ONLY_SYSCALL,
    /** {@code /dev/userfaultfd} with {@code UFFD_USER_MODE_ONLY}. */
    USER_MODE_ONLY_DEVICE;

    static UffdFlavour of(int bits) {
        boolean device = (bits & FLAVOUR_DEVICE) != 0;
        if ((bits & FLAVOUR_USER_MODE_ONLY) != 0) return device ? USER_MODE_ONLY_DEVICE : USER_MODE_ONLY_SYSCALL;
        return device ? FULL_DEVICE : FULL_SYSCALL;
    }

    /** Kernel-mode writes into tracked memory fail with EFAULT instead of faulting. */
    public boolean userModeOnly() {
        return this == USER_MODE_ONLY_SYSCALL || this == USER_MODE_ONLY_DEVICE;
    }
}
