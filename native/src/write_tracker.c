// SPDX-License-Identifier: Apache-2.0
/*
 * The write tracker's API (lwp4j_wt_*) and how a tracker fails. Its parts:
 * write_tracker.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "write_tracker.h"

/* The failure's errno and note, for lwp4j_wt_info() and state errors. */
void wt_set_failure(struct lwp4j_wt *t, int err, const char *fmt, ...)
{
	pthread_mutex_lock(&t->note_lock);
	t->failure_err = err;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->note, sizeof(t->note), fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&t->note_lock);
}

/* The first caller turns the tracker off; 0 for the others. */
int wt_claim_failure(struct lwp4j_wt *t)
{
	int expect = 0;
	return __atomic_compare_exchange_n(&t->failing, &expect, 1, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

/*
 * The tracker stops working: un-protect everything so that no thread can
 * stay blocked, and say why, once, on stderr. fd_lost: the descriptor itself
 * failed (closed or replaced by someone else); its number may already name
 * another file, so it is never used again. The kernel then did the un-protect
 * when the last reference went (userfaultfd_release wakes every waiter).
 *
 * The warnings of wt_tracker_fail() and tracker_abandon() are written before any
 * thread is released: a released thread may be the one whose progress lets
 * the JVM exit, and exit_group would then end this thread before its line.
 */
void wt_tracker_fail(struct lwp4j_wt *t, int err, const char *what, int fd_lost)
{
	pthread_mutex_lock(&t->lock);
	/* closing is not a failure; abandoned by the watchdog: said already */
	if (__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE) || !wt_claim_failure(t)) {
		pthread_mutex_unlock(&t->lock);
		return;
	}
	fprintf(stderr, "lwp4j: warning: write tracking is off: %s: %s; %u tracked range(s) made "
		"writable, their writes are no longer recorded\n", what, strerror(err), t->nranges);
	t->fd_gone = fd_lost;
	for (uint32_t i = 0; i < t->nranges; i++)
		wt_range_release(t, t->ranges[i]);
	wt_set_failure(t, err, "%s: %s", what, strerror(err));
	__atomic_store_n(&t->state, LWP4J_WT_FAILED, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&t->lock);
}

void wt_thread_setup(struct lwp4j_wt *t, const char *name)
{
	__atomic_store_n(&t->thread_tid, lwp4j_gettid(), __ATOMIC_RELEASE);
	lwp4j_thread_setup(name, t->cpu);
}

/* ---- API --------------------------------------------------------------- */

static int64_t next_range_id = 1;

struct lwp4j_wt *lwp4j_wt_open(uint32_t mode, uint32_t flags, uint64_t spin_ns,
			       uint64_t scan_interval_ns, int32_t handler_cpu, uint64_t stall_ns,
			       struct lwp4j_wt_error *err)
{
	struct lwp4j_wt_error scratch;
	if (!err)
		err = &scratch;
	memset(err, 0, sizeof(*err));
	if ((mode != LWP4J_WT_SYNC && mode != LWP4J_WT_ASYNC) ||
	    (flags & ~(LWP4J_WT_ALLOW_USER_MODE_ONLY | LWP4J_WT_FALLBACK_SYNC))) {
		lwp4j_wt_error_set(err, EINVAL, LWP4J_WT_STEP_ARGUMENT, "",
				   "bad mode %u or flags %#x", mode, flags);
		errno = EINVAL;
		return NULL;
	}
	struct lwp4j_wt *t = calloc(1, sizeof(*t));
	if (!t) {
		lwp4j_wt_error_set(err, ENOMEM, LWP4J_WT_STEP_OPEN, "", "out of memory");
		errno = ENOMEM;
		return NULL;
	}
	t->pagemap_fd = -1;
	t->stop_fd = -1;
	t->dead_fd = -1;
	t->cpu = handler_cpu;
	t->spin_ns = spin_ns;
	t->scan_ns = scan_interval_ns;
	t->pagesize = (uint64_t)sysconf(_SC_PAGESIZE);
	t->time_flags = lwp4j_time_flags();
	pthread_mutex_init(&t->ops, NULL);
	pthread_mutex_init(&t->lock, NULL);
	pthread_mutex_init(&t->note_lock, NULL);
	pthread_cond_init(&t->hold_cv, NULL);

	int r;
	if (mode == LWP4J_WT_ASYNC) {
		r = wt_open_async(t, err);
		if (r && err->step == LWP4J_WT_STEP_FEATURES && (flags & LWP4J_WT_FALLBACK_SYNC)) {
			char why[sizeof(err->cause)];
			snprintf(why, sizeof(why), "%s", err->cause);
			mode = LWP4J_WT_SYNC;
			r = wt_open_sync(t, flags, err);
			if (!r && !t->note[0])
				snprintf(t->note, sizeof(t->note),
					 "async unavailable (%.200s): tracking in sync mode", why);
		}
	} else {
		r = wt_open_sync(t, flags, err);
	}
	if (r)
		goto fail;
	t->mode = mode;
	struct stat st;
	if (fstat(t->uffd.fd, &st) == 0) {
		t->uffd_dev = st.st_dev;
		t->uffd_ino = st.st_ino;
	}

	t->stall_ns = mode == LWP4J_WT_SYNC ? stall_ns : 0;
	t->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	int thread = t->stop_fd >= 0 ? 0 : errno;
	if (!thread && t->stall_ns) {
		t->dead_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		thread = t->dead_fd >= 0 ? 0 : errno;
	}
	__atomic_store_n(&t->state, LWP4J_WT_RUNNING, __ATOMIC_RELEASE);
	int started = 0;
	if (!thread && (mode == LWP4J_WT_SYNC || t->scan_ns)) {
		thread = lwp4j_thread_start(&t->thread,
					    mode == LWP4J_WT_SYNC ? wt_handler_main : wt_scanner_main, t);
		started = !thread;
	}
	if (!thread && t->stall_ns)
		thread = lwp4j_thread_start(&t->watchdog, wt_watchdog_main, t);
	if (thread) {
		lwp4j_wt_error_set(err, thread, LWP4J_WT_STEP_THREAD, "",
				   "cannot start the %s thread: %s",
				   started ? "watchdog" : mode == LWP4J_WT_SYNC ? "handler" : "scanner",
				   strerror(thread));
		if (started) {
			__atomic_store_n(&t->stop, 1, __ATOMIC_RELEASE);
			uint64_t one = 1;
			ssize_t w = write(t->stop_fd, &one, sizeof(one));
			(void)w;
			pthread_join(t->thread, NULL);
		}
		close(t->uffd.fd);
		if (t->pagemap_fd >= 0)
			close(t->pagemap_fd);
		if (t->stop_fd >= 0)
			close(t->stop_fd);
		if (t->dead_fd >= 0)
			close(t->dead_fd);
		goto fail;
	}
	return t;
fail:
	pthread_mutex_destroy(&t->ops);
	pthread_mutex_destroy(&t->lock);
	pthread_mutex_destroy(&t->note_lock);
	pthread_cond_destroy(&t->hold_cv);
	free(t);
	errno = err->err;
	return NULL;
}

static int state_error(struct lwp4j_wt *t, struct lwp4j_wt_error *err)
{
	if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == LWP4J_WT_RUNNING)
		return 0;
	pthread_mutex_lock(&t->note_lock);
	lwp4j_wt_error_set(err, EIO, LWP4J_WT_STEP_STATE,
			   "close this tracker and open a new one",
			   "the tracker has failed: %s", t->note);
	pthread_mutex_unlock(&t->note_lock);
	return EIO;
}

