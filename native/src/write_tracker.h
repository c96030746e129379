/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The write tracker's private parts, shared by its sources (not part of the ABI):
 *   write_tracker.c  the lwp4j_wt_* API: open, track, untrack, rearm, close; failure
 *   wt_ranges.c      range claims across trackers, each tracker's sorted range table
 *   wt_sync.c        the sync handler thread (one fault message at a time)
 *   wt_watchdog.c    the sync handler's watchdog and its way out (tracker_abandon)
 *   wt_async.c       WP_ASYNC + PAGEMAP_SCAN scans and the optional scanner thread
 *
 * A tracker owns one userfaultfd and the ranges registered on it. Each range
 * has epochs: during an epoch the first write to each page is noticed once;
 * lwp4j_wt_rearm() ends the epoch, reports the pages written and
 * write-protects the range again.
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
 */
#ifndef LWP4J_WRITE_TRACKER_H
#define LWP4J_WRITE_TRACKER_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "lwp4j.h"
#include "internal.h"
#include "uffd_uapi.h"

/* Shared between the sources above, never exported from liblwp4j. */
#pragma GCC visibility push(hidden)

#define SCAN_VEC  256		/* page_region entries per PAGEMAP_SCAN call */

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


/* ---- ranges (wt_ranges.c) ---------------------------------------------- */

/* Reserve [start, start+len) against every tracker. 0, EEXIST, EBUSY or ENOMEM. */
int wt_claim(uint64_t start, uint64_t len);
void wt_unclaim(uint64_t start);
/* The range holding addr, or NULL; under either lock. */
struct wt_range *wt_range_at(struct lwp4j_wt *t, uint64_t addr);
/* Index of the range with this id, or -1; under either lock. */
int wt_range_index(struct lwp4j_wt *t, int64_t id);
/* Room for one more range (0, or -1 out of memory); under ops. */
int wt_ranges_reserve(struct lwp4j_wt *t);
/* Index of a gone range's id, or -1; under ops. */
int wt_gone_index(struct lwp4j_wt *t, int64_t id);
void wt_range_gone(struct lwp4j_wt *t, uint32_t i);
/* Does this -errno mean the kernel forgot the range (its memory went away)? */
int wt_kernel_forgot(int64_t err);
void wt_range_free(struct wt_range *r);
/* UFFDIO_WRITEPROTECT of [start, start+len) with mode: 0 or -errno. */
int wt_uffd_protect(struct lwp4j_wt *t, uint64_t start, uint64_t len, uint64_t mode);
int wt_uffd_still_ours(struct lwp4j_wt *t);
void wt_range_release(struct lwp4j_wt *t, struct wt_range *r);

/* ---- failure (write_tracker.c) ------------------------------------------ */

void wt_set_failure(struct lwp4j_wt *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first caller turns the tracker off; 0 for the others. */
int wt_claim_failure(struct lwp4j_wt *t);
void wt_tracker_fail(struct lwp4j_wt *t, int err, const char *what, int fd_lost);
/* In a tracker's own thread: publish its tid, name it, pin it. */
void wt_thread_setup(struct lwp4j_wt *t, const char *name);

/* ---- threads and modes ---------------------------------------------------- */

int wt_open_sync(struct lwp4j_wt *t, uint32_t flags, struct lwp4j_wt_error *err);	/* wt_sync.c */
void *wt_handler_main(void *arg);							/* wt_sync.c */
void *wt_watchdog_main(void *arg);							/* wt_watchdog.c */
int wt_open_async(struct lwp4j_wt *t, struct lwp4j_wt_error *err);			/* wt_async.c */
/* Pages written this epoch into r->dirty, or -errno; with rearm the epoch ends. Under ops. */
int64_t wt_scan_range(struct lwp4j_wt *t, struct wt_range *r, int rearm);		/* wt_async.c */
void *wt_scanner_main(void *arg);							/* wt_async.c */

#pragma GCC visibility pop

#endif
