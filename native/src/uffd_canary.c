// SPDX-License-Identifier: Apache-2.0
/*
 * The write-fault canary: the seed's per-step breakdown of a uffd-wp fault,
 * measured continuously on a private page by a pair of native threads, so
 * the cost of the fault path is known even when the application's own
 * faults can only be timed from the handler's side.
 *
 *   writer                                 handler
 *   t0 = now
 *   page[0] = seq ---- #PF, message ---->  read(2) returns: t1 = now
 *     (stopped in handle_userfault)        UFFDIO_WRITEPROTECT(page, 0): wakes
 *   <--------------------- wake ---------- t2 = now
 *   t3 = now (rdtscp)                      store t1, t2, cpu; store_release(done)
 *   wait until load_acquire(done) == seq
 *   record: receive t1-t0, resolve t2-t1, complete t3-t2, total t3-t0
 *   UFFDIO_WRITEPROTECT(page, WP)
 *
 * The writer may run before the handler has read t2 (it is woken inside the
 * ioctl): the handshake on `done` makes it wait for the handler's figures;
 * complete is clamped at 0 when t3 came before t2, as in the seed's data
 * (on one CPU the woken writer usually preempts the handler inside the
 * ioctl, so t2 then includes the writer's resume).
 *
 * The page is private and written only from user mode, so a user-mode-only
 * userfaultfd is enough: the canary runs wherever userfaultfd is allowed at
 * all. Records go to one process-wide buffer that is never destroyed, so a
 * reader can never see it unmapped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"
#include "uffd_uapi.h"

static struct canary {
	pthread_mutex_t lock;	/* start and stop */
	int running;
	struct lwp4j_uffd uffd;
	int stop_fd;
	int stop;		/* release-stored before stop_fd is signalled */
	int failed;		/* the handler died: release-stored, the writer ends */
	char *page;
	uint64_t page_size;
	uint64_t period_ns;	/* atomic: set_period while running */
	uint32_t faults_per_tick;
	uint64_t spin_ns;
	int32_t writer_cpu, handler_cpu;
	pthread_t writer, handler;
	/* handler -> writer, one probe at a time */
	uint64_t received, resolved;
	int32_t received_cpu;
	uint32_t woken;
	uint32_t done;		/* probes resolved; release-stored after the above */
} canary = {.lock = PTHREAD_MUTEX_INITIALIZER, .stop_fd = -1};

static struct lwp4j_process_buffer buffer = LWP4J_PROCESS_BUFFER(LWP4J_BUF_NATIVE_OWNER);

struct lwp4j_buffer_header *lwp4j_wt_canary_buffer(void)
{
	return lwp4j_process_buffer(&buffer);
}

static int page_protect(int wp)
{
	struct uffdio_writeprotect p = {
		.range = {.start = (uint64_t)(uintptr_t)canary.page, .len = canary.page_size},
		.mode = wp ? UFFDIO_WRITEPROTECT_MODE_WP : 0,
	};
	return ioctl(canary.uffd.fd, UFFDIO_WRITEPROTECT, &p) ? -errno : 0;
}

static int stopping(void)
{
	return __atomic_load_n(&canary.stop, __ATOMIC_ACQUIRE) ||
	       __atomic_load_n(&canary.failed, __ATOMIC_ACQUIRE);
}

/* The handler cannot go on: unregister the page (which wakes the writer if
 * it waits on it) and let the writer end; stop() still joins both. */
static void *handler_fail(const char *what, int err)
{
	fprintf(stderr, "lwp4j: warning: write-fault canary stopped: %s: %s\n", what, strerror(err));
	__atomic_store_n(&canary.failed, 1, __ATOMIC_RELEASE);
	struct uffdio_range r = {.start = (uint64_t)(uintptr_t)canary.page, .len = canary.page_size};
	ioctl(canary.uffd.fd, UFFDIO_UNREGISTER, &r);
	return NULL;
}

