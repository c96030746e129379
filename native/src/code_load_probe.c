// SPDX-License-Identifier: Apache-2.0
/*
 * The code-loading probe: what it costs this process, on this kernel, to put
 * freshly written machine code in place and run it, as a JIT does (seed 001).
 * Five strategies, each doing per iteration what a JIT does per method:
 *
 *   naive         mmap RW, write, mprotect RX, call, munmap
 *   reuse         one PRIVATE mapping kept across iterations: mprotect RW,
 *                 write, mprotect RX, call (every RW flip re-arms CoW)
 *   reuse_locked  the same mapping MAP_LOCKED (populated, never faulted)
 *   shared        the same mapping MAP_SHARED (no CoW at all)
 *   memfd_dual    one memfd mapped twice, RX and W: write, call; no syscall
 *
 * "Write" puts `mov eax, imm32; ret` at the start of every page and "call"
 * calls each page start through a function pointer and checks the value it
 * returns, so a strategy that ran stale code is caught (EFAULT), not timed.
 * The values change every iteration. Mappings that outlive an iteration live
 * only for the strategy's iterations of one run: nothing stays mapped
 * between runs.
 *
 * The reused mappings sit between two PROT_NONE guard pages. Without them
 * the region may land beside a mapping with the protection it flips to (a
 * malloc arena, a ring buffer): the kernel then merges the two VMAs on one
 * flip and splits them on the next, which on 6.18 costs ~1.1 us per
 * iteration more and depends only on where mmap happened to place the
 * region. With the guards the probe measures the strategy, not the
 * neighbour. naive maps afresh every iteration, placement and all, as a
 * naive JIT would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lwp4j.h"
#include "probe.h"

#define X86_MOV_EAX_IMM32 0xb8
#define X86_RET           0xc3

struct region {
	unsigned char *exec;	/* the view code is called through */
	unsigned char *write;	/* the view code is written through */
	unsigned char *guarded;	/* guard, region, guard; NULL if not guarded */
	size_t page;
	size_t size;
	uint32_t pages;
	int fd;
};

static void write_code(const struct region *r, uint32_t token)
{
	for (uint32_t i = 0; i < r->pages; i++) {
		unsigned char *c = r->write + i * r->page;
		uint32_t v = token + i;
		c[0] = X86_MOV_EAX_IMM32;
		memcpy(c + 1, &v, sizeof(v));
		c[5] = X86_RET;
	}
}

static int call_code(const struct region *r, uint32_t token)
{
	uint32_t wrong = 0;
	for (uint32_t i = 0; i < r->pages; i++) {
		uint32_t (*fn)(void) = (uint32_t (*)(void))(uintptr_t)(r->exec + i * r->page);
		wrong |= fn() ^ (token + i);
	}
	return wrong ? -EFAULT : 0;
}

static int load_naive(struct region *r, uint32_t token)
{
	void *m = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return -errno;
	r->exec = r->write = m;
	write_code(r, token);
	int err = mprotect(m, r->size, PROT_READ | PROT_EXEC) ? -errno : call_code(r, token);
	munmap(m, r->size);
	r->exec = r->write = NULL;
	return err;
}

static int load_flip(struct region *r, uint32_t token)
{
	if (mprotect(r->exec, r->size, PROT_READ | PROT_WRITE))
		return -errno;
	write_code(r, token);
	if (mprotect(r->exec, r->size, PROT_READ | PROT_EXEC))
		return -errno;
	return call_code(r, token);
}

static int load_dual(struct region *r, uint32_t token)
{
	write_code(r, token);
	return call_code(r, token);
}

static int (*const loaders[LWP4J_CODE_LOAD_STRATEGY_COUNT])(struct region *, uint32_t) = {
	[LWP4J_CODE_LOAD_NAIVE] = load_naive,
	[LWP4J_CODE_LOAD_REUSE] = load_flip,
	[LWP4J_CODE_LOAD_REUSE_LOCKED] = load_flip,
	[LWP4J_CODE_LOAD_SHARED] = load_flip,
	[LWP4J_CODE_LOAD_MEMFD_DUAL] = load_dual,
};

