// SPDX-License-Identifier: Apache-2.0
/*
 * fault_bench: the per-step cost of a write-protection fault, reproducing
 * the table of seed 000 (xzpeter/userfaultfd-wp-writetracking) and
 * extending it with the adaptive handler and lwp4j's own sync tracker.
 *
 *   fault_bench [faults] [-m mode,...] [-p same|cross|free,...] [-s spin_us] [-t]
 *
 * Each mode writes one byte to each page of a populated, write-protected
 * region in sequence; a round covers 4096 pages (the seed's region) and
 * rounds repeat, rotating the order of the modes, until every mode has
 * `faults` faults (default 10000). Timestamps are TSC (rdtsc; rdtscp to end
 * the write), converted with liblwp4j's calibration against
 * CLOCK_MONOTONIC_RAW. For page i:
 *   t0  writer, before the write          t1  handler, message/signal received
 *   t2  handler, page resolved            t3  writer, after the write
 *   receive = t1 - t0, resolve = t2 - t1, complete = t3 - t2, total = t3 - t0
 * For lwp4j-* modes t1 and t2 come from the LWP4J_REC_WRITE_FAULT record:
 * t2 is when the handler issued the resolve, after its bookkeeping, so the
 * un-protect + wake ioctl lands in complete (the record must be published
 * before the page is writable, see wt_sync.c). Async: total is the first write (the kernel resolves it);
 * scan is PAGEMAP_SCAN with PM_SCAN_WP_MATCHING over the region per page.
 *
 * Placement of the two threads of the thread modes: same = writer and
 * handler pinned to CPU 0; cross = writer on CPU 0, handler on CPU 1;
 * free = no pinning. Single-thread modes pin the writer to CPU 0.
 * -t prints tab-separated rows only (for the Java-driven benchmark).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "lwp4j.h"
#include "internal.h"
#include "uffd_uapi.h"

#define ROUND_PAGES 4096
#define PAGE 4096UL
#define DEFAULT_SPIN_US 50

enum mode { MPROTECT, SIGBUS_MODE, THREAD_BLOCK, THREAD_SPIN, LWP4J_BLOCK, LWP4J_SPIN, ASYNC, NMODES };
static const char *mode_names[NMODES] = {
	"mprotect", "sigbus", "thread-block", "thread-spin", "lwp4j-block", "lwp4j-spin", "async",
};
static const char *mode_labels[NMODES] = {
	"mprotect() + SIGSEGV", "uffd-wp + SIGBUS", "uffd-wp thread, blocking",
	"uffd-wp thread, adaptive", "lwp4j sync, blocking", "lwp4j sync, adaptive",
	"uffd-wp async (WP_ASYNC)",
};
static int threaded(enum mode m)
{
	return m == THREAD_BLOCK || m == THREAD_SPIN || m == LWP4J_BLOCK || m == LWP4J_SPIN;
}

enum placement { SAME, CROSS, FREE, NPLACEMENTS };
static const char *placement_names[NPLACEMENTS] = {"same", "cross", "free"};

struct stamps {
	uint64_t t0, t1, t2, t3;
};

/* Per (mode, placement): every sample of every round. */
struct series {
	int64_t *step[4];	/* receive, resolve, complete, total */
	size_t n;
	uint64_t scan_cycles, scan_pages, clean_scan_cycles, clean_scan_pages;
};

static struct stamps *st;	/* one round, indexed by page */
static char *region;
static int uffd = -1;
static uint64_t spin_ns = DEFAULT_SPIN_US * 1000;

static void die(const char *what)
{
	fprintf(stderr, "fault_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void pin_self(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	if (cpu >= 0) {
		CPU_SET(cpu, &set);
	} else {
		for (int c = 0; c < CPU_SETSIZE; c++)
			CPU_SET(c, &set);
	}
	if (sched_setaffinity(0, sizeof(set), &set) && cpu >= 0)
		die("sched_setaffinity");
}

static char *region_map(size_t pages)
{
	char *r = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r == MAP_FAILED)
		die("mmap");
	for (size_t i = 0; i < pages; i++)	/* populate: only the WP fault is measured */
		r[i * PAGE] = (char)0xEE;
	return r;
}

static int uffd_new(uint64_t features, int user_mode_only)
{
	struct lwp4j_uffd u;
	struct lwp4j_wt_error err;
	if (lwp4j_uffd_open(user_mode_only, features, &u, &err)) {
		fprintf(stderr, "fault_bench: %s; %s\n", err.cause, err.fix);
		exit(1);
	}
	return u.fd;
}

