/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lwp4j.h - the lwp4j ABI: per-thread ring buffer layout, record format,
 * record types and the C API of liblwp4j.
 *
 * This header is the single source of the binary layout. The Java constants
 * (io.lwp4j.sampler.layout.*, and io.lwp4j.sampler.internal.NativeOp for the
 * ops of lwp4j_call(), Java's one entry point) are printed from it at build
 * time (src/abi.c's table, tools/java_layout.c), and a test checks them
 * against the lwp4j_abi_entries() of the library Java loaded.
 *
 * A buffer is one mapping: a LWP4J_HEADER_SIZE header page followed by
 * `capacity` records of LWP4J_RECORD_SIZE bytes (capacity a power of two).
 * Positions (head, consumer positions) are free-running u64 record counters,
 * as in struct perf_event_mmap_page; a position maps to the record at
 * header_size + (position & (capacity - 1)) * record_size.
 *
 * Ordering protocol (C11 atomics here, VarHandle acquire/release in Java):
 *
 *   producer                               consumer slot i
 *   --------                               ---------------
 *   h = head (plain: only the producer     t = consumers[i].position (plain:
 *       writes it)                                only consumer i writes it)
 *   if h - tail_cache >= capacity:         h = load_acquire(head)
 *       tail_cache = min over ACTIVE slots  read records t .. h-1
 *         of load_acquire(position)        store_release(consumers[i].position, h)
 *       if still full: lost++ (release),
 *         drop the record
 *   write record at h
 *   store_release(head, h + 1)
 *
 * The producer never overwrites a record that an ACTIVE consumer has not
 * read, and never waits: a full buffer drops the record and counts it in
 * `lost` (the PERF_RECORD_LOST model). With no ACTIVE consumer every record
 * is counted lost: nothing is ever dropped uncounted.
 *
 * Consumer slots: a slot given in the creator's consumer mask starts ACTIVE
 * at position 0 and so sees every record; a slot claimed later with
 * lwp4j_consumer_attach() sees every record published after it attached.
 *
 * Single-writer rule: at any instant a buffer has one producer.
 *   - a thread's buffer is written by that thread (records about itself), or
 *   - by the native fault handler while that thread is stopped in a
 *     userfaultfd write fault that the handler has not yet resolved; the
 *     kernel's wake-up (UFFDIO_WRITEPROTECT) orders the handler's writes
 *     before the thread's next append;
 *   - native sampler threads (canary, probes) own their buffers alone;
 *   - the orphan buffer is written only by fault handler threads, one at
 *     a time (wt_sync.c's orphan lock); the dirty-page buffer by
 *     scanning threads, one at a time (its scan lock); the canary buffer by
 *     the canary writer thread.
 * The producer-side fields (head, lost, tail_cache, rung_head) therefore live
 * in the shared header, not in either language's private state.
 */
#ifndef LWP4J_H
#define LWP4J_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LWP4J_MAGIC            0x4a50574cU	/* "LWPJ" as little-endian bytes */
#define LWP4J_ABI_VERSION      1U
#define LWP4J_CACHE_LINE       64
#define LWP4J_HEADER_SIZE      4096
#define LWP4J_RECORD_SIZE      64
#define LWP4J_MAX_CONSUMERS    4
#define LWP4J_MIN_CAPACITY     16U		/* records */
#define LWP4J_MAX_CAPACITY     (1U << 24)	/* records: 1 GiB of data */

/* lwp4j_buffer_header.flags: set by the creator, CLOSED set once on destroy. */
#define LWP4J_BUF_LOCKED          (1U << 0)	/* mapping is mlocked */
#define LWP4J_BUF_UNLOCKED_RLIMIT (1U << 1)	/* mlock refused: RLIMIT_MEMLOCK */
#define LWP4J_BUF_UNLOCKED_BUDGET (1U << 2)	/* lwp4j's lock budget is spent */
#define LWP4J_BUF_NATIVE_OWNER    (1U << 3)	/* owned by a native sampler thread */
#define LWP4J_BUF_ORPHAN          (1U << 4)	/* records whose thread has no buffer */
#define LWP4J_BUF_CLOSED          (1U << 5)	/* destroyed: consumers must stop */

/* lwp4j_consumer_slot.state */
#define LWP4J_CONSUMER_FREE    0U
#define LWP4J_CONSUMER_ACTIVE  1U

#define LWP4J_CONSUMER_CLAIMING 2U	/* being attached: not yet gating */

/* Well-known consumer slots; slots 2.. are claimed by lwp4j_consumer_attach(). */
#define LWP4J_CONSUMER_DRAIN   0	/* the drain pipeline */
#define LWP4J_CONSUMER_RAW     1	/* the application's own raw poller */

struct lwp4j_consumer_slot {
	uint64_t position;	/* next record to read; store-release by its consumer */
	uint32_t state;		/* LWP4J_CONSUMER_*; CAS by whoever claims the slot */
	uint32_t reserved;
} __attribute__((aligned(LWP4J_CACHE_LINE)));

struct lwp4j_buffer_header {
	/* Line 0: descriptor. Written by the creator before the buffer is
	 * published (registry insert release-orders it); read-only after,
	 * except flags (atomic or). */
	uint32_t magic;
	uint32_t abi_version;
	uint32_t header_size;
	uint32_t record_size;
	uint64_t capacity;	/* records, power of two */
	int32_t owner_tid;	/* gettid() of the owner thread, 0 for orphan */
	uint32_t flags;		/* LWP4J_BUF_* */
	int32_t doorbell_fd;	/* eventfd signalled at the watermark, -1: none */
	uint32_t watermark;	/* fill (records) that rings the doorbell */
	uint64_t buffer_id;	/* unique per process, never reused */
	uint64_t tsc_hz;	/* calibrated TSC frequency; 0: times are ns */

	/* Line 1: the producer position. */
	uint64_t head __attribute__((aligned(LWP4J_CACHE_LINE)));

	/* Line 2: producer bookkeeping. Written only by the producer. */
	uint64_t lost __attribute__((aligned(LWP4J_CACHE_LINE)));
	uint64_t tail_cache;	/* producer's last view of the slowest consumer */
	uint64_t rung_head;	/* head when the doorbell last rang */

	/* Lines 3..6: consumer positions, one line each. */
	struct lwp4j_consumer_slot consumers[LWP4J_MAX_CONSUMERS];
};

/* Record flags (lwp4j_record.flags) */
#define LWP4J_REC_TIME_NS      (1U << 0)	/* time is CLOCK_MONOTONIC ns, not TSC */
#define LWP4J_REC_TSC_UNSTABLE (1U << 1)	/* TSC unusable: cycles fields are ns */

/* Record types (lwp4j_record.type). Payloads are below. */
#define LWP4J_REC_USER              1	/* written by the thread about itself */
#define LWP4J_REC_WRITE_FAULT       2	/* uffd-wp sync fault of an app thread */
#define LWP4J_REC_DIRTY_PAGES       3	/* async (WP_ASYNC) scan of one range */
#define LWP4J_REC_WRITE_FAULT_PROBE 4	/* canary: full fault breakdown */
#define LWP4J_REC_SYSCALL_PROBE     5	/* entry/exit canary burst */
#define LWP4J_REC_CODE_LOAD_PROBE   6	/* JIT code-loading strategy timing */
#define LWP4J_REC_SYSCALL           7	/* one application I/O call */
#define LWP4J_REC_TYPE_MAX          7

/* LWP4J_REC_USER: free-form, a[0] conventionally a sequence number. */
struct lwp4j_user_payload {
	uint64_t a[6];
};

/* ------------------------------------------------------------------------
 * LWP4J_REC_SYSCALL: one I/O call the application made through the JDK
 * (java.io streams, NIO channels, sockets, selectors), written by the calling
 * thread itself from the agent's advice when the call returns. Every call is
 * counted in the calling thread (Java, io.lwp4j.sampler.iocount); a record is
 * written only for a call that was slow, threw, or fell on the 1-in-N sample
 * (agent option sample=N; syscalls=records: every call), and flags say which.
 * A virtual
 * thread's record goes into the buffer of the carrier it returned on: the
 * record's tid is the carrier's, java_thread_id and LWP4J_SYSCALL_VIRTUAL
 * name the virtual thread. Record time = when the call started.
 * ------------------------------------------------------------------------ */

/* lwp4j_syscall_payload.operation */
#define LWP4J_SYSCALL_READ     1	/* read(2)/readv(2)/recv: bytes in */
#define LWP4J_SYSCALL_WRITE    2	/* write(2)/writev(2)/send: bytes out */
#define LWP4J_SYSCALL_PREAD    3	/* positional read (pread(2)) */
#define LWP4J_SYSCALL_PWRITE   4	/* positional write (pwrite(2)) */
#define LWP4J_SYSCALL_FORCE    5	/* fsync(2)/fdatasync(2) */
#define LWP4J_SYSCALL_OPEN     6	/* open(2)/openat(2) of a file */
#define LWP4J_SYSCALL_CONNECT  7	/* connect(2), including the wait for it */
#define LWP4J_SYSCALL_ACCEPT   8	/* accept(2), including the wait for a peer */
#define LWP4J_SYSCALL_POLL     9	/* poll(2) on one fd (blocking socket wait) */
#define LWP4J_SYSCALL_SELECT   10	/* selector wait (epoll_wait(2)/poll(2)) */
#define LWP4J_SYSCALL_OP_MAX   10

/* lwp4j_syscall_payload.kind: what the fd is */
#define LWP4J_SYSCALL_FILE          1	/* regular file (streams, FileChannel) */
#define LWP4J_SYSCALL_SOCKET        2	/* connected stream socket */
#define LWP4J_SYSCALL_SERVER_SOCKET 3	/* listening socket */
#define LWP4J_SYSCALL_SELECTOR      4	/* epoll/poll selector */
#define LWP4J_SYSCALL_KIND_MAX      4

/* lwp4j_syscall_payload.flags */
#define LWP4J_SYSCALL_THREW    (1U << 0)	/* the call threw: see error */
#define LWP4J_SYSCALL_VIRTUAL  (1U << 1)	/* made by a virtual thread */
#define LWP4J_SYSCALL_SLOW     (1U << 2)	/* took at least the slow-call threshold */
#define LWP4J_SYSCALL_SAMPLED  (1U << 3)	/* neither slow nor threw: the sample's call */

/* lwp4j_syscall_payload.error: class of what the call threw */
#define LWP4J_SYSCALL_ERR_NONE     0
#define LWP4J_SYSCALL_ERR_IO       1	/* IOException (EIO, EPIPE, ECONNRESET, ...) */
#define LWP4J_SYSCALL_ERR_TIMEOUT  2	/* SocketTimeoutException, InterruptedIOException */
#define LWP4J_SYSCALL_ERR_CLOSED   3	/* ClosedChannelException & co.: closed under it */
#define LWP4J_SYSCALL_ERR_OTHER    4	/* anything else (RuntimeException, Error) */

struct lwp4j_syscall_payload {
	uint64_t duration_ns;	/* how long the call took, CLOCK_MONOTONIC ns */
	int64_t result;		/* bytes moved (READ/WRITE/P*), -1 at end of stream; keys
				 * ready (SELECT); 1/0 connected/accepted or not (CONNECT,
				 * ACCEPT); 0 otherwise and when the call threw */
	int64_t requested;	/* bytes asked for (READ/WRITE/P*), timeout in ms for
				 * POLL/SELECT (-1: none, 0: now), -1 when not known */
	int64_t position;	/* file offset of PREAD/PWRITE, else -1 */
	int32_t fd;		/* file descriptor (OPEN: the one opened), -1 unknown */
	uint8_t operation;	/* LWP4J_SYSCALL_READ .. */
	uint8_t kind;		/* LWP4J_SYSCALL_FILE .. */
	uint8_t flags;		/* LWP4J_SYSCALL_THREW | _VIRTUAL | _SLOW | _SAMPLED */
	uint8_t error;		/* LWP4J_SYSCALL_ERR_* */
	uint64_t java_thread_id;	/* Thread.threadId() of the caller */
};
_Static_assert(sizeof(struct lwp4j_syscall_payload) == 48, "syscall payload is 48 bytes");

/* ---- Write tracking payloads (userfaultfd write-protect) ----------------
 * Durations are TSC cycles, or ns when the record has LWP4J_REC_TSC_UNSTABLE.
 */

/* LWP4J_REC_WRITE_FAULT: the first write of an epoch to a tracked page, as
 * seen by the sync fault handler. record.tid is the faulting thread
 * (UFFD_FEATURE_THREAD_ID), record.time when the handler received the
 * message. Written into the faulting thread's buffer while that thread
 * cannot get past its write (or into the orphan buffer, LWP4J_WF_ORPHAN).
 * The record must be out before the page becomes writable, so it cannot
 * hold the un-protect itself: its cost is lwp4j_wt_info.resolve_cycles
 * (sum) and the canary's resolve step. */
struct lwp4j_write_fault_payload {
	uint64_t address;	/* page address */
	uint64_t range_id;	/* tracked range holding the page */
	uint64_t epoch;		/* that range's epoch at the fault */
	uint64_t handle_cycles;	/* received -> resolve issued (lookup, bitmap, record) */
	uint64_t idle_cycles;	/* handler asleep in poll(2) before this message;
				 * 0: found while spinning or in a batch */
	int32_t handler_tid;
	uint32_t flags;		/* LWP4J_WF_* */
};

#define LWP4J_WF_ORPHAN  (1U << 0)	/* the thread had no buffer: orphan buffer */
#define LWP4J_WF_REPEAT  (1U << 1)	/* page already written this epoch: not a
					 * first write; its thread may be running,
					 * so the record is an orphan */
#define LWP4J_WF_WOKEN   (1U << 2)	/* the handler was asleep and had to be woken */

/* LWP4J_REC_DIRTY_PAGES: one async (WP_ASYNC + PAGEMAP_SCAN) scan of one
 * range, ending its epoch and write-protecting the written pages again.
 * record.tid is the thread that scanned, record.time when the scan began. */
struct lwp4j_dirty_pages_payload {
	uint64_t range_id;
	uint64_t epoch;		/* the epoch the scan ended */
	uint64_t start;		/* range address */
	uint64_t pages;		/* range length in pages */
	uint64_t written;	/* pages written during the epoch */
	uint64_t scan_cycles;	/* PAGEMAP_SCAN ioctl(s) for the range */
};

/* LWP4J_REC_WRITE_FAULT_PROBE: one canary fault on the canary's private
 * page, timed on both sides as in the seed: write -> message received ->
 * page resolved (UFFDIO_WRITEPROTECT, wakes the writer) -> write completed.
 * record.tid is the canary writer, record.time when its write began. */
struct lwp4j_write_fault_probe_payload {
	uint64_t receive_cycles;	/* write -> handler read the message */
	uint64_t resolve_cycles;	/* message -> UFFDIO_WRITEPROTECT returned */
	uint64_t complete_cycles;	/* ioctl returned -> write completed */
	uint64_t total_cycles;		/* write began -> write completed */
	int32_t writer_cpu;		/* CPUs at the fault (sched_getcpu) */
	int32_t handler_cpu;
	uint32_t sequence;		/* probe number since the canary started */
	uint32_t flags;			/* LWP4J_WF_WOKEN */
};

/* ------------------------------------------------------------------------
 * Syscall-path probe payloads (LWP4J_REC_SYSCALL_PROBE, LWP4J_REC_CODE_LOAD_PROBE)
 * ------------------------------------------------------------------------ */

/*
 * Summary of the timed samples of one probe measurement. Every sample had
 * overhead_cycles (the median cost of timing an empty call the same way)
 * subtracted, saturating at 0. The median is the mean of the samples within
 * half the middle sample of it: finer than the clock's step (the TSC of AMD
 * Zen guests advances ~22.5 cycles at a time: src/probe.c), not swayed by the
 * tails, not necessarily one of the samples, and min <= median <= max. With
 * LWP4J_REC_TSC_UNSTABLE the *_cycles fields and overhead_cycles hold ns.
 * All fields saturate at UINT32_MAX (1.6 s of cycles at 2.6 GHz, 4.3 s of ns).
 */
struct lwp4j_probe_timing {
	uint32_t min_cycles;
	uint32_t median_cycles;
	uint32_t max_cycles;
	uint32_t overhead_cycles;
	uint32_t min_ns;
	uint32_t median_ns;
	uint32_t max_ns;
	uint32_t mean_ns;
};

/* lwp4j_syscall_probe_payload.call: what one burst timed. */
#define LWP4J_SYSCALL_GETPID      0	/* syscall(SYS_getpid): the minimal entry/exit */
#define LWP4J_SYSCALL_CLOCK_VDSO  1	/* clock_gettime(CLOCK_MONOTONIC): no entry */
#define LWP4J_SYSCALL_CLOCK_RAW   2	/* syscall(SYS_clock_gettime, CLOCK_MONOTONIC) */
#define LWP4J_SYSCALL_CALL_COUNT  3

/* LWP4J_REC_SYSCALL_PROBE: one burst of `burst` calls; record time = burst start. */
struct lwp4j_syscall_probe_payload {
	uint16_t call;		/* LWP4J_SYSCALL_* */
	uint16_t reserved;
	uint32_t burst;		/* calls timed */
	uint64_t run;		/* probe run it belongs to, from 1 */
	struct lwp4j_probe_timing timing;	/* per call */
};

/* lwp4j_code_load_probe_payload.strategy: seed 001's ways of loading JIT code. */
#define LWP4J_CODE_LOAD_NAIVE          0	/* mmap RW, write, mprotect RX, call, munmap */
#define LWP4J_CODE_LOAD_REUSE          1	/* one private mapping, mprotect RW/RX flips */
#define LWP4J_CODE_LOAD_REUSE_LOCKED   2	/* the same with MAP_LOCKED */
#define LWP4J_CODE_LOAD_SHARED         3	/* the same with MAP_SHARED: no CoW */
#define LWP4J_CODE_LOAD_MEMFD_DUAL     4	/* memfd mapped twice: RX view, W view */
#define LWP4J_CODE_LOAD_STRATEGY_COUNT 5

/* LWP4J_REC_CODE_LOAD_PROBE: `iterations` loads of a `pages` code region with
 * one strategy; record time = first iteration start. error is the errno of
 * the refused step (mmap, mprotect, memfd_create ...; EFAULT when the called
 * code did not return what was written), 0 on success; on error the timing
 * is zero. */
struct lwp4j_code_load_probe_payload {
	uint16_t strategy;	/* LWP4J_CODE_LOAD_* */
	uint16_t error;
	uint16_t pages;
	uint16_t iterations;
	uint64_t run;		/* probe run it belongs to, from 1 */
	struct lwp4j_probe_timing timing;	/* per iteration */
};

/*
 * One 64-byte record: a 16-byte header and a 48-byte type-specific payload.
 * Each record type defines its payload struct of exactly 48 bytes.
 */
struct lwp4j_record {
	uint16_t type;		/* LWP4J_REC_* */
	uint16_t flags;		/* LWP4J_REC_TIME_NS, ... */
	int32_t tid;		/* thread the record is about */
	uint64_t time;		/* TSC (or ns, see flags) when the event started */
	union {
		uint64_t raw[6];
		struct lwp4j_user_payload user;
		struct lwp4j_syscall_payload syscall;
		struct lwp4j_write_fault_payload write_fault;
		struct lwp4j_dirty_pages_payload dirty_pages;
		struct lwp4j_write_fault_probe_payload write_fault_probe;
		struct lwp4j_syscall_probe_payload syscall_probe;
		struct lwp4j_code_load_probe_payload code_load_probe;
	} u;
};

_Static_assert(sizeof(struct lwp4j_syscall_probe_payload) == 48, "payload is 48 bytes");
_Static_assert(sizeof(struct lwp4j_code_load_probe_payload) == 48, "payload is 48 bytes");
_Static_assert(sizeof(struct lwp4j_consumer_slot) == LWP4J_CACHE_LINE, "slot is one line");
_Static_assert(sizeof(struct lwp4j_record) == LWP4J_RECORD_SIZE, "record is 64 bytes");
_Static_assert(sizeof(struct lwp4j_write_fault_payload) == 48, "payload is 48 bytes");
_Static_assert(sizeof(struct lwp4j_dirty_pages_payload) == 48, "payload is 48 bytes");
_Static_assert(sizeof(struct lwp4j_write_fault_probe_payload) == 48, "payload is 48 bytes");
_Static_assert(sizeof(struct lwp4j_buffer_header) <= LWP4J_HEADER_SIZE, "header fits its page");
_Static_assert(offsetof(struct lwp4j_buffer_header, head) == 64, "head on line 1");
_Static_assert(offsetof(struct lwp4j_buffer_header, lost) == 128, "lost on line 2");
_Static_assert(offsetof(struct lwp4j_buffer_header, consumers) == 192, "consumers from line 3");

/* ------------------------------------------------------------------------
 * Inline producer and consumer: all a C program needs to use a buffer.
 * ------------------------------------------------------------------------ */

static inline struct lwp4j_record *
lwp4j_record_at(struct lwp4j_buffer_header *b, uint64_t position)
{
	return (struct lwp4j_record *)((char *)b + b->header_size +
				       (position & (b->capacity - 1)) * LWP4J_RECORD_SIZE);
}

/* Slowest ACTIVE consumer position, or `head` when none is active. */
static inline uint64_t
lwp4j_min_consumer_position(struct lwp4j_buffer_header *b, uint64_t head)
{
	uint64_t min = head;
	int any = 0;
	for (int i = 0; i < LWP4J_MAX_CONSUMERS; i++) {
		if (__atomic_load_n(&b->consumers[i].state, __ATOMIC_ACQUIRE) != LWP4J_CONSUMER_ACTIVE)
			continue;
		uint64_t p = __atomic_load_n(&b->consumers[i].position, __ATOMIC_ACQUIRE);
		if (!any || p < min)
			min = p;
		any = 1;
	}
	/* No consumer: nobody would ever read a record, so every record is
	 * counted lost (the buffer looks full: head - min == capacity). */
	return any ? min : head - b->capacity;
}

void lwp4j_doorbell_ring(struct lwp4j_buffer_header *b, uint64_t head);

/*
 * Past the watermark a producer looks at the consumers again (a cache line
 * that a consumer on another CPU keeps writing) only at the crossing and then
 * every eighth of the watermark, rounded down to a power of two: at fills f
 * with ((f - watermark) & mask) == 0. A consumer that caught up is woken at
 * most that many records late (and by its own timeout anyway). The Java
 * producer (RingProducer) applies the same rule; a test drives both through
 * one script and compares the headers.
 */
static inline uint64_t
lwp4j_doorbell_check_mask(uint32_t watermark)
{
	uint32_t eighth = watermark >> 3;
	if (eighth == 0)
		eighth = 1;
	return (1ULL << (31 - __builtin_clz(eighth))) - 1;
}

/* After publishing head: the doorbell rule above (no doorbell: fd < 0). */
static inline void
lwp4j_doorbell_check(struct lwp4j_buffer_header *b, uint64_t head)
{
	uint64_t fill = head - b->tail_cache;
	if (fill >= b->watermark && b->doorbell_fd >= 0 &&
	    ((fill - b->watermark) & lwp4j_doorbell_check_mask(b->watermark)) == 0)
		lwp4j_doorbell_ring(b, head);
}

/*
 * Claim the next record slot. Returns NULL (and counts one lost record) when
 * the buffer is full. The caller fills the record and calls lwp4j_publish().
 * Only the buffer's current single writer may call this.
 */
static inline struct lwp4j_record *
lwp4j_claim(struct lwp4j_buffer_header *b)
{
	uint64_t head = b->head;
	if (head - b->tail_cache >= b->capacity) {
		b->tail_cache = lwp4j_min_consumer_position(b, head);
		if (head - b->tail_cache >= b->capacity) {
			__atomic_store_n(&b->lost, b->lost + 1, __ATOMIC_RELEASE);
			return NULL;
		}
	}
	return lwp4j_record_at(b, head);
}

/* Publish the record claimed by lwp4j_claim(). */
static inline void
lwp4j_publish(struct lwp4j_buffer_header *b)
{
	uint64_t head = b->head + 1;
	__atomic_store_n(&b->head, head, __ATOMIC_RELEASE);
	lwp4j_doorbell_check(b, head);
}

/* Copy a whole record in. Returns 0, or -1 when it was dropped (counted).
 * lwp4j_append_record() is the same, out of line, for callers that cannot
 * inline C (the Java test that compares both producers). */
static inline int
lwp4j_append(struct lwp4j_buffer_header *b, const struct lwp4j_record *r)
{
	struct lwp4j_record *slot = lwp4j_claim(b);
	if (!slot)
		return -1;
	*slot = *r;
	lwp4j_publish(b);
	return 0;
}

/*
 * Consumer side. A consumer owns one slot (see lwp4j_consumer_attach()).
 * Read records [position, available) then lwp4j_consumer_advance().
 */
static inline uint64_t
lwp4j_consumer_available(struct lwp4j_buffer_header *b, int slot)
{
	return __atomic_load_n(&b->head, __ATOMIC_ACQUIRE) - b->consumers[slot].position;
}

static inline void
lwp4j_consumer_advance(struct lwp4j_buffer_header *b, int slot, uint64_t count)
{
	__atomic_store_n(&b->consumers[slot].position,
			 b->consumers[slot].position + count, __ATOMIC_RELEASE);
}

/* ------------------------------------------------------------------------
 * liblwp4j C API (Java reaches it through lwp4j_call(), at the end)
 *
 * Error convention: a function that can fail returns 0 (or a count, an id,
 * a slot) on success and a negative errno on failure. Creators that return a
 * pointer have an _into variant returning the errno (lwp4j_buffer_create_into)
 * or fill an error struct whose err is the errno (lwp4j_wt_open). Lookups
 * (lwp4j_registry_get, lwp4j_probe_buffer) return NULL for "none".
 * ------------------------------------------------------------------------ */

/* Buffer lifecycle. Capacity in records (power of two within the limits),
 * watermark in records (0: capacity / 2; at most capacity). Consumer slots
 * in consumer_mask start ACTIVE at position 0. lwp4j_buffer_create_into()
 * returns 0 with the buffer in *out, or -EINVAL bad size, -ENOSPC past the
 * memory budget, -ENOMEM mapping failed (*out NULL). Never fails for lack of
 * mlock: the buffer is then unlocked and its flags say why.
 * lwp4j_buffer_create() is the same for C callers: the buffer, or NULL with
 * errno set. */
int lwp4j_buffer_create_into(uint32_t capacity, uint32_t watermark, int32_t owner_tid, uint32_t flags,
			     uint32_t consumer_mask, struct lwp4j_buffer_header **out);
struct lwp4j_buffer_header *lwp4j_buffer_create(uint32_t capacity, uint32_t watermark,
						int32_t owner_tid, uint32_t flags,
						uint32_t consumer_mask);
/* Capacity, watermark and consumer mask used for buffers that liblwp4j
 * creates itself (native sampler threads, the orphan buffer). */
void lwp4j_set_native_buffer_defaults(uint32_t capacity, uint32_t watermark,
				      uint32_t consumer_mask);
void lwp4j_buffer_destroy(struct lwp4j_buffer_header *b);
/* Size in bytes of the live lwp4j buffer mapping that starts at addr, 0 when
 * none does. A consumer handed an address checks the header against this,
 * never against the header itself (lwp4j_buffer_destroy() does the same). */
uint64_t lwp4j_buffer_mapping_of(const void *addr);
/* Hand a retired buffer to a new owner instead of destroying it: the same
 * mapping, still locked or not as before, reset as lwp4j_buffer_create()
 * would make it (new buffer_id, positions and lost at 0, consumer slots from
 * consumer_mask). Saves the mmap/mlock/munmap and, in Java, the freeing of
 * the buffer's view (a shared arena's close: a handshake with every running
 * Java thread). The caller guarantees nobody else uses the buffer. Returns 0,
 * or -EINVAL for a bad argument or a native or closed buffer. */
int lwp4j_buffer_recycle(struct lwp4j_buffer_header *b, uint32_t watermark, int32_t owner_tid,
			 uint32_t consumer_mask);
uint64_t lwp4j_buffer_mapping_size(uint32_t capacity);

int lwp4j_append_record(struct lwp4j_buffer_header *b, const struct lwp4j_record *r);

/* Claim a FREE consumer slot; it reads every record published after the
 * call. Returns the slot index, or -EBUSY when all are taken. A detached slot
 * stops gating at once; the producer's cached view catches up within one
 * lap, so after the last consumer detaches up to one lap is overwritten
 * unread before loss counting resumes. */
int lwp4j_consumer_attach(struct lwp4j_buffer_header *b);
void lwp4j_consumer_detach(struct lwp4j_buffer_header *b, int slot);

/* Process-wide settings and statistics. */
void lwp4j_set_lock_budget(uint64_t bytes);
/* Most bytes of buffer mappings, locked or not, lwp4j keeps in this process;
 * lwp4j_buffer_create fails with ENOSPC past it. */
#define LWP4J_DEFAULT_MEMORY_BUDGET (256ULL << 20)
void lwp4j_set_memory_budget(uint64_t bytes);
/* 1 when a buffer of `capacity` records fits the memory budget now. */
int lwp4j_buffer_fits(uint32_t capacity);
struct lwp4j_stats {
	uint64_t buffers_live;
	uint64_t buffers_created;
	uint64_t locked_bytes;		/* bytes currently mlocked by lwp4j */
	uint64_t lock_budget;
	uint64_t unlocked_rlimit;	/* buffers left unlocked by RLIMIT_MEMLOCK */
	uint64_t unlocked_budget;	/* buffers left unlocked by the budget */
	int32_t last_mlock_errno;
	int32_t doorbell_fd;
	uint64_t buffers_locked;	/* live buffers that are mlocked (the rest of buffers_live are not) */
};
void lwp4j_stats_read(struct lwp4j_stats *out);

/* The process-wide doorbell eventfd (created on first use, EFD_NONBLOCK). */
int lwp4j_doorbell_fd(void);
/* One wake-up written to a doorbell eventfd (a header's doorbell_fd): the
 * write that lwp4j_doorbell_ring() makes once its test has passed. For a
 * producer that keeps the test and rung_head on its side (the Java one: it
 * hands native code no pointer into a mapping Java may unmap meanwhile). */
void lwp4j_doorbell_notify(int fd);
/* Wait up to timeout_ms for the doorbell; returns 1 rung, 0 timeout, -errno. */
int lwp4j_doorbell_wait(int timeout_ms);

/* Registry: thread id -> buffer, readable from any thread without locks. */
int lwp4j_registry_put(int32_t tid, struct lwp4j_buffer_header *b);	/* 0, -EINVAL, -ENOSPC (full) */
void lwp4j_registry_remove(int32_t tid, struct lwp4j_buffer_header *b);
struct lwp4j_buffer_header *lwp4j_registry_get(int32_t tid);
uint32_t lwp4j_registry_size(void);
/* Process-wide buffer for records whose thread has no buffer (created on
 * first use with the drain slot active). */
struct lwp4j_buffer_header *lwp4j_orphan_buffer(void);

/* TSC: calibrated once against CLOCK_MONOTONIC on first use. */
uint64_t lwp4j_tsc_hz(void);		/* 0 when the TSC is unusable */
int lwp4j_tsc_usable(void);		/* constant_tsc && nonstop_tsc && calibrated */
uint64_t lwp4j_now(void);		/* TSC, or CLOCK_MONOTONIC ns when unusable */
uint64_t lwp4j_tsc_read(void);		/* bare rdtsc: only when lwp4j_tsc_usable() */
/* rdtsc after a prefetchw of two addresses: a Java producer timing a call passes
 * its next record slot and its head, so those lines, last read by the consumer's
 * CPU, come back for writing while the call runs instead of stalling the record's
 * stores (a hint: any address is safe). */
uint64_t lwp4j_tsc_read_prefetchw(uint64_t line, uint64_t other_line);
uint64_t lwp4j_cycles_to_ns(uint64_t cycles);
int32_t lwp4j_gettid(void);		/* cached per thread */

/* Self-check / benchmark producer: a native thread with its own buffer
 * (consumer slot 0 active) that appends `count` LWP4J_REC_USER records,
 * record i carrying u.user.a[w] = lwp4j_seq_word(i, w), so a consumer can
 * check order (a[0] == i) and detect a torn record (any other word off).
 * burst 0: free running (a slow consumer loses most records). burst > 0:
 * before each burst of that many records the producer yields until the
 * buffer is at most half full, a test pacing that no real producer does.
 * Returns the buffer, NULL on error; lwp4j_seq_producer_join() waits for the
 * thread, and the caller then destroys the buffer. */
static inline uint64_t lwp4j_seq_word(uint64_t i, int w)
{
	return w == 0 ? i : (i * 0x9e3779b97f4a7c15ULL) ^ (uint64_t)w;
}
struct lwp4j_buffer_header *lwp4j_seq_producer_start(uint64_t count, uint32_t capacity,
						     uint32_t burst);
int lwp4j_seq_producer_join(struct lwp4j_buffer_header *b);

/* ------------------------------------------------------------------------
 * Write tracking: userfaultfd write-protect (src/write_tracker.c and its
 * parts, src/write_tracker.h; src/uffd_canary.c). Records: LWP4J_REC_WRITE_FAULT, _DIRTY_PAGES,
 * _WRITE_FAULT_PROBE (payloads above).
 * ------------------------------------------------------------------------ */

/* Modes */
#define LWP4J_WT_SYNC  1	/* a native handler thread resolves each first write */
#define LWP4J_WT_ASYNC 2	/* the kernel resolves (WP_ASYNC); scans find the pages */

/* lwp4j_wt_open() flags */
#define LWP4J_WT_ALLOW_USER_MODE_ONLY (1U << 0)
	/* sync: where a full userfaultfd is refused, accept a
	 * UFFD_USER_MODE_ONLY one. Risk: a kernel write into tracked memory
	 * (read(2) into it, for one) then fails with EFAULT. */
#define LWP4J_WT_FALLBACK_SYNC (1U << 1)
	/* async: where the kernel lacks WP_ASYNC or PAGEMAP_SCAN, open sync
	 * (lwp4j_wt_info.note says why) instead of failing */

/* How the userfaultfd was obtained (lwp4j_wt_info.flavour, bits) */
#define LWP4J_UFFD_DEVICE         (1U << 0)	/* /dev/userfaultfd, else userfaultfd(2) */
#define LWP4J_UFFD_USER_MODE_ONLY (1U << 1)	/* UFFD_USER_MODE_ONLY */

/* lwp4j_wt_info.state */
#define LWP4J_WT_RUNNING 1
#define LWP4J_WT_FAILED  2	/* handler died: ranges unprotected, tracking off */

/* lwp4j_wt_error.step: what was refused */
#define LWP4J_WT_STEP_OPEN     1	/* obtaining a userfaultfd */
#define LWP4J_WT_STEP_FEATURES 2	/* the kernel lacks a feature */
#define LWP4J_WT_STEP_THREAD   3	/* starting the handler or scanner thread */
#define LWP4J_WT_STEP_ARGUMENT 4	/* bad argument: mode, range alignment, overlap */
#define LWP4J_WT_STEP_REGISTER 5	/* the kernel cannot write-protect the memory */
#define LWP4J_WT_STEP_STATE    6	/* tracker failed or unknown range */

struct lwp4j_wt_error {
	int32_t err;		/* errno */
	int32_t step;		/* LWP4J_WT_STEP_* */
	char cause[256];	/* what was refused, by what */
	char fix[256];		/* what would make it work ("" if nothing) */
};

struct lwp4j_wt_info {
	uint32_t mode;		/* in effect, after any fallback */
	uint32_t flavour;	/* LWP4J_UFFD_* */
	uint64_t features;	/* UFFD_FEATURE_* enabled */
	int32_t state;		/* LWP4J_WT_RUNNING or LWP4J_WT_FAILED */
	int32_t failure_err;	/* errno that failed the handler */
	int32_t thread_tid;	/* handler (sync) or scanner (async), 0: none */
	int32_t uffd;		/* the descriptor, -1 once gone */
	uint64_t faults;	/* sync: fault messages handled */
	uint64_t repeats;	/* of which LWP4J_WF_REPEAT */
	uint64_t sleeps;	/* sync: times the handler slept in poll(2) */
	uint64_t orphans;	/* records written to the orphan buffer */
	uint64_t dropped;	/* records lost to full buffers */
	uint64_t scans;		/* async: range scans */
	uint64_t resolve_cycles;	/* sync: sum of the un-protect + wake ioctls */
	uint64_t thread_cpu_ns;	/* CPU time of the handler or scanner thread */
	uint32_t ranges;
	uint32_t reserved;
	char note[256];		/* fallback or failure reason, "" if none */
};

struct lwp4j_wt;

/*
 * Open a tracker. spin_ns (sync): after each fault the handler keeps
 * polling the userfaultfd this long before it sleeps in poll(2); 0 sleeps
 * at once. scan_interval_ns (async): period of the scanner thread that ends
 * every range's epoch, 0: epochs end only in lwp4j_wt_rearm(). handler_cpu:
 * CPU to pin the handler or scanner to, -1: none. stall_ns (sync): a
 * watchdog thread abandons the tracker when the handler leaves a fault
 * unresolved, or a pending fault unread, this long (checked every
 * stall_ns / 2): every range is released (the kernel wakes every blocked
 * thread), the tracker is FAILED with the reason and one line on stderr says
 * so; 0: no watchdog. Returns NULL with err filled (and errno = err->err)
 * when refused.
 */
#define LWP4J_WT_DEFAULT_STALL_NS 1000000000ULL	/* 1 s */
struct lwp4j_wt *lwp4j_wt_open(uint32_t mode, uint32_t flags, uint64_t spin_ns,
			       uint64_t scan_interval_ns, int32_t handler_cpu, uint64_t stall_ns,
			       struct lwp4j_wt_error *err);
/*
 * Track [addr, addr + len): page aligned, not empty, overlapping no tracked
 * range (of any tracker) and no ring buffer. Its first epoch starts now.
 * Returns the range id (> 0), or -errno with err filled: EINVAL alignment or
 * emptiness, EEXIST overlap with a tracked range, EBUSY overlap with a ring
 * buffer, step REGISTER: the kernel refused to write-protect the memory.
 */
int64_t lwp4j_wt_track(struct lwp4j_wt *t, uint64_t addr, uint64_t len,
		       struct lwp4j_wt_error *err);
/* Stop tracking a range: it is made writable first (a range whose memory
 * went away, ENXIO, is only forgotten). 0, or -ENOENT. */
int lwp4j_wt_untrack(struct lwp4j_wt *t, int64_t range_id);
/*
 * End the range's epoch and start the next: the pages written during the
 * ended epoch go to bitmap (bit i: page i of the range, `words` u64s, at
 * least (pages + 63) / 64) and the range is write-protected again. Async
 * also appends a LWP4J_REC_DIRTY_PAGES record to lwp4j_wt_scan_buffer().
 * Returns the pages written, or -errno: ENOENT unknown range, ENXIO
 * the range's memory was unmapped while tracked (found when the kernel no
 * longer has it registered; the range is dropped, its address can be tracked
 * again, lwp4j_wt_untrack() forgets the id), EIO the tracker has failed.
 */
int64_t lwp4j_wt_rearm(struct lwp4j_wt *t, int64_t range_id, uint64_t *bitmap, uint64_t words);
/* The pages written so far in the current epoch, without ending it. */
int64_t lwp4j_wt_dirty(struct lwp4j_wt *t, int64_t range_id, uint64_t *bitmap, uint64_t words);
/* The range's current epoch (1 after track), 0 if unknown. */
uint64_t lwp4j_wt_epoch(struct lwp4j_wt *t, int64_t range_id);
/* Test hooks, sync only. on = 1: the handler stops resolving faults (writers
 * of tracked pages stay blocked) until on = 0, close, or the watchdog.
 * on = LWP4J_WT_HOLD_EXIT: the handler thread ends at its next message,
 * leaving it unresolved, as a handler that died would. */
#define LWP4J_WT_HOLD_EXIT 2
int lwp4j_wt_hold(struct lwp4j_wt *t, int on);
void lwp4j_wt_info(struct lwp4j_wt *t, struct lwp4j_wt_info *out);
/* Un-protect and unregister every range (waking every blocked writer), then
 * stop the thread and close the userfaultfd. Frees t. */
void lwp4j_wt_close(struct lwp4j_wt *t);
/* Process-wide buffer of LWP4J_REC_DIRTY_PAGES records (never destroyed). */
struct lwp4j_buffer_header *lwp4j_wt_scan_buffer(void);

/*
 * The canary: a native writer and a native handler thread; every period
 * the writer faults `faults_per_tick` times on a private write-protected
 * page (a user-mode-only userfaultfd) and appends one
 * LWP4J_REC_WRITE_FAULT_PROBE per fault to lwp4j_wt_canary_buffer().
 * spin_ns is the handler's wait policy, as for a sync tracker; the CPUs
 * pin the threads (-1: no pinning). Returns 0, or -errno with err filled
 * (-EALREADY: running).
 */
int lwp4j_wt_canary_start(uint64_t period_ns, uint32_t faults_per_tick, uint64_t spin_ns,
			  int32_t writer_cpu, int32_t handler_cpu, struct lwp4j_wt_error *err);
int lwp4j_wt_canary_set_period(uint64_t period_ns);	/* -ESRCH not running, -EINVAL 0 */
void lwp4j_wt_canary_stop(void);
/* LWP4J_UFFD_* of the running canary's descriptor, -1 when not running. */
int32_t lwp4j_wt_canary_flavour(void);
/* Probe records (never destroyed; created by the first start). */
struct lwp4j_buffer_header *lwp4j_wt_canary_buffer(void);

/* ------------------------------------------------------------------------
 * Syscall-path probes: the entry/exit canary and the JIT code-loading probe.
 *
 * Each probe is one native thread with its own buffer (LWP4J_BUF_NATIVE_OWNER,
 * registered under the thread's tid, unregistered and destroyed on stop),
 * running every period_ns or only on demand (period 0). A run appends one
 * record per call (canary) or per strategy (code loading) to that buffer
 * and keeps a copy readable with lwp4j_probe_latest() without a consumer.
 * Functions return 0 or a negative errno.
 * ------------------------------------------------------------------------ */

#define LWP4J_PROBE_SYSCALL    0	/* entry/exit canary: LWP4J_REC_SYSCALL_PROBE */
#define LWP4J_PROBE_CODE_LOAD  1	/* code loading: LWP4J_REC_CODE_LOAD_PROBE */
#define LWP4J_PROBE_COUNT      2

/*
 * The canary's default period is 250 ms, not 100: on a VM one wake-up of an
 * idle thread alone costs 30-70 us of CPU (the timer and its interrupt exit
 * to the hypervisor), so at 100 ms the canary spends ~0.08% of a core, at
 * 250 ms under 0.05% (native/bench/syscall_bench measures both). Its burst
 * is 32 calls: on an AMD EPYC guest 64 took 0.056% of a core, and 32 calls
 * give the same median within the run-to-run spread.
 */
#define LWP4J_PROBE_MAX_PERIOD_NS              3600000000000ULL	/* 1 h */
#define LWP4J_SYSCALL_PROBE_DEFAULT_PERIOD_NS  250000000ULL	/* 250 ms */
#define LWP4J_SYSCALL_PROBE_MIN_PERIOD_NS      1000000ULL	/* 1 ms */
#define LWP4J_SYSCALL_PROBE_DEFAULT_BURST      32
#define LWP4J_SYSCALL_PROBE_MAX_BURST          4096
#define LWP4J_CODE_LOAD_PROBE_DEFAULT_PERIOD_NS 10000000000ULL	/* 10 s */
#define LWP4J_CODE_LOAD_PROBE_MIN_PERIOD_NS    100000000ULL	/* 100 ms */
#define LWP4J_CODE_LOAD_PROBE_DEFAULT_PAGES    1
#define LWP4J_CODE_LOAD_PROBE_MAX_PAGES        256
#define LWP4J_CODE_LOAD_PROBE_DEFAULT_ITERATIONS 64
#define LWP4J_CODE_LOAD_PROBE_MAX_ITERATIONS   1024

/* lwp4j_probe_set_clock() */
#define LWP4J_PROBE_CLOCK_AUTO       0	/* the TSC when usable, else CLOCK_MONOTONIC */
#define LWP4J_PROBE_CLOCK_MONOTONIC  1	/* always clock_gettime(CLOCK_MONOTONIC):
					 * records carry LWP4J_REC_TSC_UNSTABLE */

struct lwp4j_probe_stats {
	uint64_t runs;		/* completed runs since the last start */
	uint64_t cpu_ns;	/* probe thread CPU time at the end of its last run */
	uint64_t wall_ns;	/* since the last start (to the stop when stopped) */
	uint64_t period_ns;	/* 0: on demand only */
	int32_t tid;		/* probe thread, 0 when stopped */
	int32_t running;
};

/* Start the probe's thread. period_ns is 0 (on demand only) or within the
 * probe's limits. -EINVAL: bad probe or period, -EALREADY: running, other:
 * thread or buffer refused. */
int lwp4j_probe_start(int probe, uint64_t period_ns);
/* Stop and join the thread; its buffer is destroyed. 0 also when stopped. */
int lwp4j_probe_stop(int probe);
int lwp4j_probe_set_period(int probe, uint64_t period_ns);
/* Canary calls per burst, 1..LWP4J_SYSCALL_PROBE_MAX_BURST. */
int lwp4j_probe_set_burst(uint32_t calls);
/* Code region (1..MAX_PAGES) and iterations per strategy (1..MAX_ITERATIONS). */
int lwp4j_probe_set_code_region(uint32_t pages, uint32_t iterations);
int lwp4j_probe_set_clock(int probe, int clock);
/* Run now on the probe thread (started on demand only when stopped) and wait
 * up to timeout_ms for the run to end. -ETIMEDOUT: still running. */
int lwp4j_probe_run_once(int probe, int timeout_ms);
/* Copies of the newest run's records, out[i] for item i (LWP4J_SYSCALL_* or
 * LWP4J_CODE_LOAD_*), all from the same run; count is the room in out and
 * must hold every item. -ENODATA before the first run. Survives stop. */
int lwp4j_probe_latest(int probe, struct lwp4j_record *out, uint32_t count);
int lwp4j_probe_stats_read(int probe, struct lwp4j_probe_stats *out);
/* The running probe's buffer, NULL when stopped. Invalid after stop. */
struct lwp4j_buffer_header *lwp4j_probe_buffer(int probe);

/*
 * What a trip through the syscall path carries in this process, beside the
 * canary's figures: why getpid costs 78 ns on one host and 190 on another
 * (seed 004: 37 audit rules; CPU mitigations; seccomp filters run on every
 * syscall). Read from the kernel's own reports; a field the process may not
 * read is -1 (audit_errno says why for audit).
 */
#define LWP4J_SYSCALL_ENV_TEXT 2048
struct lwp4j_syscall_env {
	int32_t seccomp_mode;		/* 0 off, 1 strict, 2 filter; -1 unknown */
	int32_t seccomp_filters;	/* filters the thread runs on each syscall; -1 unknown */
	int32_t audit_enabled;		/* 0 off, 1 on, 2 on and locked; -1 unknown */
	int32_t audit_rules;		/* rules on the syscall-exit list; -1 unknown */
	int32_t audit_errno;		/* why audit is unknown: EPERM without CAP_AUDIT_CONTROL
					 * or outside the initial PID namespace,
					 * EPROTONOSUPPORT without audit in the kernel */
	int32_t reserved;
	/* One "name: state" line per /sys/devices/system/cpu/vulnerabilities
	 * file that is not "Not affected", '\n'-separated, NUL-terminated;
	 * "" when the directory is missing; ends in "..." when cut short. */
	char mitigations[LWP4J_SYSCALL_ENV_TEXT];
};

/* Fill out for thread tid of this process (0: the calling thread): its
 * seccomp filters, the kernel's audit state and rule count, the CPU's
 * mitigations. A few file reads and one netlink exchange: not for a hot
 * path. Returns 0, or -EINVAL for a NULL out. */
int lwp4j_syscall_env_read(int32_t tid, struct lwp4j_syscall_env *out);

/* ------------------------------------------------------------------------
 * The Java boundary: one entry point, syscall style (src/dispatch.c).
 *
 * Java binds lwp4j_call() (twice: plain, and critical for the calls marked
 * "critical" below, which neither block nor call back) and lwp4j_tsc_read(),
 * instead of one downcall per function: each distinct FFM shape costs the
 * JVM a generated stub, its method handles and their compiled LambdaForms
 * (40 handles of distinct shapes cost 16 MiB more peak RSS and 0.32 s more
 * CPU than 40 of one shape: BENCHMARKS.md, "FFM bindings").
 *
 * lwp4j_call(op, a0..a6) calls the function the op names with a0.. converted
 * to its parameters in order (pointers are addresses, narrower integers are
 * truncated); the arguments it does not take are ignored. The result is the
 * function's own return value widened to int64_t (values, counts, -errno and
 * -1 as each function documents; the u64 clock and size values as their
 * bits), 0 for a void function, a pointer as its address. Where a function
 * reports failure with NULL the op returns -errno instead (marked "NULL:
 * -errno"); a lookup's or process-wide buffer's NULL ("none") stays 0.
 * Unknown op: -ENOSYS. C callers use the named functions themselves.
 * ------------------------------------------------------------------------ */
enum lwp4j_op {
	/* buffers (src/buffer.c, src/registry.c) */
	LWP4J_OP_BUFFER_CREATE_INTO = 1,	/* lwp4j_buffer_create_into */
	LWP4J_OP_BUFFER_DESTROY = 2,		/* lwp4j_buffer_destroy */
	LWP4J_OP_BUFFER_MAPPING_OF = 3,		/* lwp4j_buffer_mapping_of */
	LWP4J_OP_BUFFER_RECYCLE = 4,		/* lwp4j_buffer_recycle, critical */
	LWP4J_OP_BUFFER_MAPPING_SIZE = 5,	/* lwp4j_buffer_mapping_size, critical */
	LWP4J_OP_CONSUMER_ATTACH = 6,		/* lwp4j_consumer_attach, critical */
	LWP4J_OP_CONSUMER_DETACH = 7,		/* lwp4j_consumer_detach, critical */
	LWP4J_OP_DOORBELL_NOTIFY = 8,		/* lwp4j_doorbell_notify */
	LWP4J_OP_DOORBELL_FD = 9,		/* lwp4j_doorbell_fd */
	LWP4J_OP_DOORBELL_WAIT = 10,		/* lwp4j_doorbell_wait */
	LWP4J_OP_SET_LOCK_BUDGET = 11,		/* lwp4j_set_lock_budget, critical */
	LWP4J_OP_SET_MEMORY_BUDGET = 12,	/* lwp4j_set_memory_budget, critical */
	LWP4J_OP_BUFFER_FITS = 13,		/* lwp4j_buffer_fits, critical */
	LWP4J_OP_SET_NATIVE_BUFFER_DEFAULTS = 14,	/* lwp4j_set_native_buffer_defaults, critical */
	LWP4J_OP_STATS_READ = 15,		/* lwp4j_stats_read */
	LWP4J_OP_ORPHAN_BUFFER = 16,		/* lwp4j_orphan_buffer */
	LWP4J_OP_APPEND_RECORD = 17,		/* lwp4j_append_record */
	LWP4J_OP_REGISTRY_PUT = 20,		/* lwp4j_registry_put */
	LWP4J_OP_REGISTRY_REMOVE = 21,		/* lwp4j_registry_remove */
	LWP4J_OP_REGISTRY_GET = 22,		/* lwp4j_registry_get, critical */
	LWP4J_OP_REGISTRY_SIZE = 23,		/* lwp4j_registry_size */
	/* clock (src/tsc.c, src/clock.c) */
	LWP4J_OP_TSC_HZ = 30,			/* lwp4j_tsc_hz */
	LWP4J_OP_TSC_USABLE = 31,		/* lwp4j_tsc_usable */
	LWP4J_OP_NOW = 32,			/* lwp4j_now, critical */
	LWP4J_OP_TSC_READ = 33,			/* lwp4j_tsc_read, critical */
	LWP4J_OP_TSC_READ_PREFETCHW = 34,	/* lwp4j_tsc_read_prefetchw, critical */
	LWP4J_OP_GETTID = 35,			/* lwp4j_gettid, critical */
	/* self-check (src/seq_producer.c, src/abi.c) */
	LWP4J_OP_SEQ_PRODUCER_START = 40,	/* lwp4j_seq_producer_start, NULL: -errno */
	LWP4J_OP_SEQ_PRODUCER_JOIN = 41,	/* lwp4j_seq_producer_join */
	LWP4J_OP_ABI_ENTRIES = 42,		/* lwp4j_abi_entries */
	/* write tracking (src/write_tracker.c, src/wt_async.c, src/uffd_canary.c) */
	LWP4J_OP_WT_OPEN = 50,			/* lwp4j_wt_open, NULL: -errno */
	LWP4J_OP_WT_TRACK = 51,			/* lwp4j_wt_track */
	LWP4J_OP_WT_UNTRACK = 52,		/* lwp4j_wt_untrack */
	LWP4J_OP_WT_REARM = 53,			/* lwp4j_wt_rearm */
	LWP4J_OP_WT_DIRTY = 54,			/* lwp4j_wt_dirty */
	LWP4J_OP_WT_EPOCH = 55,			/* lwp4j_wt_epoch */
	LWP4J_OP_WT_HOLD = 56,			/* lwp4j_wt_hold */
	LWP4J_OP_WT_INFO = 57,			/* lwp4j_wt_info */
	LWP4J_OP_WT_CLOSE = 58,			/* lwp4j_wt_close */
	LWP4J_OP_WT_SCAN_BUFFER = 59,		/* lwp4j_wt_scan_buffer */
	LWP4J_OP_WT_CANARY_START = 60,		/* lwp4j_wt_canary_start */
	LWP4J_OP_WT_CANARY_SET_PERIOD = 61,	/* lwp4j_wt_canary_set_period */
	LWP4J_OP_WT_CANARY_STOP = 62,		/* lwp4j_wt_canary_stop */
	LWP4J_OP_WT_CANARY_FLAVOUR = 63,	/* lwp4j_wt_canary_flavour */
	LWP4J_OP_WT_CANARY_BUFFER = 64,		/* lwp4j_wt_canary_buffer */
	/* syscall-path probes (src/probe.c, src/syscall_env.c) */
	LWP4J_OP_PROBE_START = 70,		/* lwp4j_probe_start */
	LWP4J_OP_PROBE_STOP = 71,		/* lwp4j_probe_stop */
	LWP4J_OP_PROBE_SET_PERIOD = 72,		/* lwp4j_probe_set_period */
	LWP4J_OP_PROBE_SET_BURST = 73,		/* lwp4j_probe_set_burst */
	LWP4J_OP_PROBE_SET_CODE_REGION = 74,	/* lwp4j_probe_set_code_region */
	LWP4J_OP_PROBE_SET_CLOCK = 75,		/* lwp4j_probe_set_clock */
	LWP4J_OP_PROBE_RUN_ONCE = 76,		/* lwp4j_probe_run_once */
	LWP4J_OP_PROBE_LATEST = 77,		/* lwp4j_probe_latest */
	LWP4J_OP_PROBE_STATS_READ = 78,		/* lwp4j_probe_stats_read */
	LWP4J_OP_PROBE_BUFFER = 79,		/* lwp4j_probe_buffer */
	LWP4J_OP_SYSCALL_ENV_READ = 80,		/* lwp4j_syscall_env_read */
};
int64_t lwp4j_call(int32_t op, int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4,
		   int64_t a5, int64_t a6);

/* ABI table: every layout constant and offset, with the Java constant that
 * mirrors it (src/abi.c), from which the build prints the Java classes and
 * against which the Java mirror's test checks them. */
struct lwp4j_abi_entry {
	const char *name;
	int64_t value;
	const char *java;	/* "int layout.RingBufferAbi.MAGIC" (package under
				 * io.lwp4j.sampler), NULL: mirrored by hand */
};
const struct lwp4j_abi_entry *lwp4j_abi_entries(uint32_t *count);

#ifdef __cplusplus
}
#endif
#endif /* LWP4J_H */