static void *handler_main(void *arg)
{
	(void)arg;
	lwp4j_thread_setup("lwp4j-canary-h", canary.handler_cpu);
	struct lwp4j_uffd_waiter w = {
		.fd = canary.uffd.fd,
		.stop_fd = canary.stop_fd,
		.stop = &canary.stop,
		.spin = lwp4j_ns_to_now(canary.spin_ns),
	};
	struct uffd_msg msg;	/* one writer, one page: one message at a time */
	uint32_t done = 0;
	for (;;) {
		int n = lwp4j_uffd_wait_read(&w, &msg);
		if (n <= 0)
			return n ? handler_fail("reading its userfaultfd", -n) : NULL;
		int cpu = sched_getcpu();
		int r = page_protect(0);
		uint64_t resolved = lwp4j_now();
		if (r)
			return handler_fail("UFFDIO_WRITEPROTECT", -r);
		canary.received = w.last;
		canary.resolved = resolved;
		canary.received_cpu = cpu;
		canary.woken = w.woken;
		__atomic_store_n(&canary.done, ++done, __ATOMIC_RELEASE);
	}
}

static uint64_t now_end(void)
{
	return lwp4j_tsc_usable() ? lwp4j_rdtscp() : lwp4j_now();
}

static void *writer_main(void *arg)
{
	(void)arg;
	lwp4j_thread_setup("lwp4j-canary", canary.writer_cpu);
	struct lwp4j_buffer_header *b = lwp4j_wt_canary_buffer();
	struct lwp4j_record rec = {
		.type = LWP4J_REC_WRITE_FAULT_PROBE,
		.flags = lwp4j_time_flags(),
		.tid = lwp4j_gettid(),
	};
	struct lwp4j_write_fault_probe_payload *p = &rec.u.write_fault_probe;
	struct pollfd stop = {.fd = canary.stop_fd, .events = POLLIN};
	uint32_t seq = 0;
	while (!stopping()) {
		uint64_t ns = __atomic_load_n(&canary.period_ns, __ATOMIC_RELAXED);
		struct timespec period = {.tv_sec = (time_t)(ns / 1000000000ULL),
					  .tv_nsec = (long)(ns % 1000000000ULL)};
		if (ppoll(&stop, 1, &period, NULL) != 0)
			continue;	/* stop or EINTR: the loop condition decides */
		for (uint32_t k = 0; k < canary.faults_per_tick && !stopping(); k++) {
			int cpu = sched_getcpu();
			uint64_t t0 = lwp4j_now();
			*(volatile uint32_t *)canary.page = ++seq;
			uint64_t t3 = now_end();
			/* The handler may share this CPU: yield, or it cannot
			 * finish its timestamps until our time slice ends. */
			while (__atomic_load_n(&canary.done, __ATOMIC_ACQUIRE) != seq) {
				if (stopping())
					return NULL;	/* woken by stop's or a failure's release */
				sched_yield();
			}
			uint64_t t1 = canary.received, t2 = canary.resolved;
			rec.time = t0;
			p->receive_cycles = t1 - t0;
			p->resolve_cycles = t2 - t1;
			p->complete_cycles = t3 > t2 ? t3 - t2 : 0;
			p->total_cycles = t3 - t0;
			p->writer_cpu = cpu;
			p->handler_cpu = canary.received_cpu;
			p->sequence = seq;
			p->flags = canary.woken ? LWP4J_WF_WOKEN : 0;
			if (b)
				lwp4j_append(b, &rec);	/* full: dropped and counted */
			if (page_protect(1)) {
				fprintf(stderr, "lwp4j: warning: write-fault canary stopped: cannot "
					"write-protect its page again: %s\n", strerror(errno));
				return NULL;
			}
		}
	}
	return NULL;
}

static void canary_release(void)
{
	if (canary.uffd.fd >= 0)
		close(canary.uffd.fd);
	if (canary.stop_fd >= 0)
		close(canary.stop_fd);
	if (canary.page)
		munmap(canary.page, canary.page_size);
	canary.uffd.fd = canary.stop_fd = -1;
	canary.page = NULL;
}

