// SPDX-License-Identifier: Apache-2.0
/*
 * Probe threads: the machinery shared by the entry/exit canary and the
 * code-loading probe. Each probe is a process-wide singleton with one native
 * thread that owns one buffer, so the single-writer rule holds without any
 * synchronisation on the record path: runs requested from other threads
 * (lwp4j_probe_run_once) are executed by the probe thread, never by the
 * caller.
 *
 * Everything but the measurement itself happens under the probe's mutex:
 * configuration, the run-once handshake, the latest-result copies and the
 * statistics. The mutex is never held while measuring, so a slow run cannot
 * block a reader of the latest results.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lwp4j.h"
#include "internal.h"
#include "probe.h"

struct probe {
	const struct probe_ops *ops;
	pthread_mutex_t lock;
	pthread_cond_t wake;		/* to the probe thread: config, request, stop */
	pthread_cond_t done;		/* from it: started, run completed */
	struct probe_config cfg;

	/* Thread lifecycle. started: the thread exists until joined. */
	pthread_t thread;
	int started;
	int ready;			/* thread set up (or failed: start_error) */
	int start_error;
	int stopping;
	int32_t tid;
	struct lwp4j_buffer_header *buffer;

	/* Run-once handshake: a run that begins after request n serves it.
	 * session changes at each start, so a waiter notices a stop. */
	uint64_t requested;
	uint64_t served;
	uint64_t session;

	/* Statistics of the current (or last) start. */
	uint64_t runs;
	uint64_t cpu_ns;
	uint64_t start_ns;
	uint64_t stop_ns;

	int has_latest;			/* latest[] holds the newest run's records */
	struct lwp4j_record latest[PROBE_MAX_ITEMS];

	/* Owned by the probe thread. */
	uint64_t samples[PROBE_MAX_SAMPLES];
};

#define PROBE_INIT(o, period)							\
	{									\
		.ops = &(o),							\
		.lock = PTHREAD_MUTEX_INITIALIZER,				\
		.wake = PTHREAD_COND_INITIALIZER,				\
		.done = PTHREAD_COND_INITIALIZER,				\
		.cfg = {							\
			.period_ns = (period),					\
			.burst = LWP4J_SYSCALL_PROBE_DEFAULT_BURST,		\
			.pages = LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES,		\
			.iterations = LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS,	\
			.clock = LWP4J_PROBE_CLOCK_AUTO,			\
		},								\
	}

static struct probe probes[LWP4J_PROBE_COUNT] = {
	[LWP4J_PROBE_SYSCALL] = PROBE_INIT(lwp4j_syscall_probe_ops,
					   LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS),
	[LWP4J_PROBE_CODE_LOAD] = PROBE_INIT(lwp4j_code_load_probe_ops,
					     LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS),
};

static struct probe *probe_get(int probe)
{
	return probe >= 0 && probe < LWP4J_PROBE_COUNT ? &probes[probe] : NULL;
}

static uint64_t clock_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static struct timespec ns_to_timespec(uint64_t ns)
{
	return (struct timespec){.tv_sec = (time_t)(ns / 1000000000ULL),
				 .tv_nsec = (long)(ns % 1000000000ULL)};
}

