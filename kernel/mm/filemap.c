/*
 * filemap.c — the page cache: the pages of regular files, keyed by
 * (inode, page index), shared by read(2), write(2) and file mappings; and
 * what file mappings need of it (the fault, msync and write-back at unmap).
 *
 * Lookup is a hash of (inode, index) chained through struct page.private
 * (the next page in the bucket). A cached page is PG_CACHE, mapping = its
 * inode, index = its page number in the file; the cache holds one
 * reference, every PTE mapping it one more (and one mapcount). PG_LOCKED
 * marks a page being filled from disk: others finding it sleep on the page.
 * A page never reaches past the end of the file when it is read in: the
 * bytes past i_size are zero.
 *
 * Write policy: write(2) stays write-through (ext2 writes the block through
 * the buffer cache at once, so e2fsck is clean between system calls) and
 * also updates the cached page if there is one, so read(2) and mappings see
 * the same bytes. Only MAP_SHARED stores dirty a page (PTE_D); msync, munmap
 * and exit collect PTE_D into PG_DIRTY and write those pages back (the bytes
 * up to i_size; the rest of the block is zeroed), so after the process is
 * gone `cat` sees its writes.
 *
 * Inode lifetime: while an inode has cached pages (nrpages > 0) the cache
 * holds ONE reference on it, so its slot in the inode cache is not reused.
 * The reference goes with the last page: truncation, the last iput of an
 * unlinked inode (iput drops the pages first), reclaim (pagecache_evict),
 * or iget needing the slot (pagecache_release_inode). Truncation unmaps the
 * pages it drops from every mapper (rmap_unmap_file), so an access past the
 * new end faults (SIGBUS). A page dropped while still held (a mapper rmap
 * cannot see, a kernel reference) is orphaned: it leaves the hash, loses
 * PG_CACHE, and is freed by its last holder.
 *
 * Memory-only files (a file system with FS_NO_BACKING: tmpfs, SysV shared
 * memory) have no disk behind the cache: the cache IS the file. A missing
 * page is a hole (zeros); nothing is written back; reclaim and iget never
 * drop their pages (they cannot be swapped: docs/kernel.md "tmpfs"), only
 * truncation and the file's end do. Each page they gain is charged to the
 * superblock first (s_op->page_charge: tmpfs's size=, ENOSPC) and
 * uncharged when it leaves the cache.
 *
 * Locking: read and write hold the inode's sleep lock; the fault path does
 * not (a read(2) into a mapping of the same file faults while the reader
 * holds that lock), it only reads the block map. Write-back takes the lock.
 */
#include "buf.h"
#include "file.h"
#include "filemap.h"
#include "fs.h"
#include "gen/syscall_table.h"
#include "lib.h"
#include "mm.h"
#include "arch.h"
#include "param.h"
#include "printk.h"
#include "proc.h"
#include "rmap.h"
#include "swap.h"
#include "hako/errno.h"
#include "vm.h"

#define PC_HASH 512

u32 pagecache_nr_pages;
static struct page *pc_hash[PC_HASH];

static u32 pc_bucket(struct inode *ip, u32 index) {
  return (((u32)ip >> 4) * 31u + index) & (PC_HASH - 1);
}

struct page *pagecache_lookup(struct inode *ip, u32 index) {
  struct page *p = pc_hash[pc_bucket(ip, index)];
  while (p != NULL && (p->mapping != ip || p->index != index)) p = (struct page *)p->private;
  return p;
}

int pagecache_no_backing(struct inode *ip) {
  return (ip->sb->type->fs_flags & FS_NO_BACKING) != 0;
}

static void pc_insert(struct inode *ip, u32 index, struct page *p) {
  u32 b = pc_bucket(ip, index);
  p->flags |= PG_CACHE;
  p->mapping = ip;
  p->index = index;
  p->private = (u32)pc_hash[b];
  pc_hash[b] = p;
  if (ip->nrpages++ == 0) ip->refcount++;   /* the cache's one reference */
  pagecache_nr_pages++;
}

/* Takes p out of the hash and drops the cache's reference on it (and on
 * the inode with its last page). Whoever else holds p keeps it. */
