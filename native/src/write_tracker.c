// SPDX-License-Identifier: Apache-2.0
/*
 * Write tracking with userfaultfd write-protect (uffd-wp).
 *
 * A tracker owns one userfaultfd and the ranges registered on it. Each range
 * has epochs: during an epoch the first write to each page is noticed once;
 * lwp4j_wt_rearm() ends the epoch, reports the pages written and
 * write-protects the range again.
 *
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
 * Async mode (6.7+): UFFD_FEATURE_WP_ASYNC makes the kernel resolve the
 * fault itself (the page loses its uffd-wp bit, nobody stops). PAGEMAP_SCAN
 * on /proc/self/pagemap with PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC and
 * category PAGE_IS_WRITTEN reports the written pages and write-protects them
 * again in the same page-table walk, so a write is in exactly one epoch.
 * An optional scanner thread does this periodically.
 *
 * Locks:
 *   ops   serialises callers (track, untrack, rearm, dirty, close) and the
 *         scanner. Never taken by the sync handler, so a caller may fault on
 *         tracked memory while holding it (say, a bitmap output buffer that
 *         is itself tracked).
 *   lock  taken by the sync handler for each fault: the range lookup, the
 *         dirty bit, the record and the page's unprotect are atomic with
 *         respect to rearm, so a page unprotected for epoch N can never be
 *         left writable in N + 1, and its record names the right epoch.
 *         Nothing that can fault on tracked memory runs under it (records
 *         go to ring buffers, which are never tracked).
 * The ranges array changes under both locks, so either one suffices to read.
 *
 * Watchdog (sync, stall_ns > 0): a thread that wakes every stall_ns / 2 and
 * checks that the handler makes progress: a message it has read is resolved
 * within stall_ns, and a pending message is read within stall_ns. If not (the
 * handler is stopped, stuck or gone), every thread blocked in a fault would
 * stay blocked, and a JVM thread blocked in Java code holds up every safepoint,
 * JVM exit included. The watchdog then abandons the tracker without taking any
 * lock the handler may hold (tracker_abandon()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"
#include "uffd_uapi.h"

#define SCAN_VEC  256		/* page_region entries per PAGEMAP_SCAN call */

#define SYNC_FEATURES (UFFD_FEATURE_PAGEFAULT_FLAG_WP | UFFD_FEATURE_THREAD_ID | \
		       UFFD_FEATURE_WP_UNPOPULATED)
#define ASYNC_FEATURES (UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED)

struct wt_range {
	int64_t id;
	uint64_t start;
	uint64_t len;
	uint64_t pages;
	uint64_t epoch;
	uint64_t *dirty;	/* pages written this epoch (sync: lock; async: ops) */
	uint64_t *spare;	/* zeroed, swapped with dirty at a sync rearm (ops) */
};

struct lwp4j_wt {
	uint32_t mode;
	uint16_t time_flags;	/* record flags for lwp4j_now() units */
	struct lwp4j_uffd uffd;
	dev_t uffd_dev;		/* identity of the descriptor's file, to notice */
	ino_t uffd_ino;		/* its number being reused behind our back */
	int fd_gone;		/* the descriptor was closed or replaced: never use it */
	int fd_replaced;	/* abandoned: the number now names our dead_fd */
	int dead_fd;		/* sync: an idle eventfd that replaces the uffd when abandoned */
	int pagemap_fd;		/* async */
	int stop_fd;		/* eventfd waking the thread to stop */
	int stop;		/* set (release) before stop_fd is signalled */
	int hold;		/* lwp4j_wt_hold(), stored under lock */
	pthread_cond_t hold_cv;
	int32_t cpu;
	uint64_t spin_ns;
	uint64_t scan_ns;
	pthread_t thread;
	int32_t thread_tid;
	uint64_t stall_ns;	/* sync: watchdog bound, 0: no watchdog */
	pthread_t watchdog;
	uint64_t busy_since;	/* lwp4j_now() when the handler read the message it is
				 * resolving, 0 between messages (relaxed) */
	uint64_t reads;		/* messages the handler has read (relaxed) */
	int recording;		/* the handler is writing a fault record (seq_cst,
				 * against failing: see tracker_abandon()) */
	pthread_mutex_t ops;
	pthread_mutex_t lock;
	struct wt_range **ranges;	/* sorted by start */
	uint32_t nranges;
	uint32_t cap;
	int64_t *gone;		/* ids of ranges whose memory went away (ops) */
	uint32_t ngone, gone_cap;
	int state;		/* LWP4J_WT_*, release-stored */
	int failing;		/* set once, by whoever turns the tracker off (CAS) */
	int failure_err;
	pthread_mutex_t note_lock;	/* note and failure_err; never held while blocking */
	char note[256];
	uint64_t faults, repeats, sleeps, orphans, dropped, scans;	/* relaxed */
	uint64_t resolve_cycles;	/* sum over faults of the resolving ioctl */
	uint64_t pagesize;
	struct page_region vec[SCAN_VEC];	/* async scans, under ops */
};

