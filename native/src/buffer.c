// SPDX-License-Identifier: Apache-2.0
/* Ring buffer lifecycle: mapping, locking within the budget, consumers, doorbell. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"

#define DEFAULT_LOCK_BUDGET (64ULL << 20)

static _Atomic uint64_t lock_budget = DEFAULT_LOCK_BUDGET;
static _Atomic uint64_t locked_bytes;
/* Every buffer mapping counts against the memory budget, locked or not: an
 * unlocked buffer is prefaulted, so it is resident all the same. */
static _Atomic uint64_t memory_budget = LWP4J_DEFAULT_MEMORY_BUDGET;
static _Atomic uint64_t mapped_bytes;
static _Atomic uint64_t buffers_live;
static _Atomic uint64_t buffers_locked;
static _Atomic uint64_t buffers_created;
static _Atomic uint64_t unlocked_rlimit;
static _Atomic uint64_t unlocked_budget;
static _Atomic int32_t last_mlock_errno;
static _Atomic uint64_t next_buffer_id = 1;

static _Atomic uint32_t native_capacity = 256;	/* 16 KiB of records */
static _Atomic uint32_t native_watermark;
static _Atomic uint32_t native_consumers;

/* Live buffer mappings, so write tracking can refuse to track a ring buffer
 * (a thread faulting inside its own append could never be resolved), and so
 * the size and lock state of a mapping never come from its header: the header
 * is shared, writable memory, and a corrupted capacity must not make lwp4j
 * unmap, or a consumer read, memory past the mapping. */
struct mapping {
	uint64_t start;
	uint64_t size;
	int locked;
};
static pthread_mutex_t mappings_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mapping *mappings;
static size_t mappings_len, mappings_cap;

static int mapping_add(void *m, uint64_t size, int locked)
{
	pthread_mutex_lock(&mappings_lock);
	if (mappings_len == mappings_cap) {
		size_t cap = mappings_cap ? mappings_cap * 2 : 64;
		struct mapping *n = realloc(mappings, cap * sizeof(*n));
		if (!n) {
			pthread_mutex_unlock(&mappings_lock);
			return -1;
		}
		mappings = n;
		mappings_cap = cap;
	}
	mappings[mappings_len++] = (struct mapping){(uint64_t)(uintptr_t)m, size, locked};
	pthread_mutex_unlock(&mappings_lock);
	return 0;
}

/* The mapping starting at m, removed from the table; size 0 when unknown. */
static struct mapping mapping_remove(const void *m)
{
	struct mapping found = {0, 0, 0};
	pthread_mutex_lock(&mappings_lock);
	for (size_t i = 0; i < mappings_len; i++)
		if (mappings[i].start == (uint64_t)(uintptr_t)m) {
			found = mappings[i];
			mappings[i] = mappings[--mappings_len];
			break;
		}
	pthread_mutex_unlock(&mappings_lock);
	return found;
}

uint64_t lwp4j_buffer_mapping_of(const void *addr)
{
	uint64_t size = 0;
	pthread_mutex_lock(&mappings_lock);
	for (size_t i = 0; i < mappings_len && !size; i++)
		if (mappings[i].start == (uint64_t)(uintptr_t)addr)
			size = mappings[i].size;
	pthread_mutex_unlock(&mappings_lock);
	return size;
}

int lwp4j_buffer_overlaps(uint64_t start, uint64_t len)
{
	int hit = 0;
	pthread_mutex_lock(&mappings_lock);
	for (size_t i = 0; i < mappings_len && !hit; i++)
		hit = start < mappings[i].start + mappings[i].size && mappings[i].start < start + len;
	pthread_mutex_unlock(&mappings_lock);
	return hit;
}

static pthread_once_t doorbell_once = PTHREAD_ONCE_INIT;
static int doorbell = -1;

