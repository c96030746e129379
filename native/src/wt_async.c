// SPDX-License-Identifier: Apache-2.0
/*
 * Async mode (6.7+): UFFD_FEATURE_WP_ASYNC makes the kernel resolve the
 * fault itself (the page loses its uffd-wp bit, nobody stops). PAGEMAP_SCAN
 * on /proc/self/pagemap with PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC and
 * category PAGE_IS_WRITTEN reports the written pages and write-protects them
 * again in the same page-table walk, so a write is in exactly one epoch.
 * An optional scanner thread does this periodically.
 *
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "write_tracker.h"

#define ASYNC_FEATURES (UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED)

/* Dirty-page records of every async tracker; its writers take turns. */
static pthread_mutex_t scan_buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lwp4j_process_buffer scan_buffer = LWP4J_PROCESS_BUFFER(LWP4J_BUF_NATIVE_OWNER);

struct lwp4j_buffer_header *lwp4j_wt_scan_buffer(void)
{
	return lwp4j_process_buffer(&scan_buffer);
}

/*
 * Scan a range for pages written this epoch into r->dirty (zeroed first).
 * With rearm, PM_SCAN_WP_MATCHING write-protects each reported page in the
 * same walk (a write is either reported now or left for the next epoch),
 * the epoch advances and a DIRTY_PAGES record is appended. Under ops.
 * Returns the pages written or -errno.
 */
int64_t wt_scan_range(struct lwp4j_wt *t, struct wt_range *r, int rearm)
{
	uint64_t end = r->start + r->len, written = 0;
	struct pm_scan_arg a = {
		.size = sizeof(a),
		.flags = rearm ? PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC : 0,
		.start = r->start,
		.end = end,
		.vec = (uint64_t)(uintptr_t)t->vec,
		.vec_len = SCAN_VEC,
		.category_mask = PAGE_IS_WRITTEN,
		.return_mask = PAGE_IS_WRITTEN,
	};
	memset(r->dirty, 0, (r->pages + 63) / 64 * 8);
	uint64_t t0 = lwp4j_now();
	do {
		/* A full vector stops the walk at walk_end; resume there. */
		long n = ioctl(t->pagemap_fd, PAGEMAP_SCAN, &a);
		if (n < 0)
			return -errno;
		for (long i = 0; i < n; i++)
			for (uint64_t p = t->vec[i].start; p < t->vec[i].end; p += t->pagesize) {
				uint64_t k = (p - r->start) / t->pagesize;
				r->dirty[k / 64] |= 1ULL << (k & 63);
				written++;
			}
		a.start = a.walk_end;
	} while (a.walk_end < end);
	uint64_t t1 = lwp4j_now();
	if (!rearm)
		return (int64_t)written;

	struct lwp4j_record rec = {
		.type = LWP4J_REC_DIRTY_PAGES,
		.flags = t->time_flags,
		.tid = lwp4j_gettid(),
		.time = t0,
		.u.dirty_pages = {
			.range_id = (uint64_t)r->id,
			.epoch = r->epoch,
			.start = r->start,
			.pages = r->pages,
			.written = written,
			.scan_cycles = t1 - t0,
		},
	};
	r->epoch++;
	__atomic_fetch_add(&t->scans, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&scan_buffer_lock);
	struct lwp4j_buffer_header *b = lwp4j_wt_scan_buffer();
	if (!b || lwp4j_append(b, &rec))
		__atomic_fetch_add(&t->dropped, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&scan_buffer_lock);
	return (int64_t)written;
}

void *wt_scanner_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	wt_thread_setup(t, "lwp4j-wt-scan");
	struct timespec period = {.tv_sec = (time_t)(t->scan_ns / 1000000000ULL),
				  .tv_nsec = (long)(t->scan_ns % 1000000000ULL)};
	struct pollfd p = {.fd = t->stop_fd, .events = POLLIN};
	for (;;) {
		int r = ppoll(&p, 1, &period, NULL);
		if (__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE))
			return NULL;
		if (r != 0)
			continue;	/* EINTR */
		pthread_mutex_lock(&t->ops);
		int64_t err = 0;
		uint32_t i = 0;
		while (i < t->nranges && !err && !t->stop) {
			err = wt_scan_range(t, t->ranges[i], 1);
			if (wt_kernel_forgot(err)) {
				wt_range_gone(t, i);	/* that range only: the others go on */
				err = 0;
			} else {
				i++;
			}
		}
		pthread_mutex_unlock(&t->ops);
		if (err < 0) {
			wt_tracker_fail(t, (int)-err, "PAGEMAP_SCAN of a tracked range failed", 0);
			return NULL;
		}
	}
}

int wt_open_async(struct lwp4j_wt *t, struct lwp4j_wt_error *err)
{
	int r = lwp4j_uffd_open(1, ASYNC_FEATURES, &t->uffd, err);
	if (r)
		return r;
	t->pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (t->pagemap_fd < 0) {
		r = -errno;
		lwp4j_wt_error_set(err, -r, LWP4J_WT_STEP_OPEN, "mount /proc",
				   "cannot open /proc/self/pagemap: %s", strerror(-r));
	} else {
		/* Probe with an empty walk: ENOTTY before 6.7. */
		struct pm_scan_arg a = {.size = sizeof(a), .category_mask = PAGE_IS_WRITTEN,
					.return_mask = PAGE_IS_WRITTEN};
		if (ioctl(t->pagemap_fd, PAGEMAP_SCAN, &a) < 0) {
			r = -errno;
			lwp4j_wt_error_set(err, EOPNOTSUPP, LWP4J_WT_STEP_FEATURES,
					   "run Linux 6.7 or later, or use sync mode",
					   "the kernel lacks the PAGEMAP_SCAN ioctl (6.7): %s",
					   strerror(-r));
			r = -EOPNOTSUPP;
		}
	}
	if (r) {
		close(t->uffd.fd);
		if (t->pagemap_fd >= 0)
			close(t->pagemap_fd);
		t->pagemap_fd = -1;
	}
	return r;
}

