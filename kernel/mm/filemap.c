/*
 * filemap.c — the page cache (issue 5; placeholder until it exists: no page
 * is ever PG_CACHE and file mappings are refused by mmap2).
 */
#include "file.h"
#include "filemap.h"
#include "gen/syscall_table.h"
#include "hako/errno.h"

u32 pagecache_nr_pages;

int filemap_fault(struct mm *mm, struct vm_area *v, u32 va, u32 err) {
  (void)mm; (void)v; (void)va; (void)err;
  return -EFAULT;
}

int pagecache_evict(struct page *p) {
  (void)p;
  return -EBUSY;
}

int file_map_name(struct file *f, char *buf, u32 size) {
  (void)f;
  if (size > 0) buf[0] = 0;
  return 0;
}

int sys_msync(u32 addr, u32 len, int flags) {
  (void)addr; (void)len; (void)flags;
  return -ENOSYS;
}
