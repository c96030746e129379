// SPDX-License-Identifier: Apache-2.0
/*
 * Sync mode: every first write stops the writing thread in the kernel
 * (handle_userfault) and queues a message. A native handler pthread (never
 * a JVM thread: a JVM thread can be held at a safepoint while a thread it
 * must release waits in a fault) reads it, marks the page in the range's
 * dirty bitmap, appends a LWP4J_REC_WRITE_FAULT record to the faulting
 * thread's ring buffer and only then makes the page writable and wakes the
 * thread (one UFFDIO_WRITEPROTECT). The thread cannot get past the write
 * before that, so the handler is its buffer's only writer meanwhile (see
 * handle_fault() for why this holds even when a signal wakes it early); the
 * kernel's wake-up is a full barrier for the woken task, so the thread's next
 * own append sees the head the handler published.
 *
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "write_tracker.h"

#define SYNC_FEATURES (UFFD_FEATURE_PAGEFAULT_FLAG_WP | UFFD_FEATURE_THREAD_ID | \
		       UFFD_FEATURE_WP_UNPOPULATED)

/* Several sync handlers may need the orphan buffer; its writers take turns. */
static pthread_mutex_t orphan_lock = PTHREAD_MUTEX_INITIALIZER;

static void append_fault_record(struct lwp4j_wt *t, struct lwp4j_record *rec)
{
	struct lwp4j_write_fault_payload *p = &rec->u.write_fault;
	struct lwp4j_buffer_header *b = NULL;
	if (p->flags & LWP4J_WF_REPEAT)
		__atomic_fetch_add(&t->repeats, 1, __ATOMIC_RELAXED);
	else
		b = lwp4j_registry_get(rec->tid);
	if (b) {
		if (lwp4j_append(b, rec))
			__atomic_fetch_add(&t->dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	p->flags |= LWP4J_WF_ORPHAN;
	__atomic_fetch_add(&t->orphans, 1, __ATOMIC_RELAXED);
	pthread_mutex_lock(&orphan_lock);
	b = lwp4j_orphan_buffer();
	if (!b || lwp4j_append(b, rec))
		__atomic_fetch_add(&t->dropped, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&orphan_lock);
}

/*
 * Resolve one fault message. Returns 0 or -errno (the handler must die).
 *
 * The record is published while the page is still write-protected, then one
 * UFFDIO_WRITEPROTECT un-protects the page and wakes every thread waiting on
 * it. The order is what keeps the thread's buffer single-writer: the thread
 * may leave handle_userfault early (a signal interrupts the wait: JFR's
 * sampler and profilers send them), but then it retries the write, finds the
 * page still protected and faults again, so it cannot reach its own next
 * append before the page is writable, which is after our record is out.
 * Messages are read one at a time for the same reason: the wake for one
 * message also wakes (and drops the queued messages of) every other thread
 * waiting on that page, so a message we read always has its thread waiting.
 * A message for a page already written this epoch therefore means its thread
 * may be running; its record goes to the orphan buffer, never to the thread's.
 */
static int handle_fault(struct lwp4j_wt *t, const struct uffd_msg *m, uint64_t received,
			uint64_t idle, int woken)
{
	uint64_t page = m->arg.pagefault.address & ~(t->pagesize - 1);
	struct uffdio_range one = {.start = page, .len = t->pagesize};
	struct lwp4j_record rec = {
		.type = LWP4J_REC_WRITE_FAULT,
		.flags = t->time_flags,
		.tid = (int32_t)m->arg.pagefault.feat.ptid,
		.time = received,
	};
	struct lwp4j_write_fault_payload *p = &rec.u.write_fault;
	p->address = page;
	p->idle_cycles = idle;
	p->handler_tid = t->thread_tid;
	p->flags = woken ? LWP4J_WF_WOKEN : 0;

	pthread_mutex_lock(&t->lock);
	while (t->hold)
		pthread_cond_wait(&t->hold_cv, &t->lock);
	/* No range: untracked meanwhile, which woke the thread; only the wake
	 * below is left to do. */
	struct wt_range *r = wt_range_at(t, page);
	int err = 0;
	if (r) {
		uint64_t i = (page - r->start) / t->pagesize, bit = 1ULL << (i & 63);
		if (r->dirty[i / 64] & bit)
			p->flags |= LWP4J_WF_REPEAT;
		r->dirty[i / 64] |= bit;
		p->range_id = (uint64_t)r->id;
		p->epoch = r->epoch;
		__atomic_fetch_add(&t->faults, 1, __ATOMIC_RELAXED);
		p->handle_cycles = lwp4j_now() - received;
		__atomic_store_n(&t->recording, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&t->failing, __ATOMIC_SEQ_CST)) {
			/* Abandoned while this message waited: its thread was
			 * released and may be gone, and its buffer with it. */
			__atomic_store_n(&t->recording, 0, __ATOMIC_RELEASE);
			pthread_mutex_unlock(&t->lock);
			return 0;
		}
		append_fault_record(t, &rec);
		__atomic_store_n(&t->recording, 0, __ATOMIC_RELEASE);
		uint64_t t0 = lwp4j_now();
		err = wt_uffd_protect(t, page, t->pagesize, 0);	/* writable, and wake */
		__atomic_fetch_add(&t->resolve_cycles, lwp4j_now() - t0, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&t->lock);
	/* ENOENT: the owner unmapped the memory under the waiting thread. */
	if (!r || err == -ENOENT)
		return ioctl(t->uffd.fd, UFFDIO_WAKE, &one) ? -errno : 0;
	return err;
}

void *wt_handler_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	wt_thread_setup(t, "lwp4j-uffd");
	struct lwp4j_uffd_waiter w = {
		.fd = t->uffd.fd,
		.stop_fd = t->stop_fd,
		.stop = &t->stop,
		.spin = lwp4j_ns_to_now(t->spin_ns),
	};
	struct uffd_msg msg;	/* one at a time: see handle_fault() */
	for (;;) {
		int n = lwp4j_uffd_wait_read(&w, &msg);
		__atomic_store_n(&t->sleeps, w.sleeps, __ATOMIC_RELAXED);
		if (n == 0)
			return NULL;
		if (n > 0) {
			__atomic_store_n(&t->busy_since, w.last, __ATOMIC_RELEASE);
			__atomic_fetch_add(&t->reads, 1, __ATOMIC_RELAXED);
			if (__atomic_load_n(&t->hold, __ATOMIC_ACQUIRE) == LWP4J_WT_HOLD_EXIT)
				return NULL;	/* test hook: die with the message unresolved */
		}
		if (n < 0) {
			wt_tracker_fail(t, -n, n == -EBADF ?
					"the userfaultfd was closed by someone else" :
					"reading the userfaultfd failed (replaced by another file?)", 1);
			return NULL;
		}
		if (msg.event != UFFD_EVENT_PAGEFAULT) {
			wt_tracker_fail(t, EPROTO, "unexpected userfaultfd event", 0);
			return NULL;
		}
		int r = handle_fault(t, &msg, w.last, w.idle, w.woken);
		__atomic_store_n(&t->busy_since, 0, __ATOMIC_RELAXED);
		if (r) {
			wt_tracker_fail(t, -r, "resolving a write fault failed", 0);
			return NULL;
		}
	}
}

int wt_open_sync(struct lwp4j_wt *t, uint32_t flags, struct lwp4j_wt_error *err)
{
	int r = lwp4j_uffd_open(0, SYNC_FEATURES, &t->uffd, err);
	if (r && err->step == LWP4J_WT_STEP_OPEN && (flags & LWP4J_WT_ALLOW_USER_MODE_ONLY)) {
		r = lwp4j_uffd_open(1, SYNC_FEATURES, &t->uffd, err);
		if (!r)
			snprintf(t->note, sizeof(t->note),
				 "user-mode-only userfaultfd (opted in, a full one is refused): "
				 "kernel writes into tracked memory, such as read(2) into it, "
				 "fail with EFAULT");
	}
	return r;
}

