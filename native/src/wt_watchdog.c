// SPDX-License-Identifier: Apache-2.0
/*
 * Watchdog (sync, stall_ns > 0): a thread that wakes every stall_ns / 2 and
 * checks that the handler makes progress: a message it has read is resolved
 * within stall_ns, and a pending message is read within stall_ns. If not (the
 * handler is stopped, stuck or gone), every thread blocked in a fault would
 * stay blocked, and a JVM thread blocked in Java code holds up every safepoint,
 * JVM exit included. The watchdog then abandons the tracker without taking any
 * lock the handler may hold (tracker_abandon()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

#include "write_tracker.h"

/*
 * The watchdog's way out: the handler is stopped, stuck or gone, and may hold
 * the lock, so take none. Put dead_fd at the descriptor's number instead: that
 * drops the last reference to the userfaultfd, and the kernel releases it
 * (userfaultfd_release): every range is unregistered and every thread waiting
 * in a fault on it is woken; its write then goes through. A handler that comes
 * back finds an idle eventfd at the number, and the number stays ours until
 * lwp4j_wt_close() closes it, so nothing ever touches someone else's file.
 *
 * A record written into a thread's buffer is safe only while that thread is
 * stopped in its fault (its buffer cannot go away): failing and recording
 * are a Dekker pair, so the handler either sees failing and writes nothing,
 * or is seen writing and is waited for (a copy into a ring buffer, which
 * never blocks) before any thread is released.
 */
static void tracker_abandon(struct lwp4j_wt *t, const char *what, uint64_t for_ns)
{
	if (!wt_claim_failure(t))
		return;
	while (__atomic_load_n(&t->recording, __ATOMIC_SEQ_CST))
		sched_yield();
	wt_set_failure(t, ETIMEDOUT, "%s for %llu ms (stall timeout %llu ms)", what,
		       (unsigned long long)(for_ns / 1000000),
		       (unsigned long long)(t->stall_ns / 1000000));
	fprintf(stderr, "lwp4j: warning: write tracking is off: %s for %llu ms; every tracked range "
		"was released and every thread blocked on one resumed; their writes are no "
		"longer recorded (on an overloaded machine, raise the stall timeout, %llu ms: "
		"WriteTracker.Options)\n", what, (unsigned long long)(for_ns / 1000000),
		(unsigned long long)(t->stall_ns / 1000000));
	__atomic_store_n(&t->fd_replaced, 1, __ATOMIC_RELEASE);
	/* FAILED before anyone is released: a released thread sees it */
	__atomic_store_n(&t->state, LWP4J_WT_FAILED, __ATOMIC_RELEASE);
	while (dup3(t->dead_fd, t->uffd.fd, O_CLOEXEC) < 0 && errno == EINTR)
		;
}

/* A lwp4j_now() interval in ns. */
static uint64_t now_to_ns(uint64_t d)
{
	return lwp4j_tsc_usable() ? lwp4j_cycles_to_ns(d) : d;
}

void *wt_watchdog_main(void *arg)
{
	struct lwp4j_wt *t = arg;
	lwp4j_thread_setup("lwp4j-uffd-wd", -1);
	uint64_t stall = lwp4j_ns_to_now(t->stall_ns);
	uint64_t period_ms = t->stall_ns / 2000000;
	struct pollfd stop = {.fd = t->stop_fd, .events = POLLIN};
	uint64_t seen_reads = __atomic_load_n(&t->reads, __ATOMIC_RELAXED);
	uint64_t last = lwp4j_now(), pending_since = 0;
	for (;;) {
		poll(&stop, 1, period_ms ? (int)(period_ms < INT32_MAX ? period_ms : INT32_MAX) : 1);
		if (__atomic_load_n(&t->stop, __ATOMIC_ACQUIRE) ||
		    __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) != LWP4J_WT_RUNNING)
			return NULL;
		/* busy_since before now: a message read after the clock was
		 * taken would put busy_since past now, and the unsigned
		 * difference would look like a stall of centuries (this thread
		 * can be preempted between the two reads). Signed, for TSC skew
		 * between CPUs. */
		uint64_t busy = __atomic_load_n(&t->busy_since, __ATOMIC_ACQUIRE);
		uint64_t reads = __atomic_load_n(&t->reads, __ATOMIC_RELAXED);
		uint64_t now = lwp4j_now();
		if (busy && (int64_t)(now - busy) >= (int64_t)stall) {
			tracker_abandon(t, "the write-fault handler has not resolved a fault",
					now_to_ns(now - busy));
			return NULL;
		}
		struct pollfd u = {.fd = t->uffd.fd, .events = POLLIN};
		int pending = poll(&u, 1, 0) == 1 && (u.revents & POLLIN);
		if (pending && reads == seen_reads) {
			if (!pending_since)
				pending_since = last;
			if (now - pending_since >= stall) {
				tracker_abandon(t, "the write-fault handler has not read a pending fault",
						now_to_ns(now - pending_since));
				return NULL;
			}
		} else {
			pending_since = 0;
		}
		seen_reads = reads;
		last = now;
	}
}