/* ---- process-wide state ------------------------------------------------ */

/* Every tracked range of every tracker, for the overlap check. */
static pthread_mutex_t claims_lock = PTHREAD_MUTEX_INITIALIZER;
static struct claim {
	uint64_t start, len;
} *claims;
static size_t nclaims, claims_cap;

static int64_t next_range_id = 1;

/* Several sync handlers may need the orphan buffer; its writers take turns. */
static pthread_mutex_t orphan_lock = PTHREAD_MUTEX_INITIALIZER;

/* Dirty-page records of every async tracker; its writers take turns. */
static pthread_mutex_t scan_buffer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t scan_buffer_once = PTHREAD_ONCE_INIT;
static struct lwp4j_buffer_header *scan_buffer;

static void scan_buffer_create(void)
{
	scan_buffer = lwp4j_native_buffer_create(0, LWP4J_BUF_NATIVE_OWNER);
}

struct lwp4j_buffer_header *lwp4j_wt_scan_buffer(void)
{
	pthread_once(&scan_buffer_once, scan_buffer_create);
	return scan_buffer;
}

/* Reserve [start, start+len) against every tracker. 0, EEXIST or EBUSY. */
static int claim(uint64_t start, uint64_t len)
{
	int r = 0;
	pthread_mutex_lock(&claims_lock);
	for (size_t i = 0; i < nclaims && !r; i++)
		if (start < claims[i].start + claims[i].len && claims[i].start < start + len)
			r = EEXIST;
	if (!r && lwp4j_buffer_overlaps(start, len))
		r = EBUSY;
	if (!r && nclaims == claims_cap) {
		size_t cap = claims_cap ? claims_cap * 2 : 16;
		struct claim *n = realloc(claims, cap * sizeof(*n));
		if (n) {
			claims = n;
			claims_cap = cap;
		} else {
			r = ENOMEM;
		}
	}
	if (!r)
		claims[nclaims++] = (struct claim){start, len};
	pthread_mutex_unlock(&claims_lock);
	return r;
}

static void unclaim(uint64_t start)
{
	pthread_mutex_lock(&claims_lock);
	for (size_t i = 0; i < nclaims; i++)
		if (claims[i].start == start) {
			claims[i] = claims[--nclaims];
			break;
		}
	pthread_mutex_unlock(&claims_lock);
}

/* ---- ranges -------------------------------------------------------------- */

