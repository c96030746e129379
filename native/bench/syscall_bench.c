// SPDX-License-Identifier: Apache-2.0
/*
 * syscall_bench: the syscall-path probes against independent measurements.
 *
 *   native/target/bench/syscall_bench [--rounds N] [--cost-seconds S]
 *                                     [--cost-period-ms M] [--burst B]
 *                                     [--pages P] [--iterations I]
 *
 * 1. getpid and clock_gettime (vDSO, raw syscall): the canary's per-call
 *    median, taken from its records after lwp4j_probe_run_once() on the probe
 *    thread, beside a plain loop timed with clock_gettime(CLOCK_MONOTONIC)
 *    around many calls (seed 004's method). Rounds alternate the two; each
 *    column is the median over the rounds.
 * 2. The canary's CPU cost at its default period (or M ms): the probe
 *    thread's CPU time over S seconds of wall time, after its first run;
 *    beside it a thread that only sleeps for the same period, since on a VM
 *    the wake-up alone can cost more than the canary's work.
 * 3. The five code-loading strategies from the code-load probe's records,
 *    median over rounds of the per-iteration mean, beside seed 001.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "lwp4j.h"

#define PLAIN_LOOP_CALLS 50000
#define MAX_ROUNDS 101

static const char *const call_names[LWP4J_SYSCALL_CALL_COUNT] = {
	[LWP4J_SYSCALL_GETPID] = "getpid (syscall)",
	[LWP4J_SYSCALL_CLOCK_VDSO] = "clock_gettime (vDSO)",
	[LWP4J_SYSCALL_CLOCK_RAW] = "clock_gettime (syscall)",
};

static const struct {
	const char *name;
	double seed_us;		/* seed 001, Ryzen 1700, Linux 5.15 */
} strategies[LWP4J_CODE_LOAD_STRATEGY_COUNT] = {
	[LWP4J_CODE_LOAD_NAIVE] = {"naive", 4.6},
	[LWP4J_CODE_LOAD_REUSE] = {"reuse", 2.2},
	[LWP4J_CODE_LOAD_REUSE_LOCKED] = {"reuse + MAP_LOCKED", 1.9},
	[LWP4J_CODE_LOAD_SHARED] = {"MAP_SHARED reuse", 1.2},
	[LWP4J_CODE_LOAD_MEMFD_DUAL] = {"memfd dual mapping", 0.1},
};

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "syscall_bench: %s: %s\n", what, strerror(-err));
	exit(1);
}

/* ns per call of a plain loop, timed as seed 004 does. */
static double plain_loop(int call)
{
	struct timespec ts;
	uint64_t t0 = mono_ns();
	for (int i = 0; i < PLAIN_LOOP_CALLS; i++) {
		switch (call) {
		case LWP4J_SYSCALL_GETPID:
			syscall(SYS_getpid);
			break;
		case LWP4J_SYSCALL_CLOCK_VDSO:
			clock_gettime(CLOCK_MONOTONIC, &ts);
			break;
		case LWP4J_SYSCALL_CLOCK_RAW:
			syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
			break;
		}
	}
	return (double)(mono_ns() - t0) / PLAIN_LOOP_CALLS;
}

/* Cycles to ns with the calibration, for sub-ns resolution. */
static double to_ns(const struct lwp4j_record *r, uint32_t cycles)
{
	if (r->flags & LWP4J_REC_TSC_UNSTABLE)
		return cycles;
	return (double)cycles * 1e9 / (double)lwp4j_tsc_hz();
}

static void print_machine(void)
{
	struct utsname u;
	uname(&u);
	char model[256] = "?", line[4096], source[64] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) == 0) {
			snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
			model[strcspn(model, "\n")] = 0;
			break;
		}
	}
	if (f)
		fclose(f);
	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f && fgets(source, sizeof(source), f))
		source[strcspn(source, "\n")] = 0;
	if (f)
		fclose(f);
	printf("machine: %s, %ld CPUs, Linux %s, clocksource %s, TSC %s at %.3f GHz\n",
	       model, sysconf(_SC_NPROCESSORS_ONLN), u.release, source,
	       lwp4j_tsc_usable() ? "usable" : "UNUSABLE", (double)lwp4j_tsc_hz() / 1e9);
}