static void pc_remove(struct page *p) {
  struct inode *ip = (struct inode *)p->mapping;
  struct page **link = &pc_hash[pc_bucket(ip, p->index)];
  while (*link != p) link = (struct page **)&(*link)->private;
  *link = (struct page *)p->private;
  p->private = 0;
  p->mapping = NULL;
  p->flags &= ~(u32)(PG_CACHE | PG_DIRTY);
  pagecache_nr_pages--;
  if (pagecache_no_backing(ip) && ip->sb->s_op->page_uncharge) ip->sb->s_op->page_uncharge(ip);
  if (--ip->nrpages == 0) ip->refcount--;
  put_page(p);
}

static u32 pages_read_in;   /* fills from the disk (a fault that fills is major) */

/* Reads file page `index` of ip into frame memory `to`; zeros past EOF.
 * The block is read by DMA straight into the page, not through the buffer
 * cache: no second copy, and no cached buffer pushed out for it. That is
 * coherent because the buffer cache writes through (the disk holds what
 * it holds) and the disk serves requests in order; the one writer that
 * could race, writei, updates the page after waiting for the fill
 * (filemap_write_through). */
static int fill_page(struct inode *ip, u32 index, char *to) {
  u32 off = index << PAGE_SHIFT;
  u32 bn = pagecache_no_backing(ip) ? 0 : ip->op->bmap(ip, index, 0);
  u32 valid;
  if (bn == 0) {
    memset(to, 0, PAGE_SIZE);
    return 0;
  }
  {
    struct buf b;
    memset(&b, 0, sizeof b);
    b.dev = ip->sb->bdev;
    b.blockno = bn;
    b.data = to;
    if (disk_rw(&b, 0) != 0) return -EIO;
    pages_read_in++;
  }
  valid = ip->size > off ? ip->size - off : 0;
  if (valid < PAGE_SIZE) memset(to + valid, 0, PAGE_SIZE - valid);
  return 0;
}

/* Sleeps until a page being filled is not any more. */
static void wait_filled(struct page *p) {
  u32 flags;
  if (!(p->flags & PG_LOCKED)) return;
  get_page(p);
  flags = irq_save();
  while (p->flags & PG_LOCKED) sleep_uninterruptible(p);
  irq_restore(flags);
  put_page(p);
}

/* Cache pages are user memory: above the kernel's reserve, with reclaim
 * (which drops clean cache pages and writes back dirty ones) and the OOM
 * killer behind it. */
static struct page *cache_alloc_page(void) {
  return alloc_user_page();
}

/* The cached page for (ip, index), filled, with a reference for the caller
 * (put_page when done); NULL with *err (-ENOMEM, -EIO). May sleep. */
struct page *pagecache_get(struct inode *ip, u32 index, int *err) {
  struct page *p;
  int r;
  for (;;) {
    u32 flags;
    p = pagecache_lookup(ip, index);
    if (p == NULL) break;
    get_page(p);
    /* Used again: reclaim's clock gives it a second chance (read(2) sets
     * no Accessed bit it could see). */
    p->flags |= PG_REFERENCED;
    if (!(p->flags & PG_LOCKED)) return p;
    flags = irq_save();
    while (p->flags & PG_LOCKED) sleep_uninterruptible(p);
    irq_restore(flags);
    /* The fill may have failed and dropped it: look again. */
    if ((p->flags & PG_CACHE) && p->mapping == ip && p->index == index) return p;
    put_page(p);
  }
  if (pagecache_no_backing(ip) && ip->sb->s_op->page_charge && (r = ip->sb->s_op->page_charge(ip)) != 0) {
    *err = r;
    return NULL;
  }
  p = cache_alloc_page();
  if (p == NULL) {
    if (pagecache_no_backing(ip) && ip->sb->s_op->page_uncharge) ip->sb->s_op->page_uncharge(ip);
    *err = -ENOMEM;
    return NULL;
  }
  /* Another filler may have inserted it while we waited for memory. */
  if (pagecache_lookup(ip, index) != NULL) {
    if (pagecache_no_backing(ip) && ip->sb->s_op->page_uncharge) ip->sb->s_op->page_uncharge(ip);
    put_page(p);
    return pagecache_get(ip, index, err);
  }
  p->flags |= PG_LOCKED;
  pc_insert(ip, index, p);          /* the allocation's reference is the cache's */
  get_page(p);                      /* and the caller's */
  r = fill_page(ip, index, (char *)page_address(p));
  p->flags &= ~(u32)PG_LOCKED;
  wakeup(p);
  if (r != 0) {
    pc_remove(p);
    put_page(p);
    *err = r;
    return NULL;
  }
  return p;
}