static void uffd_wp(int fd, void *addr, size_t len, uint64_t mode)
{
	struct uffdio_writeprotect wp = {.range = {(uint64_t)(uintptr_t)addr, len}, .mode = mode};
	if (ioctl(fd, UFFDIO_WRITEPROTECT, &wp))
		die("UFFDIO_WRITEPROTECT");
}

static void uffd_register_wp(int fd, void *addr, size_t len)
{
	struct uffdio_register reg = {.range = {(uint64_t)(uintptr_t)addr, len},
				      .mode = UFFDIO_REGISTER_MODE_WP};
	if (ioctl(fd, UFFDIO_REGISTER, &reg))
		die("UFFDIO_REGISTER");
	uffd_wp(fd, addr, len, UFFDIO_WRITEPROTECT_MODE_WP);
}

/* The measured loop, as the seed's fill_with_pattern_seq(). */
static void write_pages(size_t pages)
{
	for (size_t i = 0; i < pages; i++) {
		st[i].t0 = lwp4j_rdtsc();
		*(volatile char *)(region + i * PAGE) = (char)0xAD;
		st[i].t3 = lwp4j_rdtscp();
	}
}

static void check_written(size_t pages)
{
	for (size_t i = 0; i < pages; i++)
		if (region[i * PAGE] != (char)0xAD) {
			fprintf(stderr, "fault_bench: page %zu was not written\n", i);
			exit(1);
		}
}

/* ---- signal modes ------------------------------------------------------ */

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	uint64_t t1 = lwp4j_rdtsc();
	char *page = (char *)((uintptr_t)si->si_addr & ~(PAGE - 1));
	size_t i = (size_t)(page - region) / PAGE;
	st[i].t1 = t1;
	if (sig == SIGSEGV) {
		if (mprotect(page, PAGE, PROT_READ | PROT_WRITE))
			abort();
	} else {
		struct uffdio_writeprotect wp = {.range = {(uint64_t)(uintptr_t)page, PAGE}};
		if (ioctl(uffd, UFFDIO_WRITEPROTECT, &wp))
			abort();
	}
	st[i].t2 = lwp4j_rdtsc();
}

static void run_signal(enum mode m, size_t pages)
{
	int sig = m == MPROTECT ? SIGSEGV : SIGBUS;
	struct sigaction sa = {.sa_sigaction = on_fault, .sa_flags = SA_SIGINFO}, old;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, &old);
	region = region_map(pages);
	if (m == MPROTECT) {
		if (mprotect(region, pages * PAGE, PROT_READ))
			die("mprotect");
	} else {
		uffd = uffd_new(UFFD_FEATURE_SIGBUS, 1);
		uffd_register_wp(uffd, region, pages * PAGE);
	}
	write_pages(pages);
	sigaction(sig, &old, NULL);
	if (uffd >= 0)
		close(uffd);
	uffd = -1;
}

/* ---- bare uffd-wp handler thread --------------------------------------- */

struct bare {
	int fd, stop_fd, stop, cpu, spin;
};

static void *bare_handler(void *arg)
{
	struct bare *b = arg;
	lwp4j_thread_setup("bench-handler", b->cpu);
	struct lwp4j_uffd_waiter w = {.fd = b->fd, .stop_fd = b->stop_fd, .stop = &b->stop,
				      .spin = b->spin ? lwp4j_ns_to_now(spin_ns) : 0};
	struct uffd_msg msg;
	for (;;) {
		int n;
		if (b->spin) {
			n = lwp4j_uffd_wait_read(&w, &msg);
		} else {
			/* The seed's handler: poll(2), then read(2). */
			struct pollfd p[2] = {{.fd = b->fd, .events = POLLIN},
					      {.fd = b->stop_fd, .events = POLLIN}};
			if (poll(p, 2, -1) < 0 || (p[1].revents & POLLIN))
				return NULL;
			n = read(b->fd, &msg, sizeof(msg)) == sizeof(msg) ? 1 : -EIO;
		}
		if (n <= 0)
			return NULL;
		uint64_t t1 = lwp4j_rdtsc();
		uint64_t page = msg.arg.pagefault.address & ~(PAGE - 1);
		size_t i = (size_t)((char *)(uintptr_t)page - region) / PAGE;
		st[i].t1 = t1;
		uffd_wp(b->fd, (void *)(uintptr_t)page, PAGE, 0);	/* resolve + wake */
		st[i].t2 = lwp4j_rdtsc();
	}
}

