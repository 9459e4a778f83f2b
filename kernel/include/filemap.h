/*
 * filemap.h — the page cache (mm/filemap.c): file pages cached by
 * (inode, page index), shared by read(2) and file mappings.
 *
 * A cached page is PG_CACHE with mapping = the inode and index = the page's
 * number in the file; the cache holds one reference of its own, each PTE
 * mapping it one more (and one mapcount). Reclaim (mm/vmscan.c) unmaps a
 * page from every PTE first, then asks the cache to drop it. While an inode
 * has cached pages the cache holds one reference on it (docs/kernel.md).
 * In a PG_CACHE page, `private` links the next page of its hash bucket.
 */
#ifndef HAKO_FILEMAP_H
#define HAKO_FILEMAP_H

#include "mm.h"
#include "types.h"
#include "vm.h"

struct file;
struct inode;

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

/* ip's file system keeps its files in memory only (FS_NO_BACKING): its
 * pages are never written back, evicted or swapped. */
int pagecache_no_backing(struct inode *ip);
/* For the file system (fs/ext2/inode.c) and mappings (mm/). */
struct page *pagecache_lookup(struct inode *ip, u32 index);   /* no reference taken */
/* The filled page with a reference for the caller; NULL and *err. Sleeps. */
struct page *pagecache_get(struct inode *ip, u32 index, int *err);
/* readi of a regular file: bytes through the cache (inode locked). */
int filemap_read(struct inode *ip, void *dst, u32 off, u32 n, int user);
/* writei wrote n bytes at off (within one page): update the cached copy. */
void filemap_write_through(struct inode *ip, u32 off, const void *src, u32 n);
/* Writes back dirty pages [first, last) of ip; takes the inode lock. */
int filemap_write_range(struct inode *ip, u32 first, u32 last);
/* The file shrinks to size (inode locked): drop pages past it. */
void pagecache_truncate(struct inode *ip, u32 size);
/* iget needs ip's slot and only the cache holds it: 0 once it is free. */
int pagecache_release_inode(struct inode *ip);
/* fsync of ip / sync: shared mappings' stores (PTE_D) reach the disk. */
int filemap_fsync(struct inode *ip);
void filemap_sync_all(void);
/* munmap/exit of [start, end) of a MAP_SHARED file area: write it back. */
void filemap_unmap_writeback(struct vm_area *v, u32 start, u32 end);

#endif