static int map_guarded(struct region *r, int flags)
{
	void *g = mmap(NULL, r->size + 2 * r->page, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (g == MAP_FAILED)
		return -errno;
	r->guarded = g;
	void *m = mmap(r->guarded + r->page, r->size, PROT_NONE, flags | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0);
	if (m == MAP_FAILED)
		return -errno;
	r->exec = r->write = m;
	return 0;
}

static int map_memfd(struct region *r)
{
	r->fd = memfd_create("lwp4j-code-load", MFD_CLOEXEC);
	if (r->fd < 0 || ftruncate(r->fd, (off_t)r->size))
		return -errno;
	void *x = mmap(NULL, r->size, PROT_READ | PROT_EXEC, MAP_SHARED, r->fd, 0);
	if (x == MAP_FAILED)
		return -errno;
	r->exec = x;
	void *w = mmap(NULL, r->size, PROT_WRITE, MAP_SHARED, r->fd, 0);
	if (w == MAP_FAILED)
		return -errno;
	r->write = w;
	return 0;
}

/* The mappings a strategy keeps across its iterations; naive has none. */
static int region_open(struct region *r, uint32_t strategy)
{
	switch (strategy) {
	case LWP4J_CODE_LOAD_REUSE:
		return map_guarded(r, MAP_PRIVATE);
	case LWP4J_CODE_LOAD_REUSE_LOCKED:
		return map_guarded(r, MAP_PRIVATE | MAP_LOCKED);
	case LWP4J_CODE_LOAD_SHARED:
		return map_guarded(r, MAP_SHARED);
	case LWP4J_CODE_LOAD_MEMFD_DUAL:
		/* File views merge only with views of the same file at
		 * adjacent offsets: these two never do, no guards needed. */
		return map_memfd(r);
	}
	return 0;
}

static void region_close(struct region *r)
{
	if (r->guarded) {
		munmap(r->guarded, r->size + 2 * r->page);	/* the region too */
	} else {
		if (r->write && r->write != r->exec)
			munmap(r->write, r->size);
		if (r->exec)
			munmap(r->exec, r->size);
	}
	if (r->fd >= 0)
		close(r->fd);
}

static void code_load_probe_run(const struct probe_run *run, struct lwp4j_record *out)
{
	uint32_t n = run->cfg.iterations;
	uint64_t *s = run->samples;
	int tsc = run->tsc;
	/* Distinct values in every iteration of every run. */
	uint32_t token = (uint32_t)run->seq * 0x9e3779b9U;

	for (uint32_t strategy = 0; strategy < LWP4J_CODE_LOAD_STRATEGY_COUNT; strategy++) {
		struct region r = {
			.page = (size_t)sysconf(_SC_PAGESIZE),
			.pages = run->cfg.pages,
			.fd = -1,
		};
		r.size = r.page * r.pages;
		int (*load)(struct region *, uint32_t) = loaders[strategy];
		uint64_t overhead = probe_timer_overhead(tsc, s);
		int err = region_open(&r, strategy);
		uint64_t start = probe_clock_begin(tsc);
		for (uint32_t i = 0; i < n && !err; i++, token += r.pages) {
			uint64_t t0 = probe_clock_begin(tsc);
			err = load(&r, token);
			s[i] = probe_clock_end(tsc) - t0;
		}
		region_close(&r);

		struct lwp4j_record *rec = &out[strategy];
		probe_record_header(rec, LWP4J_REC_CODE_LOAD_PROBE, run, start);
		rec->u.code_load_probe.strategy = (uint16_t)strategy;
		rec->u.code_load_probe.error = (uint16_t)-err;
		rec->u.code_load_probe.pages = (uint16_t)r.pages;
		rec->u.code_load_probe.iterations = (uint16_t)n;
		rec->u.code_load_probe.run = run->seq;
		if (!err)
			probe_summarize(s, n, overhead, tsc, &rec->u.code_load_probe.timing);
	}
}

const struct probe_ops lwp4j_code_load_probe_ops = {
	.thread_name = "lwp4j-code-load",
	.items = LWP4J_CODE_LOAD_STRATEGY_COUNT,
	.min_period_ns = LWP4J_CODE_LOAD_PROBE_MIN_PERIOD_NS,
	.run = code_load_probe_run,
};
