// SPDX-License-Identifier: Apache-2.0
/* The bare TSC read for Java's hot paths (a critical FFM downcall). */
#include "lwp4j.h"
#include "internal.h"

uint64_t lwp4j_tsc_read(void)
{
	return lwp4j_rdtsc();
}

uint64_t lwp4j_tsc_read_prefetchw(uint64_t line, uint64_t other_line)
{
	__asm__ volatile("prefetchw %0" : : "m"(*(const char *)line));
	__asm__ volatile("prefetchw %0" : : "m"(*(const char *)other_line));
	return lwp4j_rdtsc();
}
