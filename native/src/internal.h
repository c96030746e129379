/* SPDX-License-Identifier: Apache-2.0 */
/* Private declarations shared by liblwp4j's sources (not part of the ABI). */
#ifndef LWP4J_INTERNAL_H
#define LWP4J_INTERNAL_H

#include <pthread.h>
#include <sys/types.h>

#include "lwp4j.h"


/* A buffer with the defaults of lwp4j_set_native_buffer_defaults(). */
struct lwp4j_buffer_header *lwp4j_native_buffer_create(int32_t owner_tid, uint32_t flags);

/* A process-wide buffer that belongs to no thread (the orphan, canary and scan
 * buffers), made with `flags` by the first lwp4j_process_buffer() call. */
struct lwp4j_process_buffer {
	uint32_t flags;
	int made;		/* release-stored after buffer, which may be NULL */
	struct lwp4j_buffer_header *buffer;
};
#define LWP4J_PROCESS_BUFFER(f) {.flags = (f)}

/* The buffer, made on the first call (tried once: NULL for good if refused). */
struct lwp4j_buffer_header *lwp4j_process_buffer(struct lwp4j_process_buffer *p);

/* poll(2) fd for POLLIN up to timeout_ms (-1: forever); when drain is set,
 * read and discard an eventfd counter. Returns 1 ready, 0 timeout, -1 error. */
int lwp4j_fd_wait(int fd, int timeout_ms, int drain);

static inline uint64_t lwp4j_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* rdtscp waits for earlier instructions: use it to end a timed region. */
static inline uint64_t lwp4j_rdtscp(void)
{
	uint32_t lo, hi, aux;
	__asm__ __volatile__("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	return ((uint64_t)hi << 32) | lo;
}

/* ---- userfaultfd (uffd.c) ---------------------------------------------- */

struct uffd_msg;

struct lwp4j_uffd {
	int fd;			/* O_NONBLOCK | O_CLOEXEC */
	uint32_t flavour;	/* LWP4J_UFFD_* */
	uint64_t features;	/* enabled by UFFDIO_API */
};

/* Open a userfaultfd (userfaultfd(2), then /dev/userfaultfd) and enable
 * exactly `want` features, all of which the kernel must offer. Returns 0,
 * or -errno with err explaining the refusal and its fix. */
int lwp4j_uffd_open(int user_mode_only, uint64_t want, struct lwp4j_uffd *out,
		    struct lwp4j_wt_error *err);

/* The adaptive wait policy of every handler thread. */
struct lwp4j_uffd_waiter {
	int fd;			/* the userfaultfd */
	int stop_fd;		/* eventfd: readable when the handler must stop */
	const int *stop;	/* set (release) before stop_fd is signalled */
	uint64_t spin;		/* spin window after a message, lwp4j_now() units */
	uint64_t last;		/* lwp4j_now() of the last message */
	uint64_t idle;		/* out: time slept in poll(2) before this message */
	int woken;		/* out: slept at least once before this message */
	uint64_t sleeps;	/* total poll(2) sleeps */
};

/* Read one message: spin (read, pause) while the last message is less than
 * w->spin old, then sleep in poll(2). Returns 1, 0 when asked to stop, or
 * -errno on a failure of the descriptor. */
int lwp4j_uffd_wait_read(struct lwp4j_uffd_waiter *w, struct uffd_msg *msg);

/* Start a native sampler thread with all signals blocked; 0 or an errno. */
int lwp4j_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);
/* In the new thread: name it and pin it to cpu (-1: no pinning). */
void lwp4j_thread_setup(const char *name, int32_t cpu);

void lwp4j_wt_error_set(struct lwp4j_wt_error *e, int err, int step, const char *fix,
			const char *cause_fmt, ...) __attribute__((format(printf, 5, 6)));

/* Does [start, start+len) overlap a live ring buffer mapping? (buffer.c) */
int lwp4j_buffer_overlaps(uint64_t start, uint64_t len);

/* lwp4j_now() units (TSC cycles or ns) for a duration in ns. */
uint64_t lwp4j_ns_to_now(uint64_t ns);

/* Record flags that say what lwp4j_now() units are. */
static inline uint16_t lwp4j_time_flags(void)
{
	return lwp4j_tsc_usable() ? 0 : LWP4J_REC_TIME_NS | LWP4J_REC_TSC_UNSTABLE;
}

#endif