static struct wt_range *range_at(struct lwp4j_wt *t, uint64_t addr)
{
	uint32_t lo = 0, hi = t->nranges;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		struct wt_range *r = t->ranges[mid];
		if (addr < r->start)
			hi = mid;
		else if (addr >= r->start + r->len)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

static int range_index(struct lwp4j_wt *t, int64_t id)
{
	for (uint32_t i = 0; i < t->nranges; i++)
		if (t->ranges[i]->id == id)
			return (int)i;
	return -1;
}

/* Room for one more range; the array only changes under both locks. */
static int ranges_reserve(struct lwp4j_wt *t)
{
	if (t->nranges < t->cap)
		return 0;
	uint32_t cap = t->cap ? t->cap * 2 : 8;
	pthread_mutex_lock(&t->lock);
	struct wt_range **n = realloc(t->ranges, cap * sizeof(*n));
	if (n) {
		t->ranges = n;
		t->cap = cap;
	}
	pthread_mutex_unlock(&t->lock);
	return n ? 0 : -1;
}

/* Under ops. */
static int gone_index(struct lwp4j_wt *t, int64_t id)
{
	for (uint32_t i = 0; i < t->ngone; i++)
		if (t->gone[i] == id)
			return (int)i;
	return -1;
}

static void range_free(struct wt_range *r);

/*
 * Range i's memory is gone: the application unmapped it while it was tracked
 * (the kernel forgot its registration with the mapping), and the kernel says
 * so when asked to protect or scan it (ENOENT, or EPERM from a PAGEMAP_SCAN
 * that finds memory mapped there since, not registered). Only this range
 * stops: it is dropped without touching the kernel (the address may already
 * be someone else's memory, even a new range of ours), its claim is released
 * so the address can be tracked again, and its id answers ENXIO until
 * untracked. Under ops.
 */
static void range_gone(struct lwp4j_wt *t, uint32_t i)
{
	pthread_mutex_lock(&t->lock);
	struct wt_range *r = t->ranges[i];
	memmove(&t->ranges[i], &t->ranges[i + 1], (t->nranges - i - 1) * sizeof(*t->ranges));
	t->nranges--;
	pthread_mutex_unlock(&t->lock);
	unclaim(r->start);
	if (t->ngone == t->gone_cap) {
		uint32_t cap = t->gone_cap ? t->gone_cap * 2 : 4;
		int64_t *n = realloc(t->gone, cap * sizeof(*n));
		if (n) {
			t->gone = n;
			t->gone_cap = cap;
		}
	}
	if (t->ngone < t->gone_cap)
		t->gone[t->ngone++] = r->id;	/* else it answers ENOENT: still clear */
	range_free(r);
}

static int kernel_forgot(int64_t err)
{
	return err == -ENOENT || err == -EPERM;
}

static void range_free(struct wt_range *r)
{
	if (!r)
		return;
	free(r->dirty);
	free(r->spare);
	free(r);
}

static int uffd_protect(struct lwp4j_wt *t, uint64_t start, uint64_t len, uint64_t mode)
{
	struct uffdio_writeprotect wp = {.range = {.start = start, .len = len}, .mode = mode};
	return ioctl(t->uffd.fd, UFFDIO_WRITEPROTECT, &wp) ? -errno : 0;
}

/* Is our descriptor number still our userfaultfd? (Each userfaultfd has its
 * own anonymous inode, Linux 5.12+.) */
static int uffd_still_ours(struct lwp4j_wt *t)
{
	struct stat st;
	return fstat(t->uffd.fd, &st) == 0 && st.st_dev == t->uffd_dev && st.st_ino == t->uffd_ino;
}

/* Make a range writable (waking whoever waits in it) and unregister it.
 * Errors are ignored: the range may have been unmapped by its owner. */
static void range_release(struct lwp4j_wt *t, struct wt_range *r)
{
	if (t->fd_gone || __atomic_load_n(&t->fd_replaced, __ATOMIC_ACQUIRE))
		return;	/* releasing the descriptor did both (userfaultfd_release) */
	uffd_protect(t, r->start, r->len, 0);
	struct uffdio_range range = {.start = r->start, .len = r->len};
	ioctl(t->uffd.fd, UFFDIO_UNREGISTER, &range);
}

/* ---- the sync handler ---------------------------------------------------- */

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
	struct wt_range *r = range_at(t, page);
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
		err = uffd_protect(t, page, t->pagesize, 0);	/* writable, and wake */
		__atomic_fetch_add(&t->resolve_cycles, lwp4j_now() - t0, __ATOMIC_RELAXED);
	}
	pthread_mutex_unlock(&t->lock);
	/* ENOENT: the owner unmapped the memory under the waiting thread. */
	if (!r || err == -ENOENT)
		return ioctl(t->uffd.fd, UFFDIO_WAKE, &one) ? -errno : 0;
	return err;
}