int64_t lwp4j_wt_track(struct lwp4j_wt *t, uint64_t addr, uint64_t len,
		       struct lwp4j_wt_error *err)
{
	struct lwp4j_wt_error scratch;
	if (!err)
		err = &scratch;
	memset(err, 0, sizeof(*err));
	uint64_t mask = t->pagesize - 1;
	if (!len || (addr & mask) || (len & mask) || addr + len < addr) {
		lwp4j_wt_error_set(err, EINVAL, LWP4J_WT_STEP_ARGUMENT,
				   "track whole pages: a page-aligned address and length",
				   "range [%#llx, +%#llx) is %s (page size %llu)",
				   (unsigned long long)addr, (unsigned long long)len,
				   !len ? "empty" : "not page aligned",
				   (unsigned long long)t->pagesize);
		return -EINVAL;
	}
	pthread_mutex_lock(&t->ops);
	int e = state_error(t, err);
	if (e)
		goto out;
	e = wt_claim(addr, len);
	if (e) {
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_ARGUMENT,
				   e == EEXIST ? "untrack the other range first" :
				   e == EBUSY ? "lwp4j's ring buffers can never be tracked" : "",
				   "range [%#llx, +%#llx) %s", (unsigned long long)addr,
				   (unsigned long long)len,
				   e == EEXIST ? "overlaps a range that is already tracked" :
				   e == EBUSY ? "overlaps a ring buffer" : "cannot be recorded");
		goto out;
	}
	/* The kernel first: it refuses memory it cannot protect, or a range
	 * past the address space, before a bitmap for it is allocated. */
	struct uffdio_register reg = {.range = {.start = addr, .len = len},
				      .mode = UFFDIO_REGISTER_MODE_WP};
	if (ioctl(t->uffd.fd, UFFDIO_REGISTER, &reg)) {
		e = errno;
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_REGISTER,
				   "track writable private or shared anonymous memory, shmem or "
				   "hugetlbfs pages (not a mapping of a regular file, not "
				   "read-only, fully mapped)",
				   "the kernel cannot write-protect [%#llx, +%#llx): "
				   "UFFDIO_REGISTER: %s", (unsigned long long)addr,
				   (unsigned long long)len, strerror(e));
		wt_unclaim(addr);
		goto out;
	}
	struct uffdio_range registered = {.start = addr, .len = len};
	struct wt_range *r = calloc(1, sizeof(*r));
	uint64_t pages = len / t->pagesize, words = (pages + 63) / 64;
	if (r) {
		r->dirty = calloc(words, 8);
		r->spare = t->mode == LWP4J_WT_SYNC ? calloc(words, 8) : NULL;
	}
	if (!r || !r->dirty || (t->mode == LWP4J_WT_SYNC && !r->spare) || wt_ranges_reserve(t)) {
		ioctl(t->uffd.fd, UFFDIO_UNREGISTER, &registered);
		wt_range_free(r);
		wt_unclaim(addr);
		e = ENOMEM;
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_ARGUMENT, "",
				   "out of memory for the page bitmaps of %llu pages",
				   (unsigned long long)pages);
		goto out;
	}
	r->id = __atomic_fetch_add(&next_range_id, 1, __ATOMIC_RELAXED);
	r->start = addr;
	r->len = len;
	r->pages = pages;
	r->epoch = 1;
	/* The first epoch starts write-protected; WP_UNPOPULATED extends the
	 * protection to pages never touched yet (pte markers). */
	pthread_mutex_lock(&t->lock);
	e = -wt_uffd_protect(t, addr, len, UFFDIO_WRITEPROTECT_MODE_WP);
	if (!e) {
		uint32_t at = 0;
		while (at < t->nranges && t->ranges[at]->start < addr)
			at++;
		memmove(&t->ranges[at + 1], &t->ranges[at], (t->nranges - at) * sizeof(*t->ranges));
		t->ranges[at] = r;
		t->nranges++;
	}
	pthread_mutex_unlock(&t->lock);
	if (e) {
		lwp4j_wt_error_set(err, e, LWP4J_WT_STEP_REGISTER, "",
				   "the kernel cannot write-protect [%#llx, +%#llx): "
				   "UFFDIO_WRITEPROTECT: %s", (unsigned long long)addr,
				   (unsigned long long)len, strerror(e));
		ioctl(t->uffd.fd, UFFDIO_UNREGISTER, &registered);
		wt_range_free(r);
		wt_unclaim(addr);
		goto out;
	}
	pthread_mutex_unlock(&t->ops);
	return r->id;