int filemap_read(struct inode *ip, void *dst, u32 off, u32 n, int user) {
  u32 done = 0;
  if (off >= ip->size) return 0;
  if (n > ip->size - off) n = ip->size - off;
  while (done < n) {
    u32 within = off & (PAGE_SIZE - 1);
    u32 chunk = MIN(n - done, PAGE_SIZE - within);
    char *to = (char *)dst + done;
    int err = 0;
    struct page *p = pagecache_get(ip, off >> PAGE_SHIFT, &err);
    if (p == NULL) return done ? (int)done : err;
    if (user) err = copyout(to, (char *)page_address(p) + within, chunk);
    else memcpy(to, (char *)page_address(p) + within, chunk);
    put_page(p);
    if (err) return done ? (int)done : -EFAULT;
    done += chunk;
    off += chunk;
  }
  return (int)done;
}

void filemap_write_through(struct inode *ip, u32 off, const void *src, u32 n) {
  struct page *p;
  if (ip->nrpages == 0) return;
  p = pagecache_lookup(ip, off >> PAGE_SHIFT);
  if (p == NULL) return;
  /* A fill in flight would land over these bytes: let it finish first. */
  if (p->flags & PG_LOCKED) {
    wait_filled(p);
    p = pagecache_lookup(ip, off >> PAGE_SHIFT);
    if (p == NULL) return;
  }
  memcpy((char *)page_address(p) + (off & (PAGE_SIZE - 1)), src, n);
}

/* Copies the first n bytes of p into the block buffer b (the rest of the
 * block zero), writes it and releases b. 0 or -EIO. */
static int write_page_to_block(struct buf *b, struct page *p, u32 n) {
  int err;
  memcpy(b->data, page_address(p), n);
  if (n < PAGE_SIZE) memset(b->data + n, 0, PAGE_SIZE - n);
  err = bwrite(b);
  brelse(b);
  return err;
}

/* Writes a dirty cached page of a locked inode back: the bytes below
 * i_size, the rest of the block zero. 0, -ENOSPC, -EIO. */
static int write_page(struct inode *ip, struct page *p) {
  u32 off = p->index << PAGE_SHIFT;
  u32 n, bn;
  struct buf *b;
  p->flags &= ~(u32)PG_DIRTY;
  if (off >= ip->size) return 0;   /* wholly past EOF: nothing of the file */
  n = MIN(ip->size - off, PAGE_SIZE);
  bn = ip->op->bmap(ip, p->index, 1);
  if (bn == 0) {
    printk(KERN_WARNING, "filemap: no space to write back page %u of inode %u", p->index, ip->ino);
    return -ENOSPC;
  }
  b = bread(ip->sb->bdev, bn);
  if (b == NULL) return -EIO;
  return write_page_to_block(b, p, n);
}

/* Writes back the PG_DIRTY cached pages of ip with index in [first, last).
 * Takes the inode lock. 0 or the first error. */
int filemap_write_range(struct inode *ip, u32 first, u32 last) {
  u32 idx, blocks_before;
  int err = 0;
  if (ip->nrpages == 0 || pagecache_no_backing(ip)) return 0;
  ilock(ip);
  blocks_before = ip->blocks;
  if (last > (ip->size + PAGE_SIZE - 1) >> PAGE_SHIFT) last = (ip->size + PAGE_SIZE - 1) >> PAGE_SHIFT;
  for (idx = first; idx < last; idx++) {
    struct page *p = pagecache_lookup(ip, idx);
    if (p != NULL && (p->flags & PG_DIRTY)) {
      int r = write_page(ip, p);
      if (r != 0 && err == 0) err = r;
    }
  }
  if (ip->blocks != blocks_before) iupdate(ip);   /* holes got blocks */
  iunlock(ip);
  return err;
}

