// SPDX-License-Identifier: Apache-2.0
/* lwp4j_call(): the one function Java binds for all of liblwp4j's API (see
 * lwp4j.h, "The Java boundary"). Each case converts the int64 arguments to
 * the called function's parameters and its result to the int64 convention. */
#include <errno.h>
#include <stdint.h>

#include "lwp4j.h"

#define PTR(a) ((void *)(uintptr_t)(a))

/* A creator's result: its address, or -errno where it returned NULL. */
static int64_t made(const void *p)
{
	if (p)
		return (int64_t)(uintptr_t)p;
	return errno > 0 ? -errno : -ENOMEM;
}

/* A lookup's result: its address, 0 for none. */
static int64_t found(const void *p)
{
	return (int64_t)(uintptr_t)p;
}

/* A void function's result: 0. */
#define VOID_RESULT(call) ((call), (int64_t)0)

int64_t lwp4j_call(int32_t op, int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4,
		   int64_t a5, int64_t a6)
{
	switch ((enum lwp4j_op)op) {
	case LWP4J_OP_BUFFER_CREATE_INTO:
		return lwp4j_buffer_create_into((uint32_t)a0, (uint32_t)a1, (int32_t)a2, (uint32_t)a3,
						(uint32_t)a4, PTR(a5));
	case LWP4J_OP_BUFFER_DESTROY:
		return VOID_RESULT(lwp4j_buffer_destroy(PTR(a0)));
	case LWP4J_OP_BUFFER_MAPPING_OF:
		return (int64_t)lwp4j_buffer_mapping_of(PTR(a0));
	case LWP4J_OP_BUFFER_RECYCLE:
		return lwp4j_buffer_recycle(PTR(a0), (uint32_t)a1, (int32_t)a2, (uint32_t)a3);
	case LWP4J_OP_BUFFER_MAPPING_SIZE:
		return (int64_t)lwp4j_buffer_mapping_size((uint32_t)a0);
	case LWP4J_OP_CONSUMER_ATTACH:
		return lwp4j_consumer_attach(PTR(a0));
	case LWP4J_OP_CONSUMER_DETACH:
		return VOID_RESULT(lwp4j_consumer_detach(PTR(a0), (int)a1));
	case LWP4J_OP_DOORBELL_NOTIFY:
		return VOID_RESULT(lwp4j_doorbell_notify((int)a0));
	case LWP4J_OP_DOORBELL_FD:
		return lwp4j_doorbell_fd();
	case LWP4J_OP_DOORBELL_WAIT:
		return lwp4j_doorbell_wait((int)a0);
	case LWP4J_OP_SET_LOCK_BUDGET:
		return VOID_RESULT(lwp4j_set_lock_budget((uint64_t)a0));
	case LWP4J_OP_SET_MEMORY_BUDGET:
		return VOID_RESULT(lwp4j_set_memory_budget((uint64_t)a0));
	case LWP4J_OP_BUFFER_FITS:
		return lwp4j_buffer_fits((uint32_t)a0);
	case LWP4J_OP_SET_NATIVE_BUFFER_DEFAULTS:
		return VOID_RESULT(lwp4j_set_native_buffer_defaults((uint32_t)a0, (uint32_t)a1,
								     (uint32_t)a2));
	case LWP4J_OP_STATS_READ:
		return VOID_RESULT(lwp4j_stats_read(PTR(a0)));
	case LWP4J_OP_ORPHAN_BUFFER:
		return found(lwp4j_orphan_buffer());
	case LWP4J_OP_APPEND_RECORD:
		return lwp4j_append_record(PTR(a0), PTR(a1));
	case LWP4J_OP_REGISTRY_PUT:
		return lwp4j_registry_put((int32_t)a0, PTR(a1));
	case LWP4J_OP_REGISTRY_REMOVE:
		return VOID_RESULT(lwp4j_registry_remove((int32_t)a0, PTR(a1)));
	case LWP4J_OP_REGISTRY_GET:
		return found(lwp4j_registry_get((int32_t)a0));
	case LWP4J_OP_REGISTRY_SIZE:
		return lwp4j_registry_size();
	case LWP4J_OP_TSC_HZ:
		return (int64_t)lwp4j_tsc_hz();
	case LWP4J_OP_TSC_USABLE:
		return lwp4j_tsc_usable();
	case LWP4J_OP_NOW:
		return (int64_t)lwp4j_now();
	case LWP4J_OP_TSC_READ:
		return (int64_t)lwp4j_tsc_read();
	case LWP4J_OP_TSC_READ_PREFETCHW:
		return (int64_t)lwp4j_tsc_read_prefetchw((uint64_t)a0, (uint64_t)a1);
	case LWP4J_OP_GETTID:
		return lwp4j_gettid();
	case LWP4J_OP_SEQ_PRODUCER_START:
		return made(lwp4j_seq_producer_start((uint64_t)a0, (uint32_t)a1, (uint32_t)a2));
	case LWP4J_OP_SEQ_PRODUCER_JOIN:
		return lwp4j_seq_producer_join(PTR(a0));
	case LWP4J_OP_ABI_ENTRIES:
		return found(lwp4j_abi_entries(PTR(a0)));
	case LWP4J_OP_WT_OPEN:
		return made(lwp4j_wt_open((uint32_t)a0, (uint32_t)a1, (uint64_t)a2, (uint64_t)a3,
					  (int32_t)a4, (uint64_t)a5, PTR(a6)));
	case LWP4J_OP_WT_TRACK:
		return lwp4j_wt_track(PTR(a0), (uint64_t)a1, (uint64_t)a2, PTR(a3));
	case LWP4J_OP_WT_UNTRACK:
		return lwp4j_wt_untrack(PTR(a0), a1);
	case LWP4J_OP_WT_REARM:
		return lwp4j_wt_rearm(PTR(a0), a1, PTR(a2), (uint64_t)a3);
	case LWP4J_OP_WT_DIRTY:
		return lwp4j_wt_dirty(PTR(a0), a1, PTR(a2), (uint64_t)a3);
	case LWP4J_OP_WT_EPOCH:
		return (int64_t)lwp4j_wt_epoch(PTR(a0), a1);
	case LWP4J_OP_WT_HOLD:
		return lwp4j_wt_hold(PTR(a0), (int)a1);
	case LWP4J_OP_WT_INFO:
		return VOID_RESULT(lwp4j_wt_info(PTR(a0), PTR(a1)));
	case LWP4J_OP_WT_CLOSE:
		return VOID_RESULT(lwp4j_wt_close(PTR(a0)));
	case LWP4J_OP_WT_SCAN_BUFFER:
		return found(lwp4j_wt_scan_buffer());
	case LWP4J_OP_WT_CANARY_START:
		return lwp4j_wt_canary_start((uint64_t)a0, (uint32_t)a1, (uint64_t)a2, (int32_t)a3,
					     (int32_t)a4, PTR(a5));
	case LWP4J_OP_WT_CANARY_SET_PERIOD:
		return lwp4j_wt_canary_set_period((uint64_t)a0);
	case LWP4J_OP_WT_CANARY_STOP:
		return VOID_RESULT(lwp4j_wt_canary_stop());
	case LWP4J_OP_WT_CANARY_FLAVOUR:
		return lwp4j_wt_canary_flavour();
	case LWP4J_OP_WT_CANARY_BUFFER:
		return found(lwp4j_wt_canary_buffer());
	case LWP4J_OP_PROBE_START:
		return lwp4j_probe_start((int)a0, (uint64_t)a1);
	case LWP4J_OP_PROBE_STOP:
		return lwp4j_probe_stop((int)a0);
	case LWP4J_OP_PROBE_SET_PERIOD:
		return lwp4j_probe_set_period((int)a0, (uint64_t)a1);
	case LWP4J_OP_PROBE_SET_BURST:
		return lwp4j_probe_set_burst((uint32_t)a0);
	case LWP4J_OP_PROBE_SET_CODE_REGION:
		return lwp4j_probe_set_code_region((uint32_t)a0, (uint32_t)a1);
	case LWP4J_OP_PROBE_SET_CLOCK:
		return lwp4j_probe_set_clock((int)a0, (int)a1);
	case LWP4J_OP_PROBE_RUN_ONCE:
		return lwp4j_probe_run_once((int)a0, (int)a1);
	case LWP4J_OP_PROBE_LATEST:
		return lwp4j_probe_latest((int)a0, PTR(a1), (uint32_t)a2);
	case LWP4J_OP_PROBE_STATS_READ:
		return lwp4j_probe_stats_read((int)a0, PTR(a1));
	case LWP4J_OP_PROBE_BUFFER:
		return found(lwp4j_probe_buffer((int)a0));
	case LWP4J_OP_SYSCALL_ENV_READ:
		return lwp4j_syscall_env_read((int32_t)a0, PTR(a1));
	}
	return -ENOSYS;
}