out:
	pthread_mutex_unlock(&t->ops);
	errno = e;
	return -e;
}

int lwp4j_wt_untrack(struct lwp4j_wt *t, int64_t range_id)
{
	pthread_mutex_lock(&t->ops);
	pthread_mutex_lock(&t->lock);
	int i = wt_range_index(t, range_id);
	struct wt_range *r = NULL;
	if (i >= 0) {
		r = t->ranges[i];
		if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == LWP4J_WT_RUNNING)
			wt_range_release(t, r);
		memmove(&t->ranges[i], &t->ranges[i + 1], (t->nranges - i - 1) * sizeof(*t->ranges));
		t->nranges--;
	}
	pthread_mutex_unlock(&t->lock);
	int gone = r ? -1 : wt_gone_index(t, range_id);
	if (gone >= 0)
		t->gone[gone] = t->gone[--t->ngone];
	pthread_mutex_unlock(&t->ops);
	if (!r)
		return gone >= 0 ? 0 : -ENOENT;
	wt_unclaim(r->start);
	wt_range_free(r);
	return 0;
}

static int64_t copy_bits(const struct wt_range *r, const uint64_t *bits, uint64_t *out,
			 uint64_t words)
{
	uint64_t need = (r->pages + 63) / 64;
	int64_t n = 0;
	for (uint64_t i = 0; i < need; i++)
		n += __builtin_popcountll(bits[i]);
	if (out)
		for (uint64_t i = 0; i < words; i++)
			out[i] = i < need ? bits[i] : 0;
	return n;
}