/* What explains the figures: the kernel's own reports, as the canary's events carry them. */
static void print_env(void)
{
	struct lwp4j_syscall_env env;
	lwp4j_syscall_env_read(0, &env);
	printf("syscall path: seccomp mode %d with %d filter(s); audit ", env.seccomp_mode,
	       env.seccomp_filters);
	if (env.audit_enabled < 0)
		printf("unknown (%s)", strerror(env.audit_errno));
	else
		printf("%s, %d syscall rule(s)", env.audit_enabled ? "on" : "off", env.audit_rules);
	printf("; mitigations:\n");
	for (char *line = env.mitigations, *end; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		printf("  %.*s\n", (int)(end - line), line);
	}
}

static void bench_syscalls(int rounds)
{
	double canary[LWP4J_SYSCALL_CALL_COUNT][MAX_ROUNDS];
	double canary_min[LWP4J_SYSCALL_CALL_COUNT][MAX_ROUNDS];
	double canary_max[LWP4J_SYSCALL_CALL_COUNT][MAX_ROUNDS];
	double loop[LWP4J_SYSCALL_CALL_COUNT][MAX_ROUNDS];
	uint32_t overhead = 0, burst = 0;

	for (int r = 0; r < rounds; r++) {
		int err = lwp4j_probe_run_once(LWP4J_PROBE_SYSCALL, 5000);
		if (err)
			die("canary run", err);
		struct lwp4j_record recs[LWP4J_SYSCALL_CALL_COUNT];
		lwp4j_probe_latest(LWP4J_PROBE_SYSCALL, recs, LWP4J_SYSCALL_CALL_COUNT);
		for (int c = 0; c < LWP4J_SYSCALL_CALL_COUNT; c++) {
			const struct lwp4j_record *rec = &recs[c];
			const struct lwp4j_probe_timing *t = &rec->u.syscall_probe.timing;
			canary[c][r] = to_ns(rec, t->median_cycles);
			canary_min[c][r] = to_ns(rec, t->min_cycles);
			canary_max[c][r] = to_ns(rec, t->max_cycles);
			overhead = t->overhead_cycles;
			burst = rec->u.syscall_probe.burst;
			loop[c][r] = plain_loop(c);
		}
	}

	printf("\n## Syscall path (seed 004)\n\n");
	printf("Canary: median of %d calls per burst, timer overhead (%u cycles) subtracted;\n"
	       "plain loop: clock_gettime(CLOCK_MONOTONIC) around %d calls. Medians of %d rounds.\n\n",
	       burst, overhead, PLAIN_LOOP_CALLS, rounds);
	printf("| call | canary median ns | canary min ns | canary max ns | plain loop ns | canary / loop |\n");
	printf("|---|---:|---:|---:|---:|---:|\n");
	double loop_med[LWP4J_SYSCALL_CALL_COUNT];
	for (int c = 0; c < LWP4J_SYSCALL_CALL_COUNT; c++) {
		double cm = median(canary[c], rounds);
		loop_med[c] = median(loop[c], rounds);
		printf("| %s | %.1f | %.1f | %.1f | %.1f | %.3f |\n", call_names[c], cm,
		       median(canary_min[c], rounds), median(canary_max[c], rounds), loop_med[c],
		       cm / loop_med[c]);
	}
	printf("\nEntry/exit price (plain loop, clock_gettime syscall - vDSO): %.1f ns\n",
	       loop_med[LWP4J_SYSCALL_CLOCK_RAW] - loop_med[LWP4J_SYSCALL_CLOCK_VDSO]);
	printf("seed 004 (Skylake-X, 37 audit rules): getpid 191 ns (UEK5), 217 ns (UEK6)\n");
}

struct sleeper {
	uint64_t period_ns;
	int seconds;
	uint64_t cpu_ns;
	uint64_t wall_ns;
};

