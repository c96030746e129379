/* SPDX-License-Identifier: Apache-2.0 */
/* Private declarations shared by liblwp4j's sources (not part of the ABI). */
#ifndef LWP4J_INTERNAL_H
#define LWP4J_INTERNAL_H

#include "lwp4j.h"


/* A buffer with the defaults of lwp4j_set_native_buffer_defaults(). */
struct lwp4j_buffer_header *lwp4j_native_buffer_create(int32_t owner_tid, uint32_t flags);

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

#endif
