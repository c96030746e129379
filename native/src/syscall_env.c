// SPDX-License-Identifier: Apache-2.0
/*
 * What the syscall path carries, as the kernel reports it: the seccomp
 * filters of a thread (/proc/self/task/TID/status), the audit state and the
 * number of syscall-exit audit rules (the audit netlink socket, as auditctl
 * -s and -l ask), and the CPU's mitigations (/sys/devices/system/cpu/
 * vulnerabilities). Each explains part of what the canary measures; none is
 * read on its path.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lwp4j.h"

#define VULNERABILITIES "/sys/devices/system/cpu/vulnerabilities"

static void read_seccomp(int32_t tid, struct lwp4j_syscall_env *out)
{
	char path[64], line[256];
	if (tid)
		snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	else
		snprintf(path, sizeof(path), "/proc/thread-self/status");
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Seccomp:", 8))
			out->seccomp_mode = (int32_t)strtol(line + 8, NULL, 10);
		else if (!strncmp(line, "Seccomp_filters:", 16))
			out->seccomp_filters = (int32_t)strtol(line + 16, NULL, 10);
	}
	fclose(f);
	/* Kernels before 5.9 report the mode but not the count: one or more. */
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_mitigations(char *out, size_t size)
{
	out[0] = 0;
	DIR *d = opendir(VULNERABILITIES);
	if (!d)
		return;
	char *names[64];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < sizeof(names) / sizeof(names[0])) {
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	size_t used = 0;
	int cut = 0;
	for (size_t i = 0; i < n; i++) {
		char path[512], state[512];
		snprintf(path, sizeof(path), VULNERABILITIES "/%s", names[i]);
		FILE *f = fopen(path, "re");
		if (f && fgets(state, sizeof(state), f)) {
			state[strcspn(state, "\n")] = 0;
			if (strcmp(state, "Not affected") && !cut) {
				int w = snprintf(out + used, size - used, "%s%s: %s", used ? "\n" : "",
						 names[i], state);
				if (w < 0 || (size_t)w >= size - used)
					cut = 1;
				else
					used += (size_t)w;
			}
		}
		if (f)
			fclose(f);
		free(names[i]);
	}
	if (cut) {
		if (used > size - 5)
			used = size - 5;
		memcpy(out + used, "\n...", 5);
	}
}

/* One request on the audit socket; returns 0 when answered, else -errno. */
static int audit_send(int fd, uint16_t type, uint32_t seq)
{
	struct nlmsghdr h = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = type,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		.nlmsg_seq = seq,
	};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	if (sendto(fd, &h, h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	return 0;
}

/*
 * Reads the answers to request seq until it is complete. For AUDIT_GET the
 * status arrives before the ACK; AUDIT_LIST_RULES sends one message per
 * rule and then NLMSG_DONE. Waits at most 1 s per message: the kernel
 * answers at once, so this only bounds a misbehaving socket.
 */
static int audit_receive(int fd, uint32_t seq, struct lwp4j_syscall_env *out, int listing,
			 char *buf, size_t size)
{
	int got_status = 0, acked = 0;
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 1000) != 1)
			return -ETIMEDOUT;
		ssize_t n = recv(fd, buf, size, 0);
		if (n < 0)
			return -errno;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);
				if (e->error)
					return e->error;
				acked = 1;
			} else if (h->nlmsg_type == NLMSG_DONE) {
				return 0;
			} else if (h->nlmsg_type == AUDIT_GET && !listing) {
				struct audit_status *st = NLMSG_DATA(h);
				out->audit_enabled = (int32_t)st->enabled;
				got_status = 1;
			} else if (h->nlmsg_type == AUDIT_LIST_RULES && listing) {
				struct audit_rule_data *r = NLMSG_DATA(h);
				if ((r->flags & ~AUDIT_FILTER_PREPEND) == AUDIT_FILTER_EXIT)
					out->audit_rules++;
			}
		}
		if (!listing && got_status && acked)
			return 0;
	}
}

static void read_audit(struct lwp4j_syscall_env *out)
{
	enum { SIZE = 16384 };	/* a rule is ~1 KiB: a few per read */
	char *buf = malloc(SIZE);
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	int err = !buf ? -ENOMEM : fd < 0 ? -errno : audit_send(fd, AUDIT_GET, 1);
	if (!err)
		err = audit_receive(fd, 1, out, 0, buf, SIZE);
	if (!err) {
		out->audit_rules = 0;
		err = audit_send(fd, AUDIT_LIST_RULES, 2);
		if (!err)
			err = audit_receive(fd, 2, out, 1, buf, SIZE);
		if (err)
			out->audit_rules = -1;
	}
	out->audit_errno = -err;
	if (fd >= 0)
		close(fd);
	free(buf);
}

int lwp4j_syscall_env_read(int32_t tid, struct lwp4j_syscall_env *out)
{
	if (!out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->seccomp_mode = out->seccomp_filters = -1;
	out->audit_enabled = out->audit_rules = -1;
	read_seccomp(tid, out);
	read_audit(out);
	read_mitigations(out->mitigations, sizeof(out->mitigations));
	return 0;
}
