// SPDX-License-Identifier: Apache-2.0
/*
 * ring_bench: cost of the C producer (lwp4j_claim/publish) per record.
 *
 *   native/target/bench/ring_bench [records]
 *
 * "append": one thread appends a full buffer, then advances its own consumer
 * slot over it (one store), so the figure is the producer path alone.
 * "stream": a producer thread and a consumer thread on one buffer; the
 * consumer reads every word of each record; records/s and lost are printed.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lwp4j.h"
#include "internal.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double append_ns(uint64_t records, uint32_t capacity)
{
	struct lwp4j_buffer_header *b = lwp4j_buffer_create(capacity, capacity, 1, 0,
							    1U << LWP4J_CONSUMER_DRAIN);
	struct lwp4j_record r = {.type = LWP4J_REC_USER, .tid = 1};
	uint64_t cycles = 0;
	for (uint64_t done = 0; done < records; done += capacity) {
		uint64_t t0 = lwp4j_rdtsc();
		for (uint32_t i = 0; i < capacity; i++) {
			r.time = i;
			r.u.user.a[0] = done + i;
			lwp4j_append(b, &r);
		}
		cycles += lwp4j_rdtscp() - t0;
		lwp4j_consumer_advance(b, LWP4J_CONSUMER_DRAIN, lwp4j_consumer_available(b, LWP4J_CONSUMER_DRAIN));
	}
	if (b->lost)
		fprintf(stderr, "ring_bench: unexpected loss %llu\n", (unsigned long long)b->lost);
	lwp4j_buffer_destroy(b);
	return (double)lwp4j_cycles_to_ns(cycles * 1000) / 1000.0 / (double)records;
}

struct stream {
	struct lwp4j_buffer_header *b;
	uint64_t records, seen, checksum;
	volatile int done;
};

static void *consume(void *arg)
{
	struct stream *s = arg;
	for (;;) {
		int finished = s->done;
		uint64_t n = lwp4j_consumer_available(s->b, LWP4J_CONSUMER_DRAIN);
		uint64_t pos = s->b->consumers[LWP4J_CONSUMER_DRAIN].position;
		for (uint64_t i = 0; i < n; i++) {
			struct lwp4j_record *r = lwp4j_record_at(s->b, pos + i);
			s->checksum += r->time + r->u.raw[0] + r->u.raw[5];
		}
		lwp4j_consumer_advance(s->b, LWP4J_CONSUMER_DRAIN, n);
		s->seen += n;
		if (finished && n == 0)
			return NULL;
	}
}

static void stream(uint64_t records, uint32_t capacity)
{
	struct stream s = {.records = records};
	s.b = lwp4j_buffer_create(capacity, capacity, 1, 0, 1U << LWP4J_CONSUMER_DRAIN);
	pthread_t t;
	pthread_create(&t, NULL, consume, &s);
	struct lwp4j_record r = {.type = LWP4J_REC_USER, .tid = 1};
	double t0 = now_s();
	for (uint64_t i = 0; i < records; i++) {
		r.time = i;
		r.u.user.a[0] = i;
		lwp4j_append(s.b, &r);
	}
	s.done = 1;
	pthread_join(t, NULL);
	double secs = now_s() - t0;
	printf("stream (C producer -> C consumer, %u-record buffer): %.1f M records/s produced, "
	       "%llu seen, %llu lost\n", capacity, records / secs / 1e6,
	       (unsigned long long)s.seen, (unsigned long long)s.b->lost);
	lwp4j_buffer_destroy(s.b);
}

int main(int argc, char **argv)
{
	uint64_t records = argc > 1 ? strtoull(argv[1], NULL, 10) : 100000000ULL;
	printf("TSC %.3f GHz (%s)\n", lwp4j_tsc_hz() / 1e9, lwp4j_tsc_usable() ? "usable" : "unusable");
	double best = 1e9;
	for (int round = 0; round < 5; round++) {
		double ns = append_ns(records / 5, 4096);
		if (ns < best)
			best = ns;
	}
	printf("C append: %.2f ns/record (best of 5 rounds of %llu records, 4096-record buffer)\n",
	       best, (unsigned long long)(records / 5));
	stream(records, 65536);
	return 0;
}
