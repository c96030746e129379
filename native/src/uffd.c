// SPDX-License-Identifier: Apache-2.0
/*
 * Obtaining a userfaultfd, and the adaptive wait shared by every handler.
 *
 * Flavours. A userfaultfd comes from userfaultfd(2) or from
 * /dev/userfaultfd (USERFAULTFD_IOC_NEW, 6.1+), with or without
 * UFFD_USER_MODE_ONLY:
 *   full            userfaultfd(2) needs CAP_SYS_PTRACE or
 *                   vm.unprivileged_userfaultfd=1; the device needs rw
 *                   access to /dev/userfaultfd. Kernel-mode faults (read(2)
 *                   into tracked memory) are delivered like user faults.
 *   user mode only  allowed to anyone (5.11+), but a kernel-mode write to a
 *                   write-protected page is not delivered: the syscall
 *                   fails with EFAULT. Safe only where the kernel never
 *                   writes: the canary's private page, and async mode (the
 *                   kernel resolves WP_ASYNC faults itself, before the
 *                   user-mode check).
 *
 * Features are probed before they are asked for: UFFDIO_API with features 0
 * on a first descriptor reports what the kernel offers; a second descriptor
 * is then opened and enabled with exactly the features wanted (UFFDIO_API
 * may be called once per descriptor).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"
#include "uffd_uapi.h"

void lwp4j_wt_error_set(struct lwp4j_wt_error *e, int err, int step, const char *fix,
			const char *cause_fmt, ...)
{
	if (!e)
		return;
	e->err = err;
	e->step = step;
	va_list ap;
	va_start(ap, cause_fmt);
	vsnprintf(e->cause, sizeof(e->cause), cause_fmt, ap);
	va_end(ap);
	snprintf(e->fix, sizeof(e->fix), "%s", fix ? fix : "");
}

/* One way of obtaining a descriptor: returns the fd or -errno. */
static int uffd_create(int device, int user_mode_only)
{
	int flags = O_CLOEXEC | O_NONBLOCK | (user_mode_only ? UFFD_USER_MODE_ONLY : 0);
	if (!device) {
		int fd = (int)syscall(SYS_userfaultfd, flags);
		return fd >= 0 ? fd : -errno;
	}
	int dev = open("/dev/userfaultfd", O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return -errno;
	int fd = ioctl(dev, USERFAULTFD_IOC_NEW, flags);
	int e = errno;
	close(dev);
	return fd >= 0 ? fd : -e;
}

/* UFFDIO_API on a fresh descriptor: 0 and *features, or -errno. */
static int uffd_api(int fd, uint64_t *features)
{
	struct uffdio_api api = {.api = UFFD_API, .features = *features};
	if (ioctl(fd, UFFDIO_API, &api))
		return -errno;
	*features = api.features;
	return 0;
}

static int sysctl_unprivileged(void)
{
	int fd = open("/proc/sys/vm/unprivileged_userfaultfd", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char c = 0;
	ssize_t n = read(fd, &c, 1);
	close(fd);
	return n == 1 ? c - '0' : -1;
}

static const char FIX_FULL[] =
	"grant CAP_SYS_PTRACE, or read/write access to /dev/userfaultfd (Linux 6.1+), "
	"or set sysctl vm.unprivileged_userfaultfd=1; or opt in to user-mode-only "
	"sync tracking, with which read(2) and other kernel writes into tracked "
	"memory fail with EFAULT";
static const char FIX_ANY[] =
	"allow userfaultfd(2) in the seccomp profile (Docker/Podman: --security-opt "
	"seccomp=<profile>; Kubernetes: securityContext.seccompProfile) or expose "
	"/dev/userfaultfd; the kernel needs CONFIG_USERFAULTFD";
_Static_assert(sizeof(FIX_FULL) <= sizeof(((struct lwp4j_wt_error *)0)->fix), "fits");
_Static_assert(sizeof(FIX_ANY) <= sizeof(((struct lwp4j_wt_error *)0)->fix), "fits");

static const char *feature_name(uint64_t bit)
{
	switch (bit) {
	case UFFD_FEATURE_PAGEFAULT_FLAG_WP: return "UFFD_FEATURE_PAGEFAULT_FLAG_WP (5.7)";
	case UFFD_FEATURE_THREAD_ID: return "UFFD_FEATURE_THREAD_ID (4.14)";
	case UFFD_FEATURE_WP_UNPOPULATED: return "UFFD_FEATURE_WP_UNPOPULATED (6.4)";
	case UFFD_FEATURE_WP_ASYNC: return "UFFD_FEATURE_WP_ASYNC (6.7)";
	case UFFD_FEATURE_SIGBUS: return "UFFD_FEATURE_SIGBUS (4.14)";
	default: return "an unnamed userfaultfd feature";
	}
}

int lwp4j_uffd_open(int user_mode_only, uint64_t want, struct lwp4j_uffd *out,
		    struct lwp4j_wt_error *err)
{
	int errs[2];
	for (int device = 0; device < 2; device++) {
		int fd = uffd_create(device, user_mode_only);
		if (fd < 0) {
			errs[device] = -fd;
			continue;
		}
		uint64_t offered = 0;
		int r = uffd_api(fd, &offered);
		close(fd);
		if (r) {
			lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_FEATURES, "run Linux 6.7 or later",
					   "UFFDIO_API refused the API handshake: %s", strerror(-r));
			return r;
		}
		if ((offered & want) != want) {
			uint64_t missing = want & ~offered;
			lwp4j_wt_error_set(err, EOPNOTSUPP, LWP4J_WT_STEP_FEATURES,
					   "run a kernel with the feature (see its version)",
					   "the kernel lacks %s",
					   feature_name(missing & -missing));
			return -EOPNOTSUPP;
		}
		fd = uffd_create(device, user_mode_only);
		if (fd < 0) {
			errs[device] = -fd;
			continue;
		}
		uint64_t features = want;
		r = uffd_api(fd, &features);
		if (r) {
			close(fd);
			lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_FEATURES, "",
					   "UFFDIO_API refused features %#llx: %s",
					   (unsigned long long)want, strerror(-r));
			return r;
		}
		out->fd = fd;
		out->flavour = (device ? LWP4J_UFFD_DEVICE : 0) |
			       (user_mode_only ? LWP4J_UFFD_USER_MODE_ONLY : 0);
		out->features = features;
		return 0;
	}
	/* Both refused. EPERM for a full descriptor is the privilege check
	 * (sysctl, capability, device permissions) when a user-mode-only one
	 * is allowed; otherwise userfaultfd is denied altogether: a seccomp
	 * filter, or ENOSYS from a kernel without it. */
	int e = errs[0];
	int privilege = 0;
	if (!user_mode_only && e == EPERM) {
		int probe = uffd_create(0, 1);
		privilege = probe >= 0;
		if (probe >= 0)
			close(probe);
	}
	if (privilege)
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_OPEN, FIX_FULL,
				   "a full userfaultfd is refused: userfaultfd(2): %s%s; "
				   "/dev/userfaultfd: %s", strerror(e),
				   sysctl_unprivileged() == 0 ? " (vm.unprivileged_userfaultfd=0: "
				   "it needs CAP_SYS_PTRACE)" : "", strerror(errs[1]));
	else
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_OPEN, FIX_ANY,
				   "userfaultfd is denied%s: userfaultfd(2): %s; /dev/userfaultfd: %s",
				   user_mode_only ? " (user-mode-only descriptors too)" : "",
				   strerror(e), strerror(errs[1]));
	return -e;
}