int lwp4j_wt_canary_start(uint64_t period_ns, uint32_t faults_per_tick, uint64_t spin_ns,
			  int32_t writer_cpu, int32_t handler_cpu, struct lwp4j_wt_error *err)
{
	if (!period_ns || !faults_per_tick) {
		lwp4j_wt_error_set(err, EINVAL, LWP4J_WT_STEP_ARGUMENT, "",
				   "period and faults per tick must be positive");
		return -EINVAL;
	}
	pthread_mutex_lock(&canary.lock);
	if (canary.running) {
		pthread_mutex_unlock(&canary.lock);
		lwp4j_wt_error_set(err, EALREADY, LWP4J_WT_STEP_STATE, "stop it first",
				   "the canary is already running");
		return -EALREADY;
	}
	canary.uffd.fd = -1;
	int r = lwp4j_uffd_open(1, UFFD_FEATURE_PAGEFAULT_FLAG_WP, &canary.uffd, err);
	if (r)
		goto fail;
	canary.page_size = (uint64_t)sysconf(_SC_PAGESIZE);
	canary.page = mmap(NULL, canary.page_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (canary.page == MAP_FAILED) {
		canary.page = NULL;
		r = -errno;
		lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_OPEN, "", "mmap: %s", strerror(-r));
		goto fail;
	}
	canary.page[0] = 1;	/* present: the fault is the WP fault alone */
	struct uffdio_register reg = {
		.range = {.start = (uint64_t)(uintptr_t)canary.page, .len = canary.page_size},
		.mode = UFFDIO_REGISTER_MODE_WP,
	};
	if (ioctl(canary.uffd.fd, UFFDIO_REGISTER, &reg) || page_protect(1)) {
		r = -errno;
		lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_REGISTER, "",
				   "cannot write-protect the canary page: %s", strerror(-r));
		goto fail;
	}
	canary.stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (canary.stop_fd < 0 || !lwp4j_wt_canary_buffer()) {
		r = -ENOMEM;
		lwp4j_wt_error_set(err, ENOMEM, LWP4J_WT_STEP_THREAD, "", "no eventfd or buffer");
		goto fail;
	}
	canary.stop = 0;
	canary.failed = 0;
	canary.done = 0;
	canary.period_ns = period_ns;
	canary.faults_per_tick = faults_per_tick;
	canary.spin_ns = spin_ns;
	canary.writer_cpu = writer_cpu;
	canary.handler_cpu = handler_cpu;
	r = -lwp4j_thread_start(&canary.handler, handler_main, NULL);
	if (!r) {
		r = -lwp4j_thread_start(&canary.writer, writer_main, NULL);
		if (r) {
			__atomic_store_n(&canary.stop, 1, __ATOMIC_RELEASE);
			uint64_t one = 1;
			ssize_t w = write(canary.stop_fd, &one, sizeof(one));
			(void)w;
			pthread_join(canary.handler, NULL);
		}
	}
	if (r) {
		lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_THREAD, "",
				   "cannot start the canary threads: %s", strerror(-r));
		goto fail;
	}
	canary.running = 1;
	pthread_mutex_unlock(&canary.lock);
	return 0;
fail:
	canary_release();
	pthread_mutex_unlock(&canary.lock);
	return r;
}

int lwp4j_wt_canary_set_period(uint64_t period_ns)
{
	pthread_mutex_lock(&canary.lock);
	int running = canary.running;
	if (running && period_ns)
		__atomic_store_n(&canary.period_ns, period_ns, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&canary.lock);
	return !running ? -ESRCH : !period_ns ? -EINVAL : 0;
}

void lwp4j_wt_canary_stop(void)
{
	pthread_mutex_lock(&canary.lock);
	if (!canary.running) {
		pthread_mutex_unlock(&canary.lock);
		return;
	}
	/* The writer first, while the handler still serves it: stop, make the
	 * page writable (wakes a writer stopped on it) and wait for it. */
	__atomic_store_n(&canary.stop, 1, __ATOMIC_RELEASE);
	uint64_t one = 1;
	ssize_t w = write(canary.stop_fd, &one, sizeof(one));
	(void)w;
	page_protect(0);
	pthread_join(canary.writer, NULL);
	pthread_join(canary.handler, NULL);
	canary_release();
	canary.running = 0;
	pthread_mutex_unlock(&canary.lock);
}

int32_t lwp4j_wt_canary_flavour(void)
{
	pthread_mutex_lock(&canary.lock);
	int32_t f = canary.running ? (int32_t)canary.uffd.flavour : -1;
	pthread_mutex_unlock(&canary.lock);
	return f;
}
