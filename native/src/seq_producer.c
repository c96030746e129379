// SPDX-License-Identifier: Apache-2.0
/* A native producer thread writing sequence records: the sampler's self-check
 * and the C side of the ring buffer tests and benchmark. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include "lwp4j.h"
#include "internal.h"

struct seq_producer {
	pthread_t thread;
	uint64_t count;
	uint32_t burst;
	struct lwp4j_buffer_header *buffer;
	pthread_mutex_t lock;
	pthread_cond_t ready;
	int started;
};

#define MAX_PRODUCERS 64
static struct seq_producer *producers[MAX_PRODUCERS];
static pthread_mutex_t producers_lock = PTHREAD_MUTEX_INITIALIZER;

static void *seq_run(void *arg)
{
	struct seq_producer *p = arg;
	struct lwp4j_buffer_header *b = p->buffer;
	b->owner_tid = lwp4j_gettid();
	lwp4j_registry_put(b->owner_tid, b);
	pthread_mutex_lock(&p->lock);
	p->started = 1;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->lock);

	struct lwp4j_record r = {.type = LWP4J_REC_USER, .tid = b->owner_tid};
	for (uint64_t i = 0; i < p->count; i++) {
		if (p->burst && i % p->burst == 0) {
			while (__atomic_load_n(&b->head, __ATOMIC_RELAXED) -
				       lwp4j_min_consumer_position(b, b->head) > b->capacity / 2)
				sched_yield();
		}
		struct lwp4j_record *slot = lwp4j_claim(b);
		if (!slot)
			continue;	/* counted lost */
		r.time = lwp4j_rdtsc();
		for (int w = 0; w < 6; w++)
			r.u.user.a[w] = lwp4j_seq_word(i, w);
		*slot = r;
		lwp4j_publish(b);
	}
	lwp4j_registry_remove(b->owner_tid, b);
	return NULL;
}

struct lwp4j_buffer_header *lwp4j_seq_producer_start(uint64_t count, uint32_t capacity, uint32_t burst)
{
	struct seq_producer *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->count = count;
	p->burst = burst;
	p->buffer = lwp4j_buffer_create(capacity, 0, 0, LWP4J_BUF_NATIVE_OWNER,
					1U << LWP4J_CONSUMER_DRAIN);
	if (!p->buffer)
		goto fail;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_mutex_lock(&producers_lock);
	int slot = -1;
	for (int i = 0; i < MAX_PRODUCERS && slot < 0; i++)
		if (!producers[i])
			slot = i;
	if (slot >= 0)
		producers[slot] = p;
	pthread_mutex_unlock(&producers_lock);
	if (slot < 0 || pthread_create(&p->thread, NULL, seq_run, p) != 0) {
		if (slot >= 0)
			producers[slot] = NULL;
		lwp4j_buffer_destroy(p->buffer);
		goto fail;
	}
	pthread_mutex_lock(&p->lock);
	while (!p->started)
		pthread_cond_wait(&p->ready, &p->lock);
	pthread_mutex_unlock(&p->lock);
	return p->buffer;
fail:
	free(p);
	errno = ENOMEM;
	return NULL;
}

/* Waits for the producer of b to finish. The buffer stays valid until the
 * caller destroys it with lwp4j_buffer_destroy(). */
int lwp4j_seq_producer_join(struct lwp4j_buffer_header *b)
{
	struct seq_producer *p = NULL;
	pthread_mutex_lock(&producers_lock);
	for (int i = 0; i < MAX_PRODUCERS; i++)
		if (producers[i] && producers[i]->buffer == b) {
			p = producers[i];
			producers[i] = NULL;
		}
	pthread_mutex_unlock(&producers_lock);
	if (!p)
		return -1;
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->ready);
	free(p);
	return 0;
}