static int64_t end_or_peek(struct lwp4j_wt *t, int64_t range_id, uint64_t *out, uint64_t words,
			   int rearm)
{
	pthread_mutex_lock(&t->ops);
	int i = wt_range_index(t, range_id);
	struct wt_range *r = i >= 0 ? t->ranges[i] : NULL;
	int64_t n = -1;
	int e = 0;
	if (!r)
		e = wt_gone_index(t, range_id) >= 0 ? ENXIO : ENOENT;
	else if (out && words < (r->pages + 63) / 64)
		e = ENOSPC;
	else if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != LWP4J_WT_RUNNING)
		e = EIO;
	if (e)
		goto out;
	if (t->mode == LWP4J_WT_ASYNC) {
		n = wt_scan_range(t, r, rearm);
		if (n < 0) {
			e = wt_kernel_forgot(n) ? ENXIO : (int)-n;
			if (e == ENXIO)
				wt_range_gone(t, (uint32_t)i);
			goto out;
		}
		n = copy_bits(r, r->dirty, out, words);
	} else if (rearm) {
		/* Swap in the zeroed bitmap and protect the range in one step
		 * with respect to the handler; the ended epoch's bitmap is then
		 * ours alone (ops) to copy out and zero. */
		pthread_mutex_lock(&t->lock);
		uint64_t *ended = r->dirty;
		r->dirty = r->spare;
		r->spare = ended;
		r->epoch++;
		e = -wt_uffd_protect(t, r->start, r->len, UFFDIO_WRITEPROTECT_MODE_WP);
		pthread_mutex_unlock(&t->lock);
		n = copy_bits(r, r->spare, out, words);
		memset(r->spare, 0, (r->pages + 63) / 64 * 8);
		if (e == ENOENT) {
			wt_range_gone(t, (uint32_t)i);
			e = ENXIO;
		}
	} else {
		/* spare is zero and ours (ops): snapshot into it, copy out
		 * outside the handler's lock, zero it again. */
		pthread_mutex_lock(&t->lock);
		memcpy(r->spare, r->dirty, (r->pages + 63) / 64 * 8);
		pthread_mutex_unlock(&t->lock);
		n = copy_bits(r, r->spare, out, words);
		memset(r->spare, 0, (r->pages + 63) / 64 * 8);
	}
out:
	pthread_mutex_unlock(&t->ops);
	return e ? -e : n;
}

int64_t lwp4j_wt_rearm(struct lwp4j_wt *t, int64_t range_id, uint64_t *bitmap, uint64_t words)
{
	return end_or_peek(t, range_id, bitmap, words, 1);
}

int64_t lwp4j_wt_dirty(struct lwp4j_wt *t, int64_t range_id, uint64_t *bitmap, uint64_t words)
{
	return end_or_peek(t, range_id, bitmap, words, 0);
}

uint64_t lwp4j_wt_epoch(struct lwp4j_wt *t, int64_t range_id)
{
	pthread_mutex_lock(&t->ops);	/* every epoch change holds ops */
	int i = wt_range_index(t, range_id);
	uint64_t e = i >= 0 ? t->ranges[i]->epoch : 0;
	pthread_mutex_unlock(&t->ops);
	return e;
}

