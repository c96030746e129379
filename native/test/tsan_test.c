// SPDX-License-Identifier: Apache-2.0
/*
 * tsan_test: the ring protocol's C producer and consumer, and the sync write
 * tracker with its watchdog, run under ThreadSanitizer (make tsan-test, run by
 * the native module's Maven build). TSan reports any access pair that the
 * protocol's acquire/release does not order; the program also checks what it
 * saw: every record whole and in order, produced = seen + lost, a held handler
 * abandoned by the watchdog and its blocked writer released.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lwp4j.h"

#define RECORDS 200000ULL

static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "tsan_test: FAILED %s: ", #cond);      \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			failures++;                                            \
		}                                                              \
	} while (0)

struct ring_run {
	struct lwp4j_buffer_header *b;
	int done;		/* producer finished (release) */
	uint64_t seen;
	uint64_t torn;
	uint64_t out_of_order;
};

static void *ring_producer(void *arg)
{
	struct ring_run *run = arg;
	struct lwp4j_record r = {.type = LWP4J_REC_USER, .tid = lwp4j_gettid()};
	for (uint64_t i = 0; i < RECORDS; i++) {
		r.time = i;
		for (int w = 0; w < 6; w++)
			r.u.user.a[w] = lwp4j_seq_word(i, w);
		lwp4j_append(run->b, &r);
		if (i % 4096 == 0)
			sched_yield();	/* let the consumer catch up now and then */
	}
	__atomic_store_n(&run->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void ring_consume(struct ring_run *run)
{
	struct lwp4j_buffer_header *b = run->b;
	uint64_t last = 0;
	int first = 1;
	for (;;) {
		int done = __atomic_load_n(&run->done, __ATOMIC_ACQUIRE);
		uint64_t n = lwp4j_consumer_available(b, LWP4J_CONSUMER_DRAIN);
		uint64_t pos = b->consumers[LWP4J_CONSUMER_DRAIN].position;
		for (uint64_t k = 0; k < n; k++) {
			struct lwp4j_record *r = lwp4j_record_at(b, pos + k);
			uint64_t i = r->u.user.a[0];
			for (int w = 1; w < 6; w++)
				if (r->u.user.a[w] != lwp4j_seq_word(i, w))
					run->torn++;
			if (!first && i <= last)
				run->out_of_order++;
			last = i;
			first = 0;
		}
		lwp4j_consumer_advance(b, LWP4J_CONSUMER_DRAIN, n);
		run->seen += n;
		if (done && n == 0)
			break;
	}
}

static void ring_test(void)
{
	struct ring_run run = {0};
	run.b = lwp4j_buffer_create(256, 0, lwp4j_gettid(), 0, 1U << LWP4J_CONSUMER_DRAIN);
	CHECK(run.b != NULL, "buffer_create");
	if (!run.b)
		return;
	pthread_t producer;
	pthread_create(&producer, NULL, ring_producer, &run);
	ring_consume(&run);
	pthread_join(producer, NULL);
	uint64_t lost = __atomic_load_n(&run.b->lost, __ATOMIC_ACQUIRE);
	CHECK(run.seen + lost == RECORDS, "seen %llu + lost %llu != %llu", (unsigned long long)run.seen,
	      (unsigned long long)lost, RECORDS);
	CHECK(run.torn == 0, "%llu torn words", (unsigned long long)run.torn);
	CHECK(run.out_of_order == 0, "%llu records out of order", (unsigned long long)run.out_of_order);
	printf("tsan_test: ring: %llu seen, %llu lost\n", (unsigned long long)run.seen, (unsigned long long)lost);
	lwp4j_buffer_destroy(run.b);
}

struct writer {
	volatile char *page;
	int done;		/* release: the write got through */
};

static void *write_page(void *arg)
{
	struct writer *w = arg;
	w->page[0] = 1;		/* blocks in a uffd-wp fault until resolved or abandoned */
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int wait_done(struct writer *w, int timeout_ms)
{
	for (int i = 0; i < timeout_ms; i++) {
		if (__atomic_load_n(&w->done, __ATOMIC_ACQUIRE))
			return 1;
		usleep(1000);
	}
	return 0;
}

static void tracker_test(void)
{
	struct lwp4j_wt_error err;
	struct lwp4j_wt *t = lwp4j_wt_open(LWP4J_WT_SYNC, LWP4J_WT_ALLOW_USER_MODE_ONLY, 0, 0, -1,
					   200000000ULL /* 200 ms watchdog */, &err);
	if (!t) {
		/* No userfaultfd here: say so, the ring part still ran. */
		printf("tsan_test: tracker skipped: %s\n", err.cause);
		return;
	}
	long psz = sysconf(_SC_PAGESIZE);
	char *mem = mmap(NULL, 4 * psz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(mem, 0, 4 * psz);
	int64_t id = lwp4j_wt_track(t, (uint64_t)mem, 4 * psz, &err);
	CHECK(id > 0, "track: %s", err.cause);

	/* A first write is resolved by the handler; the thread goes on. */
	struct writer w1 = {.page = mem};
	pthread_t th;
	pthread_create(&th, NULL, write_page, &w1);
	CHECK(wait_done(&w1, 5000), "the handler resolved a first write within 5 s");
	pthread_join(th, NULL);
	uint64_t bitmap[1] = {0};
	CHECK(lwp4j_wt_rearm(t, id, bitmap, 1) == 1 && bitmap[0] == 1, "rearm reports page 0 (bitmap %llx)",
	      (unsigned long long)bitmap[0]);

	/* A held handler leaves the next write blocked; the watchdog abandons the
	 * tracker and the kernel releases the writer. */
	lwp4j_wt_hold(t, 1);
	struct writer w2 = {.page = mem + psz};
	pthread_create(&th, NULL, write_page, &w2);
	CHECK(wait_done(&w2, 10000), "the watchdog released a writer blocked behind a held handler within 10 s");
	pthread_join(th, NULL);
	struct lwp4j_wt_info info;
	lwp4j_wt_info(t, &info);
	CHECK(info.state == LWP4J_WT_FAILED, "the tracker is FAILED after the watchdog (state %d)", info.state);
	printf("tsan_test: tracker: %llu faults, watchdog: %s\n", (unsigned long long)info.faults, info.note);
	lwp4j_wt_close(t);
	munmap(mem, 4 * psz);
}

int main(void)
{
	ring_test();
	tracker_test();
	if (failures) {
		fprintf(stderr, "tsan_test: %d check(s) failed\n", failures);
		return 1;
	}
	printf("tsan_test: passed\n");
	return 0;
}