static void run_bare_thread(enum mode m, enum placement p, size_t pages)
{
	struct bare b = {.cpu = p == CROSS ? 1 : p == SAME ? 0 : -1, .spin = m == THREAD_SPIN};
	region = region_map(pages);
	b.fd = uffd_new(UFFD_FEATURE_PAGEFAULT_FLAG_WP, 1);
	b.stop_fd = eventfd(0, EFD_CLOEXEC);
	uffd_register_wp(b.fd, region, pages * PAGE);
	pthread_t h;
	if (pthread_create(&h, NULL, bare_handler, &b))
		die("pthread_create");
	write_pages(pages);
	__atomic_store_n(&b.stop, 1, __ATOMIC_RELEASE);
	uint64_t one = 1;
	if (write(b.stop_fd, &one, sizeof(one)) != sizeof(one))
		die("eventfd");
	pthread_join(h, NULL);
	close(b.stop_fd);
	close(b.fd);
}

/* ---- lwp4j's sync tracker ---------------------------------------------- */

static void run_lwp4j(enum mode m, enum placement p, size_t pages)
{
	region = region_map(pages);
	uint32_t cap = LWP4J_MIN_CAPACITY;
	while (cap < pages)
		cap <<= 1;
	struct lwp4j_buffer_header *buf =
		lwp4j_buffer_create(cap, cap, lwp4j_gettid(), 0, 1U << LWP4J_CONSUMER_DRAIN);
	if (!buf || lwp4j_registry_put(lwp4j_gettid(), buf))
		die("buffer");
	struct lwp4j_wt_error err;
	struct lwp4j_wt *t = lwp4j_wt_open(LWP4J_WT_SYNC, 0, m == LWP4J_SPIN ? spin_ns : 0, 0,
					   p == CROSS ? 1 : p == SAME ? 0 : -1,
					   LWP4J_WT_DEFAULT_STALL_NS, &err);
	if (!t || lwp4j_wt_track(t, (uint64_t)(uintptr_t)region, pages * PAGE, &err) < 0) {
		fprintf(stderr, "fault_bench: lwp4j: %s; %s\n", err.cause, err.fix);
		exit(1);
	}
	write_pages(pages);
	lwp4j_wt_close(t);
	uint64_t head = __atomic_load_n(&buf->head, __ATOMIC_ACQUIRE);
	if (head != pages || buf->lost) {
		fprintf(stderr, "fault_bench: lwp4j: %llu records for %zu faults (%llu lost)\n",
			(unsigned long long)head, pages, (unsigned long long)buf->lost);
		exit(1);
	}
	for (uint64_t k = 0; k < head; k++) {
		struct lwp4j_record *r = lwp4j_record_at(buf, k);
		size_t i = (size_t)((char *)(uintptr_t)r->u.write_fault.address - region) / PAGE;
		st[i].t1 = r->time;
		st[i].t2 = r->time + r->u.write_fault.handle_cycles;
	}
	lwp4j_registry_remove(lwp4j_gettid(), buf);
	lwp4j_buffer_destroy(buf);
}

/* ---- async ------------------------------------------------------------- */

static uint64_t scan(int pagemap, size_t pages, struct page_region *vec, size_t vec_len)
{
	struct pm_scan_arg a = {
		.size = sizeof(a), .flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
		.start = (uint64_t)(uintptr_t)region, .end = (uint64_t)(uintptr_t)region + pages * PAGE,
		.vec = (uint64_t)(uintptr_t)vec, .vec_len = vec_len,
		.category_mask = PAGE_IS_WRITTEN, .return_mask = PAGE_IS_WRITTEN,
	};
	uint64_t t0 = lwp4j_rdtsc(), found = 0;
	do {
		long n = ioctl(pagemap, PAGEMAP_SCAN, &a);
		if (n < 0)
			die("PAGEMAP_SCAN");
		for (long i = 0; i < n; i++)
			found += (vec[i].end - vec[i].start) / PAGE;
		a.start = a.walk_end;
	} while (a.walk_end < a.end);
	uint64_t c = lwp4j_rdtscp() - t0;
	(void)found;
	return c;
}

static void run_async(struct series *s, size_t pages)
{
	region = region_map(pages);
	int fd = uffd_new(UFFD_FEATURE_WP_ASYNC | UFFD_FEATURE_WP_UNPOPULATED, 1);
	int pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (pagemap < 0)
		die("/proc/self/pagemap");
	uffd_register_wp(fd, region, pages * PAGE);
	static struct page_region vec[512];
	s->clean_scan_cycles += scan(pagemap, pages, vec, 512);	/* nothing written */
	s->clean_scan_pages += pages;
	write_pages(pages);
	for (size_t i = 0; i < pages; i++)
		st[i].t1 = st[i].t2 = st[i].t0;	/* no message: all of it is total */
	s->scan_cycles += scan(pagemap, pages, vec, 512);	/* every page written */
	s->scan_pages += pages;
	close(pagemap);
	close(fd);
}

