// SPDX-License-Identifier: Apache-2.0
/*
 * uffd_deny: run a command under a seccomp filter that refuses userfaultfd
 * the way real environments do, so that lwp4j's refusal paths are tested
 * against the kernel's own errors instead of a mock.
 *
 *   uffd_deny [--all | --full | --syscall] [--no-pagemap-scan] -- command [args...]
 *
 *   --all              userfaultfd(2) fails with ENOSYS (a container's seccomp
 *                      profile, or a kernel without CONFIG_USERFAULTFD) and
 *                      USERFAULTFD_IOC_NEW on /dev/userfaultfd with EPERM
 *   --full             only full descriptors are refused (EPERM): userfaultfd(2)
 *                      and USERFAULTFD_IOC_NEW without UFFD_USER_MODE_ONLY, as for
 *                      an unprivileged process under vm.unprivileged_userfaultfd=0
 *                      without access to /dev/userfaultfd
 *   --syscall          userfaultfd(2) fails with EPERM, /dev/userfaultfd works
 *   --no-pagemap-scan  ioctl(PAGEMAP_SCAN) fails with ENOTTY, as before Linux 6.7
 *
 * The filter is installed with PR_SET_NO_NEW_PRIVS, so no privilege is
 * needed, and is inherited by the command and everything it starts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "uffd_uapi.h"

#define ALLOW     SECCOMP_RET_ALLOW
#define FAIL(err) (SECCOMP_RET_ERRNO | ((err) & SECCOMP_RET_DATA))
#define ARG_LO(i) (offsetof(struct seccomp_data, args[i]))	/* low half, little endian */

int main(int argc, char **argv)
{
	unsigned sys_umo = ALLOW, sys_full = ALLOW, dev_umo = ALLOW, dev_full = ALLOW, scan = ALLOW;
	int i = 1;
	for (; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--all")) {
			sys_umo = sys_full = FAIL(ENOSYS);
			dev_umo = dev_full = FAIL(EPERM);
		} else if (!strcmp(argv[i], "--full")) {
			sys_full = dev_full = FAIL(EPERM);
		} else if (!strcmp(argv[i], "--syscall")) {
			sys_umo = sys_full = FAIL(EPERM);
		} else if (!strcmp(argv[i], "--no-pagemap-scan")) {
			scan = FAIL(ENOTTY);
		} else {
			break;
		}
	}
	if (i + 1 >= argc || strcmp(argv[i], "--")) {
		fprintf(stderr, "usage: %s [--all | --full | --syscall] [--no-pagemap-scan] -- "
			"command [args...]\n", argv[0]);
		return 2;
	}

	struct sock_filter f[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 15),	/* -> 17 */
		/* 2 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_userfaultfd, 0, 4),	/* -> 8 */
		/* 4 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),			/* flags */
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, UFFD_USER_MODE_ONLY, 0, 1),
		/* 6 */ BPF_STMT(BPF_RET | BPF_K, sys_umo),
		/* 7 */ BPF_STMT(BPF_RET | BPF_K, sys_full),
		/* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ioctl, 0, 8),		/* -> 17 */
		/* 9 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(1)),			/* request */
		/* 10 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)PAGEMAP_SCAN, 0, 1),
		/* 11 */ BPF_STMT(BPF_RET | BPF_K, scan),
		/* 12 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, USERFAULTFD_IOC_NEW, 0, 4),	/* -> 17 */
		/* 13 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2)),			/* flags */
		/* 14 */ BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, UFFD_USER_MODE_ONLY, 0, 1),
		/* 15 */ BPF_STMT(BPF_RET | BPF_K, dev_umo),
		/* 16 */ BPF_STMT(BPF_RET | BPF_K, dev_full),
		/* 17 */ BPF_STMT(BPF_RET | BPF_K, ALLOW),
	};
	struct sock_fprog prog = {.len = sizeof(f) / sizeof(f[0]), .filter = f};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("uffd_deny: installing the seccomp filter");
		return 1;
	}
	execvp(argv[i + 1], &argv[i + 1]);
	perror("uffd_deny: exec");
	return 127;
}