int lwp4j_uffd_wait_read(struct lwp4j_uffd_waiter *w, struct uffd_msg *msg)
{
	w->idle = 0;
	w->woken = 0;
	int yielded = 0;
	for (;;) {
		if (__atomic_load_n(w->stop, __ATOMIC_ACQUIRE))
			return 0;
		ssize_t n = read(w->fd, msg, sizeof(*msg));
		if (n == sizeof(*msg)) {
			w->last = lwp4j_now();
			return 1;
		}
		if (n >= 0)
			return -EIO;	/* not a userfaultfd any more */
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return -errno;
		/* Phase 1: a fault came recently, more are likely (a burst):
		 * keep polling the descriptor. Yield once first: the thread the
		 * last message woke may share this CPU and must not wait for
		 * the spin window to end (with nobody else runnable, yield
		 * returns at once); after that, pause between attempts and keep
		 * the CPU, which under load another process would take. */
		if (w->spin && lwp4j_now() - w->last < w->spin) {
			if (!yielded)
				sched_yield();
			else
				__builtin_ia32_pause();
			yielded = 1;
			continue;
		}
		/* Phase 2: idle. Sleep until a fault or the stop eventfd. */
		struct pollfd p[2] = {{.fd = w->fd, .events = POLLIN},
				      {.fd = w->stop_fd, .events = POLLIN}};
		uint64_t t0 = lwp4j_now();
		int r = poll(p, 2, -1);
		if (r < 0 && errno != EINTR)
			return -errno;
		w->idle += lwp4j_now() - t0;
		w->woken = 1;
		w->sleeps++;
		if (p[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			return p[0].revents & POLLNVAL ? -EBADF : -EIO;
	}
}

int lwp4j_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	/* The thread starts with every signal blocked: a process-directed
	 * signal (the JVM's SIGQUIT, a profiler's SIGPROF) must never run a
	 * handler on a thread that other threads' progress depends on. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int r = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}

void lwp4j_thread_setup(const char *name, int32_t cpu)
{
	pthread_setname_np(pthread_self(), name);
	if (cpu >= 0 && cpu < CPU_SETSIZE) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		pthread_setaffinity_np(pthread_self(), sizeof(set), &set);	/* best effort */
	}
}