/* The baseline: a thread that only wakes every period, after a first wake. */
static void *sleeper_main(void *arg)
{
	struct sleeper *s = arg;
	struct timespec period = {.tv_sec = (time_t)(s->period_ns / 1000000000ULL),
				  .tv_nsec = (long)(s->period_ns % 1000000000ULL)};
	struct timespec c0, c1;
	nanosleep(&period, NULL);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	uint64_t w0 = mono_ns();
	while (mono_ns() - w0 < (uint64_t)s->seconds * 1000000000ULL)
		nanosleep(&period, NULL);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	s->wall_ns = mono_ns() - w0;
	s->cpu_ns = (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000000ULL + (uint64_t)c1.tv_nsec -
		    (uint64_t)c0.tv_nsec;
	return NULL;
}

static void bench_cost(int seconds, uint64_t period_ns)
{
	struct lwp4j_probe_stats a, b;
	int err = lwp4j_probe_start(LWP4J_PROBE_SYSCALL, period_ns);
	if (err)
		die("canary start", err);
	/* Leave out thread and buffer creation: the steady state is what runs
	 * in production. */
	do {
		usleep(10000);
		lwp4j_probe_stats_read(LWP4J_PROBE_SYSCALL, &a);
	} while (a.runs < 1);
	usleep((useconds_t)seconds * 1000000U);
	lwp4j_probe_stats_read(LWP4J_PROBE_SYSCALL, &b);
	lwp4j_probe_stop(LWP4J_PROBE_SYSCALL);

	struct sleeper sl = {.period_ns = period_ns, .seconds = seconds};
	pthread_t t;
	pthread_create(&t, NULL, sleeper_main, &sl);
	pthread_join(t, NULL);

	double cpu = (double)(b.cpu_ns - a.cpu_ns), wall = (double)(b.wall_ns - a.wall_ns);
	uint64_t runs = b.runs - a.runs;
	double wakes = (double)sl.wall_ns / (double)period_ns;
	printf("\nCanary CPU cost at a %llu ms period%s: %.4f%% of one core "
	       "(%.1f us CPU per run, %llu runs in %.1f s; target <= 0.05%%)\n",
	       (unsigned long long)(period_ns / 1000000),
	       period_ns == LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS ? " (its default)" : "",
	       100.0 * cpu / wall, cpu / 1e3 / (double)runs, (unsigned long long)runs, wall / 1e9);
	printf("of which waking up: a thread that only sleeps %llu ms costs %.4f%% "
	       "(%.1f us CPU per wake-up)\n",
	       (unsigned long long)(period_ns / 1000000), 100.0 * (double)sl.cpu_ns / (double)sl.wall_ns,
	       (double)sl.cpu_ns / 1e3 / wakes);
}

static void bench_code_load(int rounds, uint32_t pages, uint32_t iterations)
{
	double mean[LWP4J_CODE_LOAD_STRATEGY_COUNT][MAX_ROUNDS];
	double med[LWP4J_CODE_LOAD_STRATEGY_COUNT][MAX_ROUNDS];
	struct lwp4j_probe_stats st;

	int err = lwp4j_probe_set_code_region(pages, iterations);
	if (err)
		die("code region", err);
	for (int r = 0; r < rounds; r++) {
		err = lwp4j_probe_run_once(LWP4J_PROBE_CODE_LOAD, 60000);
		if (err)
			die("code-load run", err);
		struct lwp4j_record recs[LWP4J_CODE_LOAD_STRATEGY_COUNT];
		lwp4j_probe_latest(LWP4J_PROBE_CODE_LOAD, recs, LWP4J_CODE_LOAD_STRATEGY_COUNT);
		for (int s = 0; s < LWP4J_CODE_LOAD_STRATEGY_COUNT; s++) {
			const struct lwp4j_code_load_probe_payload *pl = &recs[s].u.code_load_probe;
			if (pl->error) {
				printf("%s refused: %s\n", strategies[s].name, strerror(pl->error));
				mean[s][r] = med[s][r] = 0;
				continue;
			}
			mean[s][r] = pl->timing.mean_ns;
			med[s][r] = to_ns(&recs[s], pl->timing.median_cycles);
		}
	}
	lwp4j_probe_stats_read(LWP4J_PROBE_CODE_LOAD, &st);
	lwp4j_probe_stop(LWP4J_PROBE_CODE_LOAD);

	printf("\n## Code loading (seed 001)\n\n");
	printf("%u page(s), %u iterations per strategy per run; medians of %d runs.\n\n",
	       pages, iterations, rounds);
	printf("| strategy | mean us/iter | median us/iter | / naive | seed 001 us/iter | seed / naive |\n");
	printf("|---|---:|---:|---:|---:|---:|\n");
	double m[LWP4J_CODE_LOAD_STRATEGY_COUNT];
	for (int s = 0; s < LWP4J_CODE_LOAD_STRATEGY_COUNT; s++) {
		m[s] = median(mean[s], rounds);
		double md = median(med[s], rounds);
		printf("| %s | %.3f | %.3f | %.3f | %.1f | %.3f |\n", strategies[s].name, m[s] / 1e3,
		       md / 1e3, m[s] / m[0], strategies[s].seed_us,
		       strategies[s].seed_us / strategies[0].seed_us);
	}
	int ordered = 1, naive_slowest = 1, memfd_fastest = 1;
	double mid_lo = m[LWP4J_CODE_LOAD_REUSE], mid_hi = mid_lo;
	for (int s = 1; s < LWP4J_CODE_LOAD_STRATEGY_COUNT; s++) {
		ordered &= m[s] < m[s - 1];
		naive_slowest &= m[s] < m[LWP4J_CODE_LOAD_NAIVE];
		if (s != LWP4J_CODE_LOAD_MEMFD_DUAL) {
			memfd_fastest &= m[LWP4J_CODE_LOAD_MEMFD_DUAL] < m[s];
			mid_lo = m[s] < mid_lo ? m[s] : mid_lo;
			mid_hi = m[s] > mid_hi ? m[s] : mid_hi;
		}
	}
	printf("\nnaive slowest: %s; memfd dual mapping fastest: %s; the seed's full order: %s "
	       "(reuse, reuse + MAP_LOCKED and MAP_SHARED reuse within %.0f%% of each other)\n",
	       naive_slowest ? "yes" : "NO", memfd_fastest ? "yes" : "NO", ordered ? "yes" : "no",
	       100.0 * (mid_hi / mid_lo - 1));
	double per_run = (double)st.cpu_ns / (double)st.runs;
	printf("Code-load probe: %.0f us CPU per run; at its default period (%llu s) %.4f%% of one core\n",
	       per_run / 1e3,
	       (unsigned long long)(LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS / 1000000000ULL),
	       100.0 * per_run / (double)LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS);
}

static long arg_value(int argc, char **argv, int *i, long min, long max)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "syscall_bench: %s needs a value\n", argv[*i]);
		exit(2);
	}
	char *end;
	long v = strtol(argv[++*i], &end, 10);
	if (*end || v < min || v > max) {
		fprintf(stderr, "syscall_bench: %s must be %ld..%ld\n", argv[*i - 1], min, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	int rounds = 31, seconds = 10;
	uint64_t cost_period_ns = LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS;
	uint32_t pages = LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES;
	uint32_t iterations = LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS;
	uint32_t burst = LWP4J_SYSCALL_PROBE_DEFAULT_BURST;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds"))
			rounds = (int)arg_value(argc, argv, &i, 1, MAX_ROUNDS);
		else if (!strcmp(argv[i], "--cost-seconds"))
			seconds = (int)arg_value(argc, argv, &i, 1, 3600);
		else if (!strcmp(argv[i], "--cost-period-ms"))
			cost_period_ns = (uint64_t)arg_value(argc, argv, &i,
					LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS / 1000000,
					LWP4J_PROBE_MAX_PERIOD_NS / 1000000) * 1000000ULL;
		else if (!strcmp(argv[i], "--burst"))
			burst = (uint32_t)arg_value(argc, argv, &i, 1, LWP4J_SYSCALL_PROBE_MAX_BURST);
		else if (!strcmp(argv[i], "--pages"))
			pages = (uint32_t)arg_value(argc, argv, &i, 1, LWP4J_CODE_LOAD_PROBE_MAX_PAGES);
		else if (!strcmp(argv[i], "--iterations"))
			iterations = (uint32_t)arg_value(argc, argv, &i, 1,
							 LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS);
		else {
			fprintf(stderr, "usage: %s [--rounds N] [--cost-seconds S] [--cost-period-ms M] "
				"[--burst B] [--pages P] [--iterations I]\n", argv[0]);
			return 2;
		}
	}

	print_machine();
	print_env();
	int err = lwp4j_probe_set_burst(burst);
	if (err)
		die("canary burst", err);
	bench_syscalls(rounds);
	lwp4j_probe_stop(LWP4J_PROBE_SYSCALL);
	bench_cost(seconds, cost_period_ns);
	bench_code_load(rounds, pages, iterations);
	return 0;
}