/* Drops the cached pages of ip from page `first` on (truncation to first
 * pages, or the whole file), and zeros the tail of the page holding
 * `size` when it stays. Dirty data of dropped pages is discarded. */
void pagecache_truncate(struct inode *ip, u32 size) {
  u32 first = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
  u32 b;
  if (ip->nrpages == 0) return;
  if (size & (PAGE_SIZE - 1)) {
    struct page *p = pagecache_lookup(ip, size >> PAGE_SHIFT);
    if (p != NULL) wait_filled(p);
    p = pagecache_lookup(ip, size >> PAGE_SHIFT);
    if (p != NULL) memset((char *)page_address(p) + (size & (PAGE_SIZE - 1)), 0, PAGE_SIZE - (size & (PAGE_SIZE - 1)));
  }
  /* Fills in flight of pages going away finish first (they sleep, so
   * look again after each); the dropping below does not sleep. */
  for (b = 0; b < PC_HASH; b++) {
    struct page *p;
    for (p = pc_hash[b]; p != NULL; p = (struct page *)p->private) {
      if (p->mapping == ip && p->index >= first && (p->flags & PG_LOCKED)) {
        wait_filled(p);
        b = (u32)-1;   /* the chains may have changed: start over */
        break;
      }
    }
  }
  for (b = 0; b < PC_HASH && ip->nrpages > 0; b++) {
    struct page *p = pc_hash[b];
    while (p != NULL) {
      struct page *next = (struct page *)p->private;
      if (p->mapping == ip && p->index >= first) {
        /* Mappers lose the page (a later access past EOF is SIGBUS, as on
         * Linux); one rmap cannot see keeps it as an orphan. */
        if (p->mapcount > 0) rmap_unmap_file(p);
        pc_remove(p);
      }
      p = next;
    }
  }
}

/* iget wants the slot of ip, which only the cache holds: write back what
 * is dirty and drop every page. 0 when ip is free now, -EBUSY. */
int pagecache_release_inode(struct inode *ip) {
  u32 b;
  /* A memory-only file's pages are its contents: only umount drops them. */
  if (ip->refcount != 1 || ip->nrpages == 0 || ip->locked || pagecache_no_backing(ip)) return -EBUSY;
  for (b = 0; b < PC_HASH; b++) {
    struct page *p;
    for (p = pc_hash[b]; p != NULL; p = (struct page *)p->private) {
      if (p->mapping == ip && (p->mapcount > 0 || p->refcount > 1 || (p->flags & PG_LOCKED))) return -EBUSY;
    }
  }
  ip->refcount++;   /* keep it ours while writing back */
  filemap_write_range(ip, 0, 0xFFFFFFFFu);
  ip->refcount--;
  if (ip->refcount != 1) return -EBUSY;
  pagecache_truncate(ip, 0);
  return ip->refcount == 0 ? 0 : -EBUSY;
}

/* Write-back of a dirty page without the inode lock, which the caller's
 * own process holds (reclaim from inside a read that fills the cache): only
 * into a block the file already has (allocating one needs the lock), and
 * through the buffer cache, which keeps the block coherent with writei. */
static int write_page_unlocked(struct inode *ip, struct page *p) {
  u32 off = p->index << PAGE_SHIFT;
  u32 n, bn;
  struct buf *b;
  if (off >= ip->size) {
    p->flags &= ~(u32)PG_DIRTY;
    return 0;
  }
  bn = ip->op->bmap(ip, p->index, 0);
  if (bn == 0) return -EBUSY;
  b = bread(ip->sb->bdev, bn);
  if (b == NULL) return -EIO;
  if (!(p->flags & PG_CACHE) || p->mapping != ip) {
    brelse(b);   /* truncated meanwhile: its block may be free now */
    return -EBUSY;
  }
  n = MIN(ip->size - off, PAGE_SIZE);
  p->flags &= ~(u32)PG_DIRTY;
  return write_page_to_block(b, p, n);
}

