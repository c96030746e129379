/* SPDX-License-Identifier: Apache-2.0 */
/*
 * userfaultfd and PAGEMAP_SCAN definitions newer than the build machine's
 * kernel headers. Values are the kernel uapi's (include/uapi/linux/
 * userfaultfd.h, include/uapi/linux/fs.h); whether the running kernel
 * supports them is decided at run time by UFFDIO_API and a PAGEMAP_SCAN
 * probe, never by these definitions.
 */
#ifndef LWP4J_UFFD_UAPI_H
#define LWP4J_UFFD_UAPI_H

#include <linux/fs.h>
#include <linux/userfaultfd.h>
#include <stdint.h>
#include <sys/ioctl.h>

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1			/* 5.11 */
#endif
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC 0xAA			/* /dev/userfaultfd, 6.1 */
#define USERFAULTFD_IOC_NEW _IO(USERFAULTFD_IOC, 0x00)
#endif
#ifndef UFFD_FEATURE_WP_UNPOPULATED
#define UFFD_FEATURE_WP_UNPOPULATED (1 << 13)	/* 6.4 */
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_ASYNC (1 << 15)		/* 6.7 */
#endif

#ifndef PAGEMAP_SCAN				/* 6.7 */
#define PAGE_IS_WPALLOWED (1 << 0)
#define PAGE_IS_WRITTEN   (1 << 1)

struct page_region {
	uint64_t start;
	uint64_t end;		/* exclusive */
	uint64_t categories;
};

#define PM_SCAN_WP_MATCHING   (1 << 0)	/* write-protect the pages reported */
#define PM_SCAN_CHECK_WPASYNC (1 << 1)	/* fail on pages not registered WP_ASYNC */

struct pm_scan_arg {
	uint64_t size;
	uint64_t flags;
	uint64_t start;
	uint64_t end;
	uint64_t walk_end;	/* out: where the walk stopped */
	uint64_t vec;
	uint64_t vec_len;
	uint64_t max_pages;
	uint64_t category_inverted;
	uint64_t category_mask;
	uint64_t category_anyof_mask;
	uint64_t return_mask;
};

#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#endif

#endif