/*
 * The tracker stops working: un-protect everything so that no thread can
 * stay blocked, and say why, once, on stderr. fd_lost: the descriptor itself
 * failed (closed or replaced by someone else); its number may already name
 * another file, so it is never used again. The kernel then did the un-protect
 * when the last reference went (userfaultfd_release wakes every waiter).
 */
static void set_failure(struct lwp4j_wt *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_failure(struct lwp4j_wt *t, int err, const char *fmt, ...)
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
static int claim_failure(struct lwp4j_wt *t)
{
	int expect = 0;
	return __atomic_compare_exchange_n(&t->failing, &expect, 1, 0, __ATOMIC_SEQ_CST,
					   __ATOMIC_SEQ_CST);
}

/*
 * The warnings of tracker_fail() and tracker_abandon() are written before any
 * thread is released: a released thread may be the one whose progress lets
 * the JVM exit, and exit_group would then end this thread before its line.
 */
static void tracker_fail(struct lwp4j_wt *t, int err, const char *what, int fd_lost)
{
	pthread_mutex_lock(&t->lock);
	/* closing is not a failure; abandoned by the watchdog: said already */
	if (__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE) || !claim_failure(t)) {
		pthread_mutex_unlock(&t->lock);
		return;
	}
	fprintf(stderr, "lwp4j: warning: write tracking is off: %s: %s; %u tracked range(s) made "
		"writable, their writes are no longer recorded\n", what, strerror(err), t->nranges);
	t->fd_gone = fd_lost;
	for (uint32_t i = 0; i < t->nranges; i++)
		range_release(t, t->ranges[i]);
	set_failure(t, err, "%s: %s", what, strerror(err));
	__atomic_store_n(&t->state, LWP4J_WT_FAILED, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&t->lock);
}

/*
 * The watchdog's way out: the handler is stopped, stuck or gone, and may hold
 * the lock, so take none. Put dead_fd at the descriptor's number instead: that
 * drops the last reference to the userfaultfd, and the kernel releases it
 * (userfaultfd_release): every range is unregistered and every thread waiting
 * in a fault on it is woken; its write then goes through. A handler that comes
 * back finds an idle eventfd at the number, and the number stays ours until
 * lwp4j_wt_close() closes it, so nothing ever touches someone else's file.
 *
 * A record written into a thread's buffer is safe only while that thread is
 * stopped in its fault (its buffer cannot go away): failing and recording
 * are a Dekker pair, so the handler either sees failing and writes nothing,
 * or is seen writing and is waited for (a copy into a ring buffer, which
 * never blocks) before any thread is released.
 */
static void tracker_abandon(struct lwp4j_wt *t, const char *what, uint64_t for_ns)
{
	if (!claim_failure(t))
		return;
	while (__atomic_load_n(&t->recording, __ATOMIC_SEQ_CST))
		sched_yield();
	set_failure(t, ETIMEDOUT, "%s for %llu ms (stall timeout %llu ms)", what,
		    (unsigned long long)(for_ns / 1000000),
		    (unsigned long long)(t->stall_ns / 1000000));
	fprintf(stderr, "lwp4j: warning: write tracking is off: %s for %llu ms; every tracked range "
		"was released and every thread blocked on one resumed; their writes are no "
		"longer recorded (on an overloaded machine, raise the stall timeout, %llu ms: "
		"WriteTracker.Options)\n", what, (unsigned long long)(for_ns / 1000000),
		(unsigned long long)(t->stall_ns / 1000000));
	__atomic_store_n(&t->fd_replaced, 1, __ATOMIC_RELEASE);
	/* FAILED before anyone is released: a released thread sees it */
	__atomic_store_n(&t->state, LWP4J_WT_FAILED, __ATOMIC_RELEASE);
	while (dup3(t->dead_fd, t->uffd.fd, O_CLOEXEC) < 0 && errno == EINTR)
		;
}

static void thread_setup(struct lwp4j_wt *t, const char *name)
{
	__atomic_store_n(&t->thread_tid, lwp4j_gettid(), __ATOMIC_RELEASE);
	lwp4j_thread_setup(name, t->cpu);
}