int pagecache_evict(struct page *p) {
  struct inode *ip;
  int err = 0;
  if (!(p->flags & PG_CACHE) || p->mapcount > 0 || p->refcount > 1 || (p->flags & PG_LOCKED)) return -EBUSY;
  ip = (struct inode *)p->mapping;
  if (pagecache_no_backing(ip)) return -EBUSY;
  if (p->flags & PG_DIRTY) {
    get_page(p);
    /* Writing back needs the inode lock. Our own is already held. A
     * reclaimer holding some other inode lock must not wait for this one:
     * two processes each holding one inode and reclaiming the other's
     * pages would wait for each other forever, so the page is skipped
     * (the clock finds others). Holding none (kswapd, a plain fault), it
     * waits: the holder never waits for it. */
    if (ip->locked && ip->lock_owner == current) err = write_page_unlocked(ip, p);
    else if (ip->locked && current->inode_locks > 0) err = -EBUSY;
    else err = filemap_write_range(ip, p->index, p->index + 1);
    if (p->refcount > 2 || p->mapcount > 0 || !(p->flags & PG_CACHE) || (p->flags & PG_DIRTY)) {
      put_page(p);
      return err ? err : -EBUSY;
    }
    put_page(p);
    if (err) return err;
  }
  pc_remove(p);
  return 0;
}

/* A file page of a VMA: MAP_SHARED maps the cached frame itself (writable
 * if the area is: stores set PTE_D, collected at msync/unmap); MAP_PRIVATE
 * maps it read-only with PTE_COW, so the first write copies (fault.c). */
int filemap_fault(struct mm *mm, struct vm_area *v, u32 va, u32 err) {
  struct inode *ip = v->file->inode;
  u32 index = v->pgoff + ((va - v->start) >> PAGE_SHIFT);
  u32 flags = PTE_U;
  struct page *p;
  int r = 0;
  u32 read_before = pages_read_in;
  pte_t *pte;
  if (index >= (ip->size + PAGE_SIZE - 1) >> PAGE_SHIFT) return -EFAULT;
  p = pagecache_get(ip, index, &r);
  if (p == NULL) return r == -ENOSPC ? -EIO : r;   /* a full tmpfs: SIGBUS, as Linux */
  if (pages_read_in != read_before) vm_stat_pgmajfault++;   /* it waited for the disk */
  pte = pgdir_walk(mm->pgdir, va, 1);
  if (pte == NULL) {
    put_page(p);
    return -ENOMEM;
  }
  if (*pte & PTE_P) {
    /* Someone mapped it while we slept on the disk. */
    put_page(p);
    return 0;
  }
  if ((err & PF_WRITE) && !(v->flags & VM_SHARED)) {
    /* A private write: copy at once rather than take a second fault. */
    struct page *copy = alloc_user_page();
    if (copy == NULL) {
      put_page(p);
      return -ENOMEM;
    }
    memcpy(page_address(copy), page_address(p), PAGE_SIZE);
    put_page(p);
    copy->flags |= PG_ANON;
    copy->mapping = mm;
    copy->index = va >> PAGE_SHIFT;
    copy->mapcount = 1;
    p = copy;
    flags |= PTE_W;
  } else if (v->flags & VM_SHARED) {
    if (v->prot & VM_WRITE) flags |= PTE_W;
    p->mapcount++;
  } else {
    flags |= PTE_COW;
    p->mapcount++;
  }
  *pte = page_to_phys(p) | flags | PTE_P;   /* the caller's reference becomes the PTE's */
  mm->rss++;
  mm->page_faults++;
  return 0;
}

int file_map_name(struct file *f, char *buf, u32 size) {
  if (size == 0) return 0;
  if (f == NULL || f->path == NULL) {
    buf[0] = 0;
    return 0;
  }
  return (int)MIN(strlcpy(buf, f->path, size), size - 1);
}

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* Moves the hardware dirty bits of the present pages of [start, end) of a
 * shared file area into PG_DIRTY (clearing PTE_D, so later stores mark the
 * page again). */
static void collect_dirty(struct mm *mm, u32 start, u32 end) {
  u32 va;
  for (va = start; va < end; va += PAGE_SIZE) {
    pte_t *pte;
    if ((mm->pgdir[PDX(va)] & PTE_P) == 0) {
      va = (va & 0xFFC00000u) + 0x400000u - PAGE_SIZE;
      continue;
    }
    pte = pgdir_walk(mm->pgdir, va, 0);
    if ((*pte & (PTE_P | PTE_D)) != (PTE_P | PTE_D)) continue;
    {
      struct page *p = pfn_to_page(*pte >> PAGE_SHIFT);
      *pte &= ~(pte_t)PTE_D;
      flush_tlb_page(mm, va);
      if (p->flags & PG_CACHE) p->flags |= PG_DIRTY;
    }
  }
}