static int period_valid(const struct probe *p, uint64_t period_ns)
{
	return period_ns == 0 ||
	       (period_ns >= p->ops->min_period_ns && period_ns <= LWP4J_PROBE_MAX_PERIOD_NS);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint32_t sat32(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/*
 * The clock's step. The TSC need not count one by one: on AMD EPYC (Zen)
 * guests it advances ~22.5 cycles at a time, one step per 10 ns, so every
 * sample is a whole number of steps and the middle sample of a burst can be
 * a whole step (10% of a getpid) off. Two things make the figure finer than
 * the step. Each timed call starts after a pseudo-random delay of 0-31
 * spins, so where a call starts within a step is random and a call of d ns
 * reads floor(d/step) or ceil(d/step) steps in the proportion that averages
 * to d (a tight loop of equal calls would lock onto one phase and read the
 * same, wrong, value every time). The median is then the mean of the
 * samples near the middle one (probe_median below), where that averaging
 * happens. Where the TSC counts by one, neither changes the figure.
 *
 * The timed call is the same indirect call for every fn: noipa keeps GCC
 * from cloning this function for a known fn (call_nothing below) and
 * inlining the target, so timing an empty fn measures exactly what the timer
 * and the call add.
 */
__attribute__((noipa)) void probe_time_calls(int tsc, void (*fn)(void), uint64_t *s, uint32_t n)
{
	uint32_t x = (uint32_t)probe_clock_begin(tsc) | 1;	/* xorshift32 state */
	for (uint32_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		for (volatile uint32_t spin = x & 31; spin; spin--)
			;
		uint64_t t0 = probe_clock_begin(tsc);
		fn();
		s[i] = probe_clock_end(tsc) - t0;
	}
}

static void call_nothing(void)
{
}

/*
 * The middle of sorted s[0 .. n-1] at a finer resolution than the clock's
 * step: the mean of the samples within half the middle sample of it, so the
 * whole-step readings around the middle average out while the tails (an
 * interrupt, a cold first call) stay out. Always within [min, max].
 */
static uint64_t probe_median(const uint64_t *s, uint32_t n)
{
	uint64_t v = s[(n - 1) / 2], lo = v - v / 2, hi = v + v / 2, sum = 0, in = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (s[i] >= lo && s[i] <= hi) {
			sum += s[i];
			in++;
		}
	}
	return (sum + in / 2) / in;	/* in >= 1: v itself */
}

uint64_t probe_timer_overhead(int tsc, uint64_t *scratch)
{
	probe_time_calls(tsc, call_nothing, scratch, PROBE_OVERHEAD_SAMPLES);
	qsort(scratch, PROBE_OVERHEAD_SAMPLES, sizeof(*scratch), cmp_u64);
	return probe_median(scratch, PROBE_OVERHEAD_SAMPLES);
}

/* Without the TSC the samples are ns already. */
static uint32_t sample_ns(uint64_t v, int tsc)
{
	return sat32(tsc ? lwp4j_cycles_to_ns(v) : v);
}

void probe_summarize(uint64_t *s, uint32_t n, uint64_t overhead, int tsc,
		     struct lwp4j_probe_timing *out)
{
	qsort(s, n, sizeof(*s), cmp_u64);
	uint64_t sum = 0;
	for (uint32_t i = 0; i < n; i++) {
		s[i] = s[i] > overhead ? s[i] - overhead : 0;
		sum += s[i];
	}
	uint64_t min = s[0], median = probe_median(s, n), max = s[n - 1];
	out->min_cycles = sat32(min);
	out->median_cycles = sat32(median);
	out->max_cycles = sat32(max);
	out->overhead_cycles = sat32(overhead);
	out->min_ns = sample_ns(min, tsc);
	out->median_ns = sample_ns(median, tsc);
	out->max_ns = sample_ns(max, tsc);
	out->mean_ns = sample_ns(sum / n, tsc);
}

/* Called with p->lock held; returns with it held. */
static void probe_run_locked(struct probe *p)
{
	struct probe_run run = {
		.cfg = p->cfg,
		.tsc = p->cfg.clock == LWP4J_PROBE_CLOCK_AUTO && lwp4j_tsc_usable(),
		.seq = p->runs + 1,
		.tid = p->tid,
		.samples = p->samples,
	};
	uint64_t serving = p->requested;
	struct lwp4j_record out[PROBE_MAX_ITEMS];

	pthread_mutex_unlock(&p->lock);
	memset(out, 0, sizeof(out));
	p->ops->run(&run, out);
	for (uint32_t i = 0; i < p->ops->items; i++)
		lwp4j_append(p->buffer, &out[i]);	/* a full buffer counts the drop */
	uint64_t cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	pthread_mutex_lock(&p->lock);

	memcpy(p->latest, out, p->ops->items * sizeof(out[0]));
	p->has_latest = 1;
	p->runs = run.seq;
	p->cpu_ns = cpu;
	p->served = serving;
	pthread_cond_broadcast(&p->done);
}

static void *probe_main(void *arg)
{
	struct probe *p = arg;
	int32_t tid = lwp4j_gettid();
	struct lwp4j_buffer_header *b = lwp4j_native_buffer_create(tid, LWP4J_BUF_NATIVE_OWNER);
	int err = b ? 0 : -errno;
	if (b && lwp4j_registry_put(tid, b) != 0) {
		lwp4j_buffer_destroy(b);
		b = NULL;
		err = -ENOSPC;
	}

	pthread_mutex_lock(&p->lock);
	p->tid = tid;
	p->buffer = b;
	p->start_error = err;
	p->ready = 1;
	pthread_cond_broadcast(&p->done);

	/* Periods count from run starts, so the rate does not drift with the
	 * run time; a periodic probe runs first right away. */
	uint64_t last = 0;	/* start of the last run, 0: none yet */
	while (b && !p->stopping) {
		uint64_t now = clock_ns(CLOCK_MONOTONIC);
		uint64_t period = p->cfg.period_ns;
		if (p->requested != p->served || (period && (!last || now - last >= period))) {
			last = now;
			probe_run_locked(p);
			/* A run longer than its period: wait a full period after
			 * it rather than run back to back. */
			now = clock_ns(CLOCK_MONOTONIC);
			if (p->cfg.period_ns && now - last >= p->cfg.period_ns)
				last = now;
			continue;
		}
		if (period) {
			struct timespec until = ns_to_timespec(last + period);
			pthread_cond_clockwait(&p->wake, &p->lock, CLOCK_MONOTONIC, &until);
		} else {
			pthread_cond_wait(&p->wake, &p->lock);
		}
	}

	if (b) {
		p->cpu_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID);
		p->buffer = NULL;
		lwp4j_registry_remove(tid, b);
		lwp4j_buffer_destroy(b);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Joins p's thread with p->lock released (the thread takes the lock on its
 * way out) and marks the probe stopped; called and returns with it held. */
static void probe_join_locked(struct probe *p)
{
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_lock(&p->lock);
	p->started = 0;
	p->tid = 0;
}

/* Called with p->lock held. */
static int probe_start_locked(struct probe *p, uint64_t period_ns)
{
	if (p->started)
		return -EALREADY;
	p->cfg.period_ns = period_ns;
	p->ready = 0;
	p->stopping = 0;
	p->session++;
	p->served = p->requested;	/* requests of a stopped session are void */
	p->runs = 0;
	p->cpu_ns = 0;
	p->start_ns = clock_ns(CLOCK_MONOTONIC);
	p->stop_ns = 0;
	/* Calibrate before the thread exists: its first run must not pay for it. */
	lwp4j_tsc_usable();
	/* The thread inherits a mask blocking every asynchronous signal: a
	 * signal meant for the process (SIGINT, SIGQUIT, the JVM's own) must
	 * go to one of the host's threads, never to a probe. */
	sigset_t all, old;
	sigfillset(&all);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGILL);
	sigdelset(&all, SIGFPE);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&p->thread, NULL, probe_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	pthread_setname_np(p->thread, p->ops->thread_name);
	p->started = 1;
	while (!p->ready)
		pthread_cond_wait(&p->done, &p->lock);
	if (p->start_error) {
		probe_join_locked(p);
		return p->start_error;
	}
	return 0;
}