static void *handler_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	thread_setup(t, "lwp4j-uffd");
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
			tracker_fail(t, -n, n == -EBADF ?
				     "the userfaultfd was closed by someone else" :
				     "reading the userfaultfd failed (replaced by another file?)", 1);
			return NULL;
		}
		if (msg.event != UFFD_EVENT_PAGEFAULT) {
			tracker_fail(t, EPROTO, "unexpected userfaultfd event", 0);
			return NULL;
		}
		int r = handle_fault(t, &msg, w.last, w.idle, w.woken);
		__atomic_store_n(&t->busy_since, 0, __ATOMIC_RELAXED);
		if (r) {
			tracker_fail(t, -r, "resolving a write fault failed", 0);
			return NULL;
		}
	}
}

/* A lwp4j_now() interval in ns. */
static uint64_t now_to_ns(uint64_t d)
{
	return lwp4j_tsc_usable() ? lwp4j_cycles_to_ns(d) : d;
}

static void *watchdog_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	lwp4j_thread_setup("lwp4j-uffd-wd", -1);
	uint64_t stall = lwp4j_ns_to_now(t->stall_ns);
	uint64_t period_ms = t->stall_ns / 2000000;
	struct pollfd stop = {.fd = t->stop_fd, .events = POLLIN};
	uint64_t seen_reads = __atomic_load_n(&t->reads, __ATOMIC_RELAXED);
	uint64_t last = lwp4j_now(), pending_since = 0;
	for (;;) {
		poll(&stop, 1, period_ms ? (int)(period_ms < INT32_MAX ? period_ms : INT32_MAX) : 1);
		if (__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE) ||
		    __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != LWP4J_WT_RUNNING)
			return NULL;
		/* busy_since before now: a message read after the clock was
		 * taken would put busy_since past now, and the unsigned
		 * difference would look like a stall of centuries (this thread
		 * can be preempted between the two reads). Signed, for TSC skew
		 * between CPUs. */
		uint64_t busy = __atomic_load_n(&t->busy_since, __ATOMIC_ACQUIRE);
		uint64_t reads = __atomic_load_n(&t->reads, __ATOMIC_RELAXED);
		uint64_t now = lwp4j_now();
		if (busy && (int64_t)(now - busy) >= (int64_t)stall) {
			tracker_abandon(t, "the write-fault handler has not resolved a fault",
					now_to_ns(now - busy));
			return NULL;
		}
		struct pollfd u = {.fd = t->uffd.fd, .events = POLLIN};
		int pending = poll(&u, 1, 0) == 1 && (u.revents & POLLIN);
		if (pending && reads == seen_reads) {
			if (!pending_since)
				pending_since = last;
			if (now - pending_since >= stall) {
				tracker_abandon(t, "the write-fault handler has not read a pending fault",
						now_to_ns(now - pending_since));
				return NULL;
			}
		} else {
			pending_since = 0;
		}
		seen_reads = reads;
		last = now;
	}
}

/* ---- async scans ------------------------------------------------------- */

/*
 * Scan a range for pages written this epoch into r->dirty (zeroed first).
 * With rearm, PM_SCAN_WP_MATCHING write-protects each reported page in the
 * same walk (a write is either reported now or left for the next epoch),
 * the epoch advances and a DIRTY_PAGES record is appended. Under ops.
 * Returns the pages written or -errno.
 */
static int64_t scan_range(struct lwp4j_wt *t, struct wt_range *r, int rearm)
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

static void *scanner_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	thread_setup(t, "lwp4j-wt-scan");
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
			err = scan_range(t, t->ranges[i], 1);
			if (kernel_forgot(err)) {
				range_gone(t, i);	/* that range only: the others go on */
				err = 0;
			} else {
				i++;
			}
		}
		pthread_mutex_unlock(&t->ops);
		if (err < 0) {
			tracker_fail(t, (int)-err, "PAGEMAP_SCAN of a tracked range failed", 0);
			return NULL;
		}
	}
}

/* ---- API --------------------------------------------------------------- */

static int open_sync(struct lwp4j_wt *t, uint32_t flags, struct lwp4j_wt_error *err)
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