/* Collects PTE_D of every MAP_SHARED mapping of ip (of every file when ip
 * is NULL), in every process, into PG_DIRTY. */
static void collect_all_mappers(struct inode *ip) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *q = list_entry(n, struct proc, all_node);
    struct vm_area *v;
    if (q->mm == NULL || q->state == P_UNUSED || q->state == P_ZOMBIE) continue;
    for (v = q->mm->vmas; v; v = v->next) {
      if (v->file == NULL || !(v->flags & VM_SHARED)) continue;
      if (ip != NULL && v->file->inode != ip) continue;
      collect_dirty(q->mm, v->start, v->end);
    }
  }
}

/* fsync/fdatasync of a regular file: what shared mappings wrote reaches
 * the disk (write(2) already did). 0 or the first error. */
int filemap_fsync(struct inode *ip) {
  if (ip->nrpages == 0) return 0;
  collect_all_mappers(ip);
  return filemap_write_range(ip, 0, 0xFFFFFFFFu);
}

/* sync: the same for every file. */
void filemap_sync_all(void) {
  collect_all_mappers(NULL);
  for (;;) {
    struct page *dirty = NULL;
    u32 b;
    for (b = 0; b < PC_HASH && dirty == NULL; b++) {
      struct page *p;
      for (p = pc_hash[b]; p != NULL; p = (struct page *)p->private) {
        if (p->flags & PG_DIRTY) {
          dirty = p;
          break;
        }
      }
    }
    if (dirty == NULL) return;
    /* A page that cannot be written (no space) stops being dirty too. */
    filemap_write_range((struct inode *)dirty->mapping, 0, 0xFFFFFFFFu);
    if (dirty->flags & PG_DIRTY) dirty->flags &= ~(u32)PG_DIRTY;
  }
}

/* Write-back of a shared file area's [start, end) at munmap and exit, after
 * unmap_range has turned PTE_D into PG_DIRTY. */
void filemap_unmap_writeback(struct vm_area *v, u32 start, u32 end) {
  u32 first;
  if (v->file == NULL || !(v->flags & VM_SHARED)) return;
  first = v->pgoff + ((start - v->start) >> PAGE_SHIFT);
  filemap_write_range(v->file->inode, first, first + ((end - start) >> PAGE_SHIFT));
}

int sys_msync(u32 addr, u32 len, int flags) {
  struct mm *mm = current->mm;
  struct vm_area *v;
  u32 end, covered;
  int err = 0;
  if ((addr & (PAGE_SIZE - 1)) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
      (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) {
    return -EINVAL;
  }
  len = ALIGN_UP(len, PAGE_SIZE);
  if (addr >= USER_TOP || len > USER_TOP - addr) return -ENOMEM;
  if (len == 0) return 0;
  end = addr + len;
  /* Linux: ENOMEM when part of the range is not mapped. */
  v = vma_find(mm, addr);
  if (v == NULL) return -ENOMEM;
  for (covered = v->end; covered < end; covered = v->end) {
    if (v->next == NULL || v->next->start != covered) return -ENOMEM;
    v = v->next;
  }
  /* MS_ASYNC writes too (synchronously): simplest, and what a reader of
   * the file after msync expects. MS_INVALIDATE has nothing to drop: the
   * mapping is the cache. */
  for (v = vma_find(mm, addr); v != NULL && v->start < end; v = v->next) {
    u32 lo = MAX(v->start, addr), hi = MIN(v->end, end);
    int r;
    if (v->file == NULL || !(v->flags & VM_SHARED)) continue;
    collect_dirty(mm, lo, hi);
    r = filemap_write_range(v->file->inode, v->pgoff + ((lo - v->start) >> PAGE_SHIFT),
                            v->pgoff + ((hi - v->start) >> PAGE_SHIFT));
    if (r != 0 && err == 0) err = r;
  }
  return err;
}