/* ---- statistics -------------------------------------------------------- */

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static double us(double cycles)
{
	return cycles * 1e6 / (double)lwp4j_tsc_hz();
}

struct stat2 {
	double mean, median;
};

static struct stat2 stat_of(int64_t *v, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)v[i];
	qsort(v, n, sizeof(*v), cmp64);
	double med = n % 2 ? (double)v[n / 2] : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
	return (struct stat2){us(sum / (double)n), us(med)};
}

static void collect(struct series *s, size_t pages)
{
	for (size_t i = 0; i < pages; i++) {
		struct stamps *x = &st[i];
		s->step[0][s->n] = (int64_t)(x->t1 - x->t0);
		s->step[1][s->n] = (int64_t)(x->t2 - x->t1);
		s->step[2][s->n] = (int64_t)(x->t3 - x->t2);
		s->step[3][s->n] = (int64_t)(x->t3 - x->t0);
		s->n++;
	}
}

static void print_machine(int argc, char **argv)
{
	char model[512] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "model name", 10)) {
			char *c = strchr(line, ':');
			snprintf(model, sizeof(model), "%s", c ? c + 2 : line);
			model[strcspn(model, "\n")] = 0;
			break;
		}
	if (f)
		fclose(f);
	struct utsname u;
	uname(&u);
	printf("## fault_bench\n\nmachine: %s, %ld CPUs, Linux %s; TSC %.3f GHz (calibrated "
	       "against CLOCK_MONOTONIC_RAW)\ncommand:", model, sysconf(_SC_NPROCESSORS_ONLN),
	       u.release, (double)lwp4j_tsc_hz() / 1e9);
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\nplacement: same = writer and handler pinned to CPU 0; cross = writer CPU 0, "
	       "handler CPU 1; free = unpinned; single-thread modes pinned to CPU 0\n"
	       "adaptive spin window: %llu us\n\n", (unsigned long long)(spin_ns / 1000));
}

static int parse_list(const char *arg, const char *const *names, int count)
{
	int mask = 0;
	char *copy = strdup(arg), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int found = 0;
		for (int i = 0; i < count; i++)
			if (!strcmp(tok, names[i])) {
				mask |= 1 << i;
				found = 1;
			}
		if (!found) {
			fprintf(stderr, "fault_bench: unknown name %s\n", tok);
			exit(2);
		}
	}
	free(copy);
	return mask;
}

