/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the probe thread machinery (probe.c) and the probes it runs. */
#ifndef LWP4J_PROBE_H
#define LWP4J_PROBE_H

#include <time.h>

#include "lwp4j.h"

/* The largest sample array any probe needs. */
#define PROBE_MAX_SAMPLES 4096
_Static_assert(PROBE_MAX_SAMPLES >= LWP4J_SYSCALL_PROBE_MAX_BURST &&
	       PROBE_MAX_SAMPLES >= LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS, "samples fit");
#define PROBE_MAX_ITEMS 8
_Static_assert(PROBE_MAX_ITEMS >= LWP4J_SYSCALL_CALL_COUNT &&
	       PROBE_MAX_ITEMS >= LWP4J_CODE_LOAD_STRATEGY_COUNT, "items fit");

/* Settings a run works with; a snapshot taken under the probe's lock. */
struct probe_config {
	uint64_t period_ns;
	uint32_t burst;		/* canary */
	uint32_t pages;		/* code loading */
	uint32_t iterations;	/* code loading */
	int clock;		/* LWP4J_PROBE_CLOCK_* */
};

/* What a run has to fill in besides its measurements. */
struct probe_run {
	struct probe_config cfg;
	int tsc;		/* time with the TSC, else CLOCK_MONOTONIC ns */
	uint64_t seq;		/* run number, from 1 */
	int32_t tid;
	uint64_t *samples;	/* PROBE_MAX_SAMPLES, owned by the probe thread */
};

struct probe_ops {
	const char *thread_name;	/* at most 15 characters */
	uint32_t items;		/* records per run */
	uint64_t min_period_ns;
	/* Measure and fill out[0 .. items-1], out[i] being item i. */
	void (*run)(const struct probe_run *run, struct lwp4j_record *out);
};

extern const struct probe_ops lwp4j_syscall_probe_ops;
extern const struct probe_ops lwp4j_code_load_probe_ops;

static inline uint64_t probe_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * Timed regions. On the TSC: lfence; rdtsc; lfence to start (the read waits
 * for earlier instructions, as the kernel's rdtsc_ordered(), and the timed
 * work waits for the read), rdtscp; lfence to end (the read waits for the
 * timed work, and later work waits for the read). Without the second lfence
 * the timed call starts while the read is still under way: an empty call
 * cannot hide that latency (the closing rdtscp waits for it), a syscall can,
 * so the subtracted timer overhead would be more than the syscall paid
 * (tens of cycles on AMD Zen, where a TSC read takes ~40). Without the TSC,
 * CLOCK_MONOTONIC ns through the vDSO.
 */
static inline uint64_t probe_clock_begin(int tsc)
{
	if (!tsc)
		return probe_mono_ns();
	uint32_t lo, hi;
	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t probe_clock_end(int tsc)
{
	if (!tsc)
		return probe_mono_ns();
	uint32_t lo, hi, aux;
	__asm__ __volatile__("rdtscp; lfence" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* The header of one of run's records, begun at start: the probe thread's
 * tid, and flags saying whether start and the payload's figures are TSC
 * cycles or ns (a run timed without the TSC). */
static inline void probe_record_header(struct lwp4j_record *r, uint16_t type, const struct probe_run *run,
				       uint64_t start)
{
	r->type = type;
	r->flags = run->tsc ? 0 : LWP4J_REC_TIME_NS | LWP4J_REC_TSC_UNSTABLE;
	r->tid = run->tid;
	r->time = start;
}

/* Time n calls of fn into s[0 .. n-1], one sample per call, each started
 * after a short pseudo-random delay (see probe.c: the clock's step). */
void probe_time_calls(int tsc, void (*fn)(void), uint64_t *s, uint32_t n);

/* Samples probe_timer_overhead() takes; scratch must hold this many. */
#define PROBE_OVERHEAD_SAMPLES 32
_Static_assert(PROBE_MAX_SAMPLES >= PROBE_OVERHEAD_SAMPLES, "overhead samples fit");

/* Median cost of timing an empty call with probe_time_calls(). */
uint64_t probe_timer_overhead(int tsc, uint64_t *scratch);

/* Sort samples[0 .. n-1] in place and summarise them, overhead subtracted. */
void probe_summarize(uint64_t *samples, uint32_t n, uint64_t overhead, int tsc,
		     struct lwp4j_probe_timing *out);

#endif
