// SPDX-License-Identifier: Apache-2.0
/*
 * Range claims: every tracked range of every tracker, so that no two trackers
 * (and no ring buffer) ever share a page; and each tracker's range table,
 * sorted by start, with the ranges whose memory went away.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include "write_tracker.h"

/* Every tracked range of every tracker, for the overlap check. */
static pthread_mutex_t claims_lock = PTHREAD_MUTEX_INITIALIZER;
static struct claim {
	uint64_t start, len;
} *claims;
static size_t nclaims, claims_cap;

/* Reserve [start, start+len) against every tracker. 0, EEXIST or EBUSY. */
int wt_claim(uint64_t start, uint64_t len)
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

void wt_unclaim(uint64_t start)
{
	pthread_mutex_lock(&claims_lock);
	for (size_t i = 0; i < nclaims; i++)
		if (claims[i].start == start) {
			claims[i] = claims[--nclaims];
			break;
		}
	pthread_mutex_unlock(&claims_lock);
}

struct wt_range *wt_range_at(struct lwp4j_wt *t, uint64_t addr)
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

int wt_range_index(struct lwp4j_wt *t, int64_t id)
{
	for (uint32_t i = 0; i < t->nranges; i++)
		if (t->ranges[i]->id == id)
			return (int)i;
	return -1;
}

/* Room for one more range; the array only changes under both locks. */
int wt_ranges_reserve(struct lwp4j_wt *t)
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
int wt_gone_index(struct lwp4j_wt *t, int64_t id)
{
	for (uint32_t i = 0; i < t->ngone; i++)
		if (t->gone[i] == id)
			return (int)i;
	return -1;
}

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
void wt_range_gone(struct lwp4j_wt *t, uint32_t i)
{
	pthread_mutex_lock(&t->lock);
	struct wt_range *r = t->ranges[i];
	memmove(&t->ranges[i], &t->ranges[i + 1], (t->nranges - i - 1) * sizeof(*t->ranges));
	t->nranges--;
	pthread_mutex_unlock(&t->lock);
	wt_unclaim(r->start);
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
	wt_range_free(r);
}

int wt_kernel_forgot(int64_t err)
{
	return err == -ENOENT || err == -EPERM;
}

void wt_range_free(struct wt_range *r)
{
	if (!r)
		return;
	free(r->dirty);
	free(r->spare);
	free(r);
}

int wt_uffd_protect(struct lwp4j_wt *t, uint64_t start, uint64_t len, uint64_t mode)
{
	struct uffdio_writeprotect wp = {.range = {.start = start, .len = len}, .mode = mode};
	return ioctl(t->uffd.fd, UFFDIO_WRITEPROTECT, &wp) ? -errno : 0;
}

/* Is our descriptor number still our userfaultfd? (Each userfaultfd has its
 * own anonymous inode, Linux 5.12+.) */
int wt_uffd_still_ours(struct lwp4j_wt *t)
{
	struct stat st;
	return fstat(t->uffd.fd, &st) == 0 && st.st_dev == t->uffd_dev && st.st_ino == t->uffd_ino;
}

/* Make a range writable (waking whoever waits in it) and unregister it.
 * Errors are ignored: the range may have been unmapped by its owner. */
void wt_range_release(struct lwp4j_wt *t, struct wt_range *r)
{
	if (t->fd_gone || __atomic_load_n(&t->fd_replaced, __ATOMIC_ACQUIRE))
		return;	/* releasing the descriptor did both (userfaultfd_release) */
	wt_uffd_protect(t, r->start, r->len, 0);
	struct uffdio_range range = {.start = r->start, .len = r->len};
	ioctl(t->uffd.fd, UFFDIO_UNREGISTER, &range);
}