int main(int argc, char **argv)
{
	size_t faults = 10000;
	int modes = (1 << NMODES) - 1, placements = (1 << NPLACEMENTS) - 1, tsv = 0, opt;
	while ((opt = getopt(argc, argv, "m:p:s:t")) != -1) {
		switch (opt) {
		case 'm': modes = parse_list(optarg, mode_names, NMODES); break;
		case 'p': placements = parse_list(optarg, placement_names, NPLACEMENTS); break;
		case 's': spin_ns = strtoull(optarg, NULL, 10) * 1000; break;
		case 't': tsv = 1; break;
		default:
			fprintf(stderr, "usage: %s [faults] [-m mode,...] [-p same|cross|free,...] "
				"[-s spin_us] [-t]\n", argv[0]);
			return 2;
		}
	}
	if (optind < argc)
		faults = strtoull(argv[optind], NULL, 10);
	if (!faults || !lwp4j_tsc_usable()) {
		fprintf(stderr, "fault_bench: need faults > 0 and a usable TSC\n");
		return 2;
	}
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		placements &= ~(1 << CROSS);
	st = calloc(ROUND_PAGES, sizeof(*st));

	struct series series[NMODES][NPLACEMENTS];
	memset(series, 0, sizeof(series));
	for (int m = 0; m < NMODES; m++)
		for (int p = 0; p < NPLACEMENTS; p++)
			for (int k = 0; k < 4; k++)
				series[m][p].step[k] = malloc(faults * sizeof(int64_t));

	size_t rounds = (faults + ROUND_PAGES - 1) / ROUND_PAGES;
	for (size_t round = 0; round < rounds; round++) {
		size_t pages = round + 1 < rounds ? ROUND_PAGES : faults - round * ROUND_PAGES;
		for (int k = 0; k < NMODES; k++) {
			enum mode m = (enum mode)((k + round) % NMODES);
			if (!(modes & (1 << m)))
				continue;
			for (int p = 0; p < NPLACEMENTS; p++) {
				if (!(placements & (1 << p)) || (!threaded(m) && p != SAME))
					continue;
				pin_self(p == FREE ? -1 : 0);
				memset(st, 0, pages * sizeof(*st));
				if (m == MPROTECT || m == SIGBUS_MODE)
					run_signal(m, pages);
				else if (m == THREAD_BLOCK || m == THREAD_SPIN)
					run_bare_thread(m, (enum placement)p, pages);
				else if (m == LWP4J_BLOCK || m == LWP4J_SPIN)
					run_lwp4j(m, (enum placement)p, pages);
				else
					run_async(&series[m][p], pages);
				check_written(pages);
				munmap(region, pages * PAGE);
				collect(&series[m][p], pages);
			}
		}
	}

	if (!tsv) {
		print_machine(argc, argv);
		printf("| mode | placement | receive mean / median | resolve mean / median | "
		       "complete mean / median | total mean / median | faults |\n"
		       "|---|---|---|---|---|---|---|\n");
	}
	double median_total[NMODES][NPLACEMENTS] = {{0}};
	for (int m = 0; m < NMODES; m++)
		for (int p = 0; p < NPLACEMENTS; p++) {
			struct series *s = &series[m][p];
			if (!s->n)
				continue;
			struct stat2 x[4];
			for (int k = 0; k < 4; k++)
				x[k] = stat_of(s->step[k], s->n);
			median_total[m][p] = x[3].median;
			const char *pl = threaded((enum mode)m) ? placement_names[p] : "cpu0";
			if (tsv) {
				printf("row\t%s\t%s\t%zu", mode_names[m], pl, s->n);
				for (int k = 0; k < 4; k++)
					printf("\t%.3f\t%.3f", x[k].mean, x[k].median);
				printf("\n");
			} else if (m == ASYNC) {
				printf("| %s | %s | - | - | - | %.2f / %.2f us | %zu |\n", mode_labels[m],
				       pl, x[3].mean, x[3].median, s->n);
			} else {
				printf("| %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | "
				       "%.2f / %.2f us | %zu |\n", mode_labels[m], pl,
				       x[0].mean, x[0].median, x[1].mean, x[1].median,
				       x[2].mean, x[2].median, x[3].mean, x[3].median, s->n);
			}
			if (m == ASYNC && s->scan_pages) {
				double w = us((double)s->scan_cycles) * 1000 / (double)s->scan_pages;
				double c = us((double)s->clean_scan_cycles) * 1000 /
					   (double)s->clean_scan_pages;
				if (tsv)
					printf("scan\t%.1f\t%.1f\n", w, c);
				else
					printf("| PAGEMAP_SCAN + re-protect, per page | | | | | "
					       "%.1f ns written, %.1f ns clean | %llu pages |\n",
					       w, c, (unsigned long long)s->scan_pages);
			}
		}
	if (tsv)
		return 0;
	printf("\nSeed 000 (i7-8665U, Linux 5.9, means): mprotect() + SIGSEGV 0.74 / 0.36 / 0.81 / "
	       "1.92 us; uffd-wp thread 2.43 / 1.16 / 1.15 / 4.74 us; uffd-wp + SIGBUS 0.77 / "
	       "0.27 / 0.81 / 1.85 us (receive / resolve / complete / total).\n\n");
	printf("Ratios of median totals (targets in parentheses):\n");
	for (int p = 0; p < NPLACEMENTS; p++) {
		double sb = median_total[SIGBUS_MODE][SAME], a = median_total[ASYNC][SAME];
		double tb = median_total[THREAD_BLOCK][p], ts = median_total[THREAD_SPIN][p];
		double lb = median_total[LWP4J_BLOCK][p], ls = median_total[LWP4J_SPIN][p];
		if (!(placements & (1 << p)))
			continue;
		printf("  %s:", placement_names[p]);
		if (lb && tb)
			printf(" lwp4j-block/thread-block %.2f (<= 1.15);", lb / tb);
		if (ls && ts)
			printf(" lwp4j-spin/thread-spin %.2f (<= 1.15);", ls / ts);
		if (ls && sb)
			printf(" lwp4j-spin/sigbus %.2f (<= 1.5);", ls / sb);
		if (ls && a)
			printf(" async/lwp4j-spin %.2f (<= 0.25);", a / ls);
		printf("\n");
	}
	return 0;
}
