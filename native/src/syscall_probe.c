// SPDX-License-Identifier: Apache-2.0
/*
 * The entry/exit canary: what one trip through the kernel's syscall path
 * costs this process right now. getpid is the minimal syscall (seed 004):
 * no arguments, no locks, so its time is the entry/exit path itself plus
 * whatever hooks the path carries (audit rules, seccomp filters, mitigations).
 * It is called through syscall(2), never a libc wrapper that could cache it.
 * clock_gettime twice beside it, through the vDSO (no kernel entry) and as a
 * raw syscall: their difference is the entry/exit price in user-facing terms.
 *
 * Each call is timed on its own so a burst yields min, median and max; the
 * timer's own cost (timing an empty call the same way) is measured once per
 * run, before the bursts, and subtracted.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lwp4j.h"
#include "probe.h"

static void call_getpid(void)
{
	syscall(SYS_getpid);
}

static void call_clock_vdso(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
}

static void call_clock_raw(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
}

static void (*const calls[LWP4J_SYSCALL_CALL_COUNT])(void) = {
	[LWP4J_SYSCALL_GETPID] = call_getpid,
	[LWP4J_SYSCALL_CLOCK_VDSO] = call_clock_vdso,
	[LWP4J_SYSCALL_CLOCK_RAW] = call_clock_raw,
};

static void syscall_probe_run(const struct probe_run *run, struct lwp4j_record *out)
{
	uint32_t n = run->cfg.burst;
	uint64_t *s = run->samples;
	int tsc = run->tsc;

	uint64_t overhead = probe_timer_overhead(tsc, s);
	for (uint32_t c = 0; c < LWP4J_SYSCALL_CALL_COUNT; c++) {
		uint64_t start = probe_clock_begin(tsc);
		probe_time_calls(tsc, calls[c], s, n);
		struct lwp4j_record *r = &out[c];
		probe_record_header(r, LWP4J_REC_SYSCALL_PROBE, run, start);
		r->u.syscall_probe.call = (uint16_t)c;
		r->u.syscall_probe.burst = n;
		r->u.syscall_probe.run = run->seq;
		probe_summarize(s, n, overhead, tsc, &r->u.syscall_probe.timing);
	}
}

const struct probe_ops lwp4j_syscall_probe_ops = {
	.thread_name = "lwp4j-syscall",
	.items = LWP4J_SYSCALL_CALL_COUNT,
	.min_period_ns = LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS,
	.run = syscall_probe_run,
};