static void doorbell_open(void)
{
	doorbell = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

int lwp4j_doorbell_fd(void)
{
	pthread_once(&doorbell_once, doorbell_open);
	return doorbell;
}

void lwp4j_set_lock_budget(uint64_t bytes)
{
	atomic_store(&lock_budget, bytes);
}

void lwp4j_set_memory_budget(uint64_t bytes)
{
	atomic_store(&memory_budget, bytes);
}

int lwp4j_buffer_fits(uint32_t capacity)
{
	uint64_t size = lwp4j_buffer_mapping_size(capacity);
	return size && atomic_load(&mapped_bytes) + size <= atomic_load(&memory_budget);
}

void lwp4j_set_native_buffer_defaults(uint32_t capacity, uint32_t watermark, uint32_t consumer_mask)
{
	atomic_store(&native_capacity, capacity);
	atomic_store(&native_watermark, watermark);
	atomic_store(&native_consumers, consumer_mask);
}

struct lwp4j_buffer_header *lwp4j_native_buffer_create(int32_t owner_tid, uint32_t flags)
{
	return lwp4j_buffer_create(atomic_load(&native_capacity), atomic_load(&native_watermark),
				   owner_tid, flags, atomic_load(&native_consumers));
}

struct lwp4j_buffer_header *lwp4j_process_buffer(struct lwp4j_process_buffer *p)
{
	static pthread_mutex_t making = PTHREAD_MUTEX_INITIALIZER;
	if (__atomic_load_n(&p->made, __ATOMIC_ACQUIRE))
		return p->buffer;
	pthread_mutex_lock(&making);
	if (!p->made) {
		p->buffer = lwp4j_native_buffer_create(0, p->flags);
		__atomic_store_n(&p->made, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&making);
	return p->buffer;
}

static int valid_capacity(uint32_t capacity)
{
	return capacity >= LWP4J_MIN_CAPACITY && capacity <= LWP4J_MAX_CAPACITY &&
	       (capacity & (capacity - 1)) == 0;
}

uint64_t lwp4j_buffer_mapping_size(uint32_t capacity)
{
	if (!valid_capacity(capacity))
		return 0;
	return LWP4J_HEADER_SIZE + (uint64_t)capacity * LWP4J_RECORD_SIZE;
}

/* Add `size` bytes to *used unless that passes *budget; 0 when it would. */
static int reserve(_Atomic uint64_t *used, _Atomic uint64_t *budget, uint64_t size)
{
	uint64_t cur = atomic_load(used);
	do {
		if (cur + size > atomic_load(budget))
			return 0;
	} while (!atomic_compare_exchange_weak(used, &cur, cur + size));
	return 1;
}

struct lwp4j_buffer_header *lwp4j_buffer_create(uint32_t capacity, uint32_t watermark,
						int32_t owner_tid, uint32_t flags,
						uint32_t consumer_mask)
{
	uint64_t size = lwp4j_buffer_mapping_size(capacity);
	if (!size || watermark > capacity || consumer_mask >> LWP4J_MAX_CONSUMERS ||
	    (flags & (LWP4J_BUF_LOCKED | LWP4J_BUF_UNLOCKED_RLIMIT | LWP4J_BUF_UNLOCKED_BUDGET |
		      LWP4J_BUF_CLOSED))) {
		errno = EINVAL;
		return NULL;
	}
	if (!reserve(&mapped_bytes, &memory_budget, size)) {
		errno = ENOSPC;
		return NULL;
	}
	void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		atomic_fetch_sub(&mapped_bytes, size);
		errno = ENOMEM;
		return NULL;
	}
	if (reserve(&locked_bytes, &lock_budget, size)) {
		/* mlock faults every page in: a producer never takes a page fault. */
		if (mlock(m, size) == 0) {
			flags |= LWP4J_BUF_LOCKED;
		} else {
			atomic_store(&last_mlock_errno, errno);
			atomic_fetch_sub(&locked_bytes, size);
			atomic_fetch_add(&unlocked_rlimit, 1);
			flags |= LWP4J_BUF_UNLOCKED_RLIMIT;
		}
	} else {
		atomic_fetch_add(&unlocked_budget, 1);
		flags |= LWP4J_BUF_UNLOCKED_BUDGET;
	}
	if (!(flags & LWP4J_BUF_LOCKED))
		madvise(m, size, MADV_POPULATE_WRITE);	/* best effort prefault */
	if (mapping_add(m, size, flags & LWP4J_BUF_LOCKED)) {
		munmap(m, size);
		atomic_fetch_sub(&mapped_bytes, size);
		if (flags & LWP4J_BUF_LOCKED)
			atomic_fetch_sub(&locked_bytes, size);
		errno = ENOMEM;
		return NULL;
	}

	struct lwp4j_buffer_header *b = m;
	b->header_size = LWP4J_HEADER_SIZE;
	b->record_size = LWP4J_RECORD_SIZE;
	b->capacity = capacity;
	b->owner_tid = owner_tid;
	b->flags = flags;
	b->doorbell_fd = lwp4j_doorbell_fd();
	b->watermark = watermark ? watermark : capacity / 2;
	b->buffer_id = atomic_fetch_add(&next_buffer_id, 1);
	b->tsc_hz = lwp4j_tsc_usable() ? lwp4j_tsc_hz() : 0;
	b->rung_head = 0;
	/* no consumer yet: the producer must see a full buffer and count loss */
	b->tail_cache = consumer_mask ? 0 : 0 - (uint64_t)capacity;
	for (int i = 0; i < LWP4J_MAX_CONSUMERS; i++)
		b->consumers[i].state = (consumer_mask >> i) & 1 ? LWP4J_CONSUMER_ACTIVE
								 : LWP4J_CONSUMER_FREE;
	b->abi_version = LWP4J_ABI_VERSION;
	/* magic last: a reader that sees it sees a complete descriptor */
	__atomic_store_n(&b->magic, LWP4J_MAGIC, __ATOMIC_RELEASE);
	atomic_fetch_add(&buffers_live, 1);
	if (flags & LWP4J_BUF_LOCKED)
		atomic_fetch_add(&buffers_locked, 1);
	atomic_fetch_add(&buffers_created, 1);
	return b;
}

int lwp4j_buffer_create_into(uint32_t capacity, uint32_t watermark, int32_t owner_tid, uint32_t flags,
			     uint32_t consumer_mask, struct lwp4j_buffer_header **out)
{
	*out = lwp4j_buffer_create(capacity, watermark, owner_tid, flags, consumer_mask);
	return *out ? 0 : -errno;
}

void lwp4j_buffer_destroy(struct lwp4j_buffer_header *b)
{
	if (!b)
		return;
	struct mapping m = mapping_remove(b);
	if (!m.size)
		return;	/* not a live buffer of ours: never unmap it */
	__atomic_fetch_or(&b->flags, LWP4J_BUF_CLOSED, __ATOMIC_RELEASE);
	munmap(b, m.size);	/* munmap unlocks */
	atomic_fetch_sub(&mapped_bytes, m.size);
	if (m.locked) {
		atomic_fetch_sub(&locked_bytes, m.size);
		atomic_fetch_sub(&buffers_locked, 1);
	}
	atomic_fetch_sub(&buffers_live, 1);
}

int lwp4j_buffer_recycle(struct lwp4j_buffer_header *b, uint32_t watermark, int32_t owner_tid,
			 uint32_t consumer_mask)
{
	uint64_t size = lwp4j_buffer_mapping_of(b);
	uint64_t capacity = size ? (size - LWP4J_HEADER_SIZE) / LWP4J_RECORD_SIZE : 0;
	uint32_t flags = __atomic_load_n(&b->flags, __ATOMIC_ACQUIRE);
	if (!size || watermark > capacity || consumer_mask >> LWP4J_MAX_CONSUMERS ||
	    (flags & (LWP4J_BUF_NATIVE_OWNER | LWP4J_BUF_ORPHAN | LWP4J_BUF_CLOSED))) {
		return -EINVAL;
	}
	/* The caller guarantees nobody reads or writes the buffer meanwhile:
	 * its last owner retired it and no consumer of it is left. The
	 * descriptor is rewritten from what lwp4j knows, not read back. */
	__atomic_store_n(&b->magic, 0, __ATOMIC_RELAXED);
	b->abi_version = LWP4J_ABI_VERSION;
	b->header_size = LWP4J_HEADER_SIZE;
	b->record_size = LWP4J_RECORD_SIZE;
	b->capacity = capacity;
	b->owner_tid = owner_tid;
	b->watermark = watermark ? watermark : (uint32_t)capacity / 2;
	b->buffer_id = atomic_fetch_add(&next_buffer_id, 1);
	b->head = 0;
	b->lost = 0;
	b->rung_head = 0;
	b->tail_cache = consumer_mask ? 0 : 0 - capacity;
	for (int i = 0; i < LWP4J_MAX_CONSUMERS; i++) {
		b->consumers[i].position = 0;
		b->consumers[i].state = (consumer_mask >> i) & 1 ? LWP4J_CONSUMER_ACTIVE
								 : LWP4J_CONSUMER_FREE;
	}
	__atomic_store_n(&b->magic, LWP4J_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

int lwp4j_consumer_attach(struct lwp4j_buffer_header *b)
{
	for (int i = 0; i < LWP4J_MAX_CONSUMERS; i++) {
		uint32_t expect = LWP4J_CONSUMER_FREE;
		if (!__atomic_compare_exchange_n(&b->consumers[i].state, &expect, LWP4J_CONSUMER_CLAIMING,
						 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			continue;
		uint64_t start = __atomic_load_n(&b->head, __ATOMIC_ACQUIRE);
		__atomic_store_n(&b->consumers[i].position, start, __ATOMIC_RELEASE);
		__atomic_store_n(&b->consumers[i].state, LWP4J_CONSUMER_ACTIVE, __ATOMIC_SEQ_CST);
		/* A producer that read the slots before the store above may still be
		 * one lap ahead: if it could have overwritten `start`, begin later. */
		uint64_t now = __atomic_load_n(&b->head, __ATOMIC_SEQ_CST);
		if (now - start >= b->capacity - 1)
			__atomic_store_n(&b->consumers[i].position, now, __ATOMIC_RELEASE);
		return i;
	}
	return -EBUSY;
}

void lwp4j_consumer_detach(struct lwp4j_buffer_header *b, int slot)
{
	if (slot >= 0 && slot < LWP4J_MAX_CONSUMERS)
		__atomic_store_n(&b->consumers[slot].state, LWP4J_CONSUMER_FREE, __ATOMIC_RELEASE);
}

int lwp4j_append_record(struct lwp4j_buffer_header *b, const struct lwp4j_record *r)
{
	return lwp4j_append(b, r);
}

/* Called by the producer after publishing (lwp4j_doorbell_check()). Rings when the fill really is past the watermark and the
 * slowest consumer has read everything that was there at the last ring: only
 * then may it be asleep. Before that it was woken and has not caught up yet
 * (the eventfd stays readable until it waits again), so a producer that keeps
 * the fill high pays one eventfd write per catch-up, not one per record. */
void lwp4j_doorbell_ring(struct lwp4j_buffer_header *b, uint64_t head)
{
	uint64_t fresh = lwp4j_min_consumer_position(b, head);
	b->tail_cache = fresh;
	if (head - fresh < b->watermark || fresh < b->rung_head)
		return;
	b->rung_head = head;
	lwp4j_doorbell_notify(b->doorbell_fd);
}

void lwp4j_doorbell_notify(int fd)
{
	uint64_t one = 1;
	ssize_t r = write(fd, &one, sizeof(one));
	(void)r;	/* EAGAIN: counter saturated, the consumer is awake anyway */
}

int lwp4j_fd_wait(int fd, int timeout_ms, int drain)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	int r = poll(&p, 1, timeout_ms);
	if (r <= 0)
		return r < 0 ? -1 : 0;
	if (drain) {
		uint64_t v;
		ssize_t n = read(fd, &v, sizeof(v));
		(void)n;
	}
	return 1;
}

int lwp4j_doorbell_wait(int timeout_ms)
{
	int r = lwp4j_fd_wait(lwp4j_doorbell_fd(), timeout_ms, 1);
	return r < 0 ? -errno : r;
}

void lwp4j_stats_read(struct lwp4j_stats *out)
{
	out->buffers_live = atomic_load(&buffers_live);
	out->buffers_created = atomic_load(&buffers_created);
	out->locked_bytes = atomic_load(&locked_bytes);
	out->lock_budget = atomic_load(&lock_budget);
	out->unlocked_rlimit = atomic_load(&unlocked_rlimit);
	out->unlocked_budget = atomic_load(&unlocked_budget);
	out->last_mlock_errno = atomic_load(&last_mlock_errno);
	out->doorbell_fd = lwp4j_doorbell_fd();
	out->buffers_locked = atomic_load(&buffers_locked);
}
