// SPDX-License-Identifier: Apache-2.0
/*
 * Thread id -> buffer registry, read without locks by the fault handler.
 *
 * Open addressing with linear probing over a fixed table. Writers (thread
 * start and exit, rare) serialise on a mutex; readers take no lock:
 *   put:    value = b (release), then key = tid (release)
 *   remove: key = TOMBSTONE (release), then value = NULL
 *   get:    key (acquire) == tid  ->  value (acquire)
 * A reader racing with remove may return the buffer being removed; that is
 * safe because only the fault handler reads, and only for a thread that is
 * stopped in a fault, which therefore cannot be exiting.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "lwp4j.h"
#include "internal.h"

#define REGISTRY_SLOTS (1U << 16)
#define TOMBSTONE      (-1)

struct entry {
	int32_t key;	/* 0 empty, TOMBSTONE removed, else tid */
	struct lwp4j_buffer_header *value;
};

static struct entry table[REGISTRY_SLOTS];
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;
static uint32_t live;

static uint32_t slot_of(int32_t tid)
{
	return ((uint32_t)tid * 2654435761U) & (REGISTRY_SLOTS - 1);
}

int lwp4j_registry_put(int32_t tid, struct lwp4j_buffer_header *b)
{
	if (tid <= 0 || !b)
		return -EINVAL;
	pthread_mutex_lock(&writers);
	int free_slot = -1;
	uint32_t i = slot_of(tid);
	for (uint32_t n = 0; n < REGISTRY_SLOTS; n++, i = (i + 1) & (REGISTRY_SLOTS - 1)) {
		int32_t k = table[i].key;
		if (k == tid) {	/* a dead thread's tid reused: replace */
			__atomic_store_n(&table[i].value, b, __ATOMIC_RELEASE);
			pthread_mutex_unlock(&writers);
			return 0;
		}
		if (k == TOMBSTONE && free_slot < 0)
			free_slot = (int)i;
		if (k == 0) {
			if (free_slot < 0)
				free_slot = (int)i;
			break;
		}
	}
	if (free_slot < 0 || live >= REGISTRY_SLOTS * 3 / 4) {
		pthread_mutex_unlock(&writers);
		return -ENOSPC;
	}
	__atomic_store_n(&table[free_slot].value, b, __ATOMIC_RELEASE);
	__atomic_store_n(&table[free_slot].key, tid, __ATOMIC_RELEASE);
	live++;
	pthread_mutex_unlock(&writers);
	return 0;
}

void lwp4j_registry_remove(int32_t tid, struct lwp4j_buffer_header *b)
{
	if (tid <= 0)
		return;
	pthread_mutex_lock(&writers);
	uint32_t i = slot_of(tid);
	for (uint32_t n = 0; n < REGISTRY_SLOTS; n++, i = (i + 1) & (REGISTRY_SLOTS - 1)) {
		int32_t k = table[i].key;
		if (k == 0)
			break;
		if (k == tid) {
			if (table[i].value == b) {	/* only the caller's own entry */
				__atomic_store_n(&table[i].key, TOMBSTONE, __ATOMIC_RELEASE);
				__atomic_store_n(&table[i].value, NULL, __ATOMIC_RELEASE);
				live--;
			}
			break;
		}
	}
	pthread_mutex_unlock(&writers);
}

struct lwp4j_buffer_header *lwp4j_registry_get(int32_t tid)
{
	if (tid <= 0)
		return NULL;
	uint32_t i = slot_of(tid);
	for (uint32_t n = 0; n < REGISTRY_SLOTS; n++, i = (i + 1) & (REGISTRY_SLOTS - 1)) {
		int32_t k = __atomic_load_n(&table[i].key, __ATOMIC_ACQUIRE);
		if (k == 0)
			return NULL;
		if (k == tid)
			return __atomic_load_n(&table[i].value, __ATOMIC_ACQUIRE);
	}
	return NULL;
}

uint32_t lwp4j_registry_size(void)
{
	pthread_mutex_lock(&writers);
	uint32_t n = live;
	pthread_mutex_unlock(&writers);
	return n;
}

static struct lwp4j_process_buffer orphan = LWP4J_PROCESS_BUFFER(LWP4J_BUF_ORPHAN);

struct lwp4j_buffer_header *lwp4j_orphan_buffer(void)
{
	return lwp4j_process_buffer(&orphan);
}
