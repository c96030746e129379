// SPDX-License-Identifier: Apache-2.0
/* Every layout constant and offset of lwp4j.h, so the Java mirror can be
 * checked against what the C compiler actually laid out. */
#include <stddef.h>

#include "lwp4j.h"

#define CONST(name) {#name, (int64_t)(name)}
#define HDR(field) {"header." #field, (int64_t)offsetof(struct lwp4j_buffer_header, field)}
#define REC(field) {"record." #field, (int64_t)offsetof(struct lwp4j_record, field)}

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
};

const struct lwp4j_abi_entry *lwp4j_abi_entries(uint32_t *count)
{
	*count = sizeof(entries) / sizeof(entries[0]);
	return entries;
}