static int open_async(struct lwp4j_wt *t, struct lwp4j_wt_error *err)
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
		r = open_async(t, err);
		if (r && err->step == LWP4J_WT_STEP_FEATURES && (flags & LWP4J_WT_FALLBACK_SYNC)) {
			char why[sizeof(err->cause)];
			snprintf(why, sizeof(why), "%s", err->cause);
			mode = LWP4J_WT_SYNC;
			r = open_sync(t, flags, err);
			if (!r && !t->note[0])
				snprintf(t->note, sizeof(t->note),
					 "async unavailable (%.200s): tracking in sync mode", why);
		}
	} else {
		r = open_sync(t, flags, err);
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
					    mode == LWP4J_WT_SYNC ? handler_main : scanner_main, t);
		started = !thread;
	}
	if (!thread && t->stall_ns)
		thread = lwp4j_thread_start(&t->watchdog, watchdog_main, t);
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
	e = claim(addr, len);
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
		unclaim(addr);
		goto out;
	}
	struct uffdio_range registered = {.start = addr, .len = len};
	struct wt_range *r = calloc(1, sizeof(*r));
	uint64_t pages = len / t->pagesize, words = (pages + 63) / 64;
	if (r) {
		r->dirty = calloc(words, 8);
		r->spare = t->mode == LWP4J_WT_SYNC ? calloc(words, 8) : NULL;
	}
	if (!r || !r->dirty || (t->mode == LWP4J_WT_SYNC && !r->spare) || ranges_reserve(t)) {
		ioctl(t->uffd.fd, UFFDIO_UNREGISTER, &registered);
		range_free(r);
		unclaim(addr);
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
	e = -uffd_protect(t, addr, len, UFFDIO_WRITEPROTECT_MODE_WP);
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
		range_free(r);
		unclaim(addr);
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
	int i = range_index(t, range_id);
	struct wt_range *r = NULL;
	if (i >= 0) {
		r = t->ranges[i];
		if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == LWP4J_WT_RUNNING)
			range_release(t, r);
		memmove(&t->ranges[i], &t->ranges[i + 1], (t->nranges - i - 1) * sizeof(*t->ranges));
		t->nranges--;
	}
	pthread_mutex_unlock(&t->lock);
	int gone = r ? -1 : gone_index(t, range_id);
	if (gone >= 0)
		t->gone[gone] = t->gone[--t->ngone];
	pthread_mutex_unlock(&t->ops);
	if (!r)
		return gone >= 0 ? 0 : -ENOENT;
	unclaim(r->start);
	range_free(r);
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
	int i = range_index(t, range_id);
	struct wt_range *r = i >= 0 ? t->ranges[i] : NULL;
	int64_t n = -1;
	int e = 0;
	if (!r)
		e = gone_index(t, range_id) >= 0 ? ENXIO : ENOENT;
	else if (out && words < (r->pages + 63) / 64)
		e = ENOSPC;
	else if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != LWP4J_WT_RUNNING)
		e = EIO;
	if (e)
		goto out;
	if (t->mode == LWP4J_WT_ASYNC) {
		n = scan_range(t, r, rearm);
		if (n < 0) {
			e = kernel_forgot(n) ? ENXIO : (int)-n;
			if (e == ENXIO)
				range_gone(t, (uint32_t)i);
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
		e = -uffd_protect(t, r->start, r->len, UFFDIO_WRITEPROTECT_MODE_WP);
		pthread_mutex_unlock(&t->lock);
		n = copy_bits(r, r->spare, out, words);
		memset(r->spare, 0, (r->pages + 63) / 64 * 8);
		if (e == ENOENT) {
			range_gone(t, (uint32_t)i);
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
	int i = range_index(t, range_id);
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
	if (!t->fd_gone && !replaced && !uffd_still_ours(t))
		t->fd_gone = 1;	/* closed and its number reused: not ours to touch */
	for (uint32_t i = 0; i < t->nranges; i++)
		range_release(t, t->ranges[i]);
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
		unclaim(t->ranges[i]->start);
		range_free(t->ranges[i]);
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