int lwp4j_wt_hold(struct lwp4j_wt *t, int on)
{
	if (t->mode != LWP4J_WT_SYNC || on < 0 || on > LWP4J_WT_HOLD_EXIT)
		return -EINVAL;
	pthread_mutex_lock(&t->lock);
	__atomic_store_n(&t->hold, on, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&t->hold_cv);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

void lwp4j_wt_info(struct lwp4j_wt *t, struct lwp4j_wt_info *out)
{
	memset(out, 0, sizeof(*out));
	out->mode = t->mode;
	out->flavour = t->uffd.flavour;
	out->features = t->uffd.features;
	out->state = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);
	out->thread_tid = __atomic_load_n(&t->thread_tid, __ATOMIC_ACQUIRE);
	out->faults = __atomic_load_n(&t->faults, __ATOMIC_RELAXED);
	out->repeats = __atomic_load_n(&t->repeats, __ATOMIC_RELAXED);
	out->sleeps = __atomic_load_n(&t->sleeps, __ATOMIC_RELAXED);
	out->orphans = __atomic_load_n(&t->orphans, __ATOMIC_RELAXED);
	out->dropped = __atomic_load_n(&t->dropped, __ATOMIC_RELAXED);
	out->scans = __atomic_load_n(&t->scans, __ATOMIC_RELAXED);
	out->resolve_cycles = __atomic_load_n(&t->resolve_cycles, __ATOMIC_RELAXED);
	pthread_mutex_lock(&t->lock);
	out->uffd = t->fd_gone || __atomic_load_n(&t->fd_replaced, __ATOMIC_ACQUIRE) ? -1 : t->uffd.fd;
	out->ranges = t->nranges;
	pthread_mutex_unlock(&t->lock);
	pthread_mutex_lock(&t->note_lock);
	out->failure_err = t->failure_err;
	snprintf(out->note, sizeof(out->note), "%s", t->note);
	pthread_mutex_unlock(&t->note_lock);
	clockid_t cpu;
	struct timespec ts;
	if (out->thread_tid && pthread_getcpuclockid(t->thread, &cpu) == 0 &&
	    clock_gettime(cpu, &ts) == 0)
		out->thread_cpu_ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void lwp4j_wt_close(struct lwp4j_wt *t)
{
	if (!t)
		return;
	/* Ranges first: every blocked writer is woken while the handler still
	 * runs; only then is the thread asked to stop. */
	pthread_mutex_lock(&t->ops);
	pthread_mutex_lock(&t->lock);
	int replaced = __atomic_load_n(&t->fd_replaced, __ATOMIC_ACQUIRE);
	if (!t->fd_gone && !replaced && !wt_uffd_still_ours(t))
		t->fd_gone = 1;	/* closed and its number reused: not ours to touch */
	for (uint32_t i = 0; i < t->nranges; i++)
		wt_range_release(t, t->ranges[i]);
	t->hold = 0;
	pthread_cond_broadcast(&t->hold_cv);
	__atomic_store_n(&t->stop, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&t->lock);
	pthread_mutex_unlock(&t->ops);

	if (t->mode == LWP4J_WT_SYNC || t->scan_ns) {
		uint64_t one = 1;
		ssize_t w = write(t->stop_fd, &one, sizeof(one));
		(void)w;	/* an eventfd write of 1 cannot fail here */
		pthread_join(t->thread, NULL);
	}
	if (t->stall_ns)
		pthread_join(t->watchdog, NULL);
	for (uint32_t i = 0; i < t->nranges; i++) {
		wt_unclaim(t->ranges[i]->start);
		wt_range_free(t->ranges[i]);
	}
	free(t->ranges);
	free(t->gone);
	if (!t->fd_gone)
		close(t->uffd.fd);	/* abandoned: our copy of dead_fd */
	if (t->pagemap_fd >= 0)
		close(t->pagemap_fd);
	if (t->dead_fd >= 0)
		close(t->dead_fd);
	close(t->stop_fd);
	pthread_mutex_destroy(&t->ops);
	pthread_mutex_destroy(&t->lock);
	pthread_mutex_destroy(&t->note_lock);
	pthread_cond_destroy(&t->hold_cv);
	free(t);
}
