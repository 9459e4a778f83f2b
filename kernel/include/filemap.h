/*
 * filemap.h — the page cache (mm/filemap.c): file pages cached by
 * (inode, page index), shared by read(2) and file mappings.
 *
 * A cached page is PG_CACHE with mapping = the inode and index = the page's
 * number in the file; the cache holds one reference of its own, each PTE
 * mapping it one more (and one mapcount). Reclaim (mm/vmscan.c) unmaps a
 * page from every PTE first, then asks the cache to drop it.
 */
#ifndef HAKO_FILEMAP_H
#define HAKO_FILEMAP_H

#include "mm.h"
#include "types.h"
#include "vm.h"

struct file;

/* A fault at page-aligned va inside the file VMA v, access legal by the
 * VMA. 0 when mapped, -EFAULT beyond the end of the file (SIGBUS on Linux;
 * the caller decides), -ENOMEM, -EIO. */
int filemap_fault(struct mm *mm, struct vm_area *v, u32 va, u32 err);
/* Drops an unmapped (mapcount 0) page-cache page from the cache, writing it
 * back first if dirty. 0 when the frame went back to the allocator,
 * -EBUSY when it is in use or locked, -EIO when write-back failed. */
int pagecache_evict(struct page *p);
/* Pages now in the page cache (meminfo's Cached). */
extern u32 pagecache_nr_pages;
/* The name /proc/PID/maps shows for a mapping of f (a path, or empty):
 * length written, NUL-terminated in buf[size]. */
int file_map_name(struct file *f, char *buf, u32 size);

#endif