int lwp4j_probe_start(int probe, uint64_t period_ns)
{
	struct probe *p = probe_get(probe);
	if (!p || !period_valid(p, period_ns))
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	int err = probe_start_locked(p, period_ns);
	pthread_mutex_unlock(&p->lock);
	return err;
}

int lwp4j_probe_stop(int probe)
{
	struct probe *p = probe_get(probe);
	if (!p)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	if (!p->started || p->stopping) {
		/* Stopped, or another caller is joining the thread. */
		pthread_mutex_unlock(&p->lock);
		return 0;
	}
	p->stopping = 1;
	pthread_cond_broadcast(&p->wake);
	probe_join_locked(p);
	p->stop_ns = clock_ns(CLOCK_MONOTONIC);
	pthread_cond_broadcast(&p->done);	/* run-once waiters: -ESRCH */
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int lwp4j_probe_set_period(int probe, uint64_t period_ns)
{
	struct probe *p = probe_get(probe);
	if (!p || !period_valid(p, period_ns))
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	p->cfg.period_ns = period_ns;
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int lwp4j_probe_set_burst(uint32_t calls)
{
	if (calls < 1 || calls > LWP4J_SYSCALL_PROBE_MAX_BURST)
		return -EINVAL;
	struct probe *p = &probes[LWP4J_PROBE_SYSCALL];
	pthread_mutex_lock(&p->lock);
	p->cfg.burst = calls;
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int lwp4j_probe_set_code_region(uint32_t pages, uint32_t iterations)
{
	if (pages < 1 || pages > LWP4J_CODE_LOAD_PROBE_MAX_PAGES ||
	    iterations < 1 || iterations > LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS)
		return -EINVAL;
	struct probe *p = &probes[LWP4J_PROBE_CODE_LOAD];
	pthread_mutex_lock(&p->lock);
	p->cfg.pages = pages;
	p->cfg.iterations = iterations;
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int lwp4j_probe_set_clock(int probe, int clock)
{
	struct probe *p = probe_get(probe);
	if (!p || (clock != LWP4J_PROBE_CLOCK_AUTO && clock != LWP4J_PROBE_CLOCK_MONOTONIC))
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	p->cfg.clock = clock;
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int lwp4j_probe_run_once(int probe, int timeout_ms)
{
	struct probe *p = probe_get(probe);
	if (!p || timeout_ms < 0)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	int err = 0;
	if (!p->started)
		err = probe_start_locked(p, 0);
	if (err || p->stopping) {
		pthread_mutex_unlock(&p->lock);
		return err ? err : -ESRCH;
	}
	uint64_t ticket = ++p->requested, session = p->session;
	pthread_cond_broadcast(&p->wake);
	struct timespec until = ns_to_timespec(clock_ns(CLOCK_MONOTONIC) +
					       (uint64_t)timeout_ms * 1000000ULL);
	for (;;) {
		if (p->session != session || !p->started) {
			err = -ESRCH;	/* stopped before serving us */
			break;
		}
		if (p->served >= ticket) {
			err = 0;
			break;
		}
		if (err)
			break;
		err = -pthread_cond_clockwait(&p->done, &p->lock, CLOCK_MONOTONIC, &until);
	}
	pthread_mutex_unlock(&p->lock);
	return err;
}

int lwp4j_probe_latest(int probe, struct lwp4j_record *out, uint32_t count)
{
	struct probe *p = probe_get(probe);
	if (!p || !out || count < p->ops->items)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	int valid = p->has_latest;
	if (valid)
		memcpy(out, p->latest, p->ops->items * sizeof(*out));
	pthread_mutex_unlock(&p->lock);
	return valid ? 0 : -ENODATA;
}

int lwp4j_probe_stats_read(int probe, struct lwp4j_probe_stats *out)
{
	struct probe *p = probe_get(probe);
	if (!p || !out)
		return -EINVAL;
	pthread_mutex_lock(&p->lock);
	uint64_t end = p->started ? clock_ns(CLOCK_MONOTONIC) : p->stop_ns;
	*out = (struct lwp4j_probe_stats){
		.runs = p->runs,
		.cpu_ns = p->cpu_ns,
		.wall_ns = p->start_ns ? end - p->start_ns : 0,
		.period_ns = p->cfg.period_ns,
		.tid = p->started ? p->tid : 0,
		.running = p->started && !p->stopping,
	};
	pthread_mutex_unlock(&p->lock);
	return 0;
}

struct lwp4j_buffer_header *lwp4j_probe_buffer(int probe)
{
	struct probe *p = probe_get(probe);
	if (!p)
		return NULL;
	pthread_mutex_lock(&p->lock);
	struct lwp4j_buffer_header *b = p->started && !p->stopping ? p->buffer : NULL;
	pthread_mutex_unlock(&p->lock);
	return b;
}
