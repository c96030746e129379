// SPDX-License-Identifier: Apache-2.0
/*
 * TSC calibration. The frequency is measured once against CLOCK_MONOTONIC_RAW
 * over ~20 ms (three rounds, the median kept). The TSC is used only when
 * /proc/cpuinfo reports constant_tsc and nonstop_tsc (rate independent of
 * P- and C-states); otherwise times fall back to CLOCK_MONOTONIC ns and
 * records say so with LWP4J_REC_TSC_UNSTABLE.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"

static pthread_once_t calibrate_once = PTHREAD_ONCE_INIT;
static uint64_t tsc_hz;
static int tsc_usable;

static uint64_t mono_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cpu_flags_ok(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return 0;
	char line[4096];
	int ok = 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5) == 0) {
			ok = strstr(line, " constant_tsc") && strstr(line, " nonstop_tsc");
			break;
		}
	}
	fclose(f);
	return ok;
}

static uint64_t measure_once(void)
{
	uint64_t n0 = mono_ns(CLOCK_MONOTONIC_RAW), c0 = lwp4j_rdtsc();
	struct timespec sleep = {0, 7 * 1000 * 1000};
	nanosleep(&sleep, NULL);
	uint64_t n1 = mono_ns(CLOCK_MONOTONIC_RAW), c1 = lwp4j_rdtscp();
	return n1 > n0 ? (uint64_t)((double)(c1 - c0) * 1e9 / (double)(n1 - n0)) : 0;
}

static void calibrate(void)
{
	if (!cpu_flags_ok())
		return;
	uint64_t m[3];
	for (int i = 0; i < 3; i++)
		m[i] = measure_once();
	uint64_t lo = m[0] < m[1] ? m[0] : m[1], hi = m[0] < m[1] ? m[1] : m[0];
	tsc_hz = m[2] < lo ? lo : m[2] > hi ? hi : m[2];
	tsc_usable = tsc_hz > 0;
}

uint64_t lwp4j_tsc_hz(void)
{
	pthread_once(&calibrate_once, calibrate);
	return tsc_hz;
}

int lwp4j_tsc_usable(void)
{
	pthread_once(&calibrate_once, calibrate);
	return tsc_usable;
}

uint64_t lwp4j_now(void)
{
	return lwp4j_tsc_usable() ? lwp4j_rdtsc() : mono_ns(CLOCK_MONOTONIC);
}

uint64_t lwp4j_cycles_to_ns(uint64_t cycles)
{
	uint64_t hz = lwp4j_tsc_hz();
	if (!hz)
		return cycles;
	return (uint64_t)((unsigned __int128)cycles * 1000000000ULL / hz);
}

uint64_t lwp4j_ns_to_now(uint64_t ns)
{
	uint64_t hz = lwp4j_tsc_usable() ? lwp4j_tsc_hz() : 0;
	if (!hz)
		return ns;
	return (uint64_t)((unsigned __int128)ns * hz / 1000000000ULL);
}

static __thread int32_t cached_tid;

int32_t lwp4j_gettid(void)
{
	if (!cached_tid)
		cached_tid = (int32_t)syscall(SYS_gettid);
	return cached_tid;
}
