// SPDX-License-Identifier: Apache-2.0
/* Every layout constant and offset of lwp4j.h, so the Java mirror can be
 * checked against what the C compiler actually laid out. */
#include <stddef.h>

#include "lwp4j.h"

#define CONST(name) {#name, (int64_t)(name)}
#define HDR(field) {"header." #field, (int64_t)offsetof(struct lwp4j_buffer_header, field)}
#define REC(field) {"record." #field, (int64_t)offsetof(struct lwp4j_record, field)}
#define TIMING(field) {"probe_timing." #field, (int64_t)offsetof(struct lwp4j_probe_timing, field)}
#define SYSCALL_PROBE(field) \
	{"syscall_probe." #field, (int64_t)offsetof(struct lwp4j_syscall_probe_payload, field)}
#define CODE_LOAD_PROBE(field) \
	{"code_load_probe." #field, (int64_t)offsetof(struct lwp4j_code_load_probe_payload, field)}
#define PROBE_STATS(field) \
	{"probe_stats." #field, (int64_t)offsetof(struct lwp4j_probe_stats, field)}

static const struct lwp4j_abi_entry entries[] = {
	CONST(LWP4J_MAGIC),
	CONST(LWP4J_ABI_VERSION),
	CONST(LWP4J_CACHE_LINE),
	CONST(LWP4J_HEADER_SIZE),
	CONST(LWP4J_RECORD_SIZE),
	CONST(LWP4J_MAX_CONSUMERS),
	CONST(LWP4J_MIN_CAPACITY),
	CONST(LWP4J_MAX_CAPACITY),
	CONST(LWP4J_BUF_LOCKED),
	CONST(LWP4J_BUF_UNLOCKED_RLIMIT),
	CONST(LWP4J_BUF_UNLOCKED_BUDGET),
	CONST(LWP4J_BUF_NATIVE_OWNER),
	CONST(LWP4J_BUF_ORPHAN),
	CONST(LWP4J_BUF_CLOSED),
	CONST(LWP4J_CONSUMER_FREE),
	CONST(LWP4J_CONSUMER_ACTIVE),
	CONST(LWP4J_CONSUMER_CLAIMING),
	CONST(LWP4J_CONSUMER_DRAIN),
	CONST(LWP4J_CONSUMER_RAW),
	CONST(LWP4J_REC_TIME_NS),
	CONST(LWP4J_REC_TSC_UNSTABLE),
	CONST(LWP4J_REC_USER),
	CONST(LWP4J_REC_WRITE_FAULT),
	CONST(LWP4J_REC_DIRTY_PAGES),
	CONST(LWP4J_REC_WRITE_FAULT_PROBE),
	CONST(LWP4J_REC_SYSCALL_PROBE),
	CONST(LWP4J_REC_CODE_LOAD_PROBE),
	CONST(LWP4J_REC_SYSCALL),
	CONST(LWP4J_REC_TYPE_MAX),
	HDR(magic),
	HDR(abi_version),
	HDR(header_size),
	HDR(record_size),
	HDR(capacity),
	HDR(owner_tid),
	HDR(flags),
	HDR(doorbell_fd),
	HDR(watermark),
	HDR(buffer_id),
	HDR(tsc_hz),
	HDR(head),
	HDR(lost),
	HDR(tail_cache),
	HDR(rung_tail),
	HDR(consumers),
	{"consumer_slot.size", (int64_t)sizeof(struct lwp4j_consumer_slot)},
	{"consumer_slot.position", (int64_t)offsetof(struct lwp4j_consumer_slot, position)},
	{"consumer_slot.state", (int64_t)offsetof(struct lwp4j_consumer_slot, state)},
	REC(type),
	REC(flags),
	REC(tid),
	REC(time),
	REC(u),
	{"stats.size", (int64_t)sizeof(struct lwp4j_stats)},
	{"stats.last_mlock_errno", (int64_t)offsetof(struct lwp4j_stats, last_mlock_errno)},
	/* syscall-path probes */
	CONST(LWP4J_SYSCALL_GETPID),
	CONST(LWP4J_SYSCALL_CLOCK_VDSO),
	CONST(LWP4J_SYSCALL_CLOCK_RAW),
	CONST(LWP4J_SYSCALL_CALL_COUNT),
	CONST(LWP4J_CODE_LOAD_NAIVE),
	CONST(LWP4J_CODE_LOAD_REUSE),
	CONST(LWP4J_CODE_LOAD_REUSE_LOCKED),
	CONST(LWP4J_CODE_LOAD_SHARED),
	CONST(LWP4J_CODE_LOAD_MEMFD_DUAL),
	CONST(LWP4J_CODE_LOAD_STRATEGY_COUNT),
	CONST(LWP4J_PROBE_SYSCALL),
	CONST(LWP4J_PROBE_CODE_LOAD),
	CONST(LWP4J_PROBE_COUNT),
	CONST(LWP4J_PROBE_MAX_PERIOD_NS),
	CONST(LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS),
	CONST(LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS),
	CONST(LWP4J_SYSCALL_PROBE_DEFAULT_BURST),
	CONST(LWP4J_SYSCALL_PROBE_MAX_BURST),
	CONST(LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS),
	CONST(LWP4J_CODE_LOAD_PROBE_MIN_PERIOD_NS),
	CONST(LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES),
	CONST(LWP4J_CODE_LOAD_PROBE_MAX_PAGES),
	CONST(LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS),
	CONST(LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS),
	CONST(LWP4J_PROBE_CLOCK_AUTO),
	CONST(LWP4J_PROBE_CLOCK_MONOTONIC),
	{"probe_timing.size", (int64_t)sizeof(struct lwp4j_probe_timing)},
	TIMING(min_cycles),
	TIMING(median_cycles),
	TIMING(max_cycles),
	TIMING(overhead_cycles),
	TIMING(min_ns),
	TIMING(median_ns),
	TIMING(max_ns),
	TIMING(mean_ns),
	SYSCALL_PROBE(call),
	SYSCALL_PROBE(burst),
	SYSCALL_PROBE(run),
	SYSCALL_PROBE(timing),
	CODE_LOAD_PROBE(strategy),
	CODE_LOAD_PROBE(error),
	CODE_LOAD_PROBE(pages),
	CODE_LOAD_PROBE(iterations),
	CODE_LOAD_PROBE(run),
	CODE_LOAD_PROBE(timing),
	{"probe_stats.size", (int64_t)sizeof(struct lwp4j_probe_stats)},
	PROBE_STATS(runs),
	PROBE_STATS(cpu_ns),
	PROBE_STATS(wall_ns),
	PROBE_STATS(period_ns),
	PROBE_STATS(tid),
	PROBE_STATS(running),
};

const struct lwp4j_abi_entry *lwp4j_abi_entries(uint32_t *count)
{
	*count = sizeof(entries) / sizeof(entries[0]);
	return entries;
}
