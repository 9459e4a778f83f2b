/*
 * shm.c — System V shared memory (Linux's ipc/shm.c semantics): shmget,
 * shmat, shmdt, shmctl, reached directly (395-398) or through ipc()
 * (util.c).
 *
 * A segment's pages are the page-cache pages of an unlinked tmpfs inode
 * on a superblock of our own that is mounted nowhere (Linux's shm_mnt), so
 * every attacher maps the same frames: shmat is a MAP_SHARED mapping of
 * that inode (mm/mmap.c do_mmap), faulted in through the page cache like
 * any shared file mapping, kept across fork, dropped at exit and exec.
 * Those pages are never swapped or evicted (FS_NO_BACKING: there is no
 * file to write them to); the segments' total is bounded by SHMALL pages.
 *
 * Attachments are counted by references: a segment has (at most) two
 * struct files, one for read-only and one for read-write attaches, and
 * every VMA mapping the segment holds a reference on one of them (taken at
 * shmat, at a VMA split and at fork; dropped by vma_free at shmdt, munmap,
 * exit, exec). shm_nattch is the sum of those references, as Linux counts
 * VMAs. When a file's last reference goes, its release clears it from the
 * segment; a segment marked SHM_DEST by IPC_RMID is destroyed then, when
 * nothing is attached any more. Until then it keeps its id (IPC_STAT,
 * shmat by id still work, as on Linux) but its key becomes IPC_PRIVATE.
 * Interrupts off serialize the tables and the counts; nothing here sleeps
 * with a segment half-made.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "fs/tmpfs/tmpfs.h"
#include "ipc.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_FIXED 0x10

struct shm_segment {
  struct kern_ipc_perm perm;   /* first: the table holds &perm */
  u32 segsz;                   /* bytes, as asked */
  u32 pages;                   /* counted in the namespace's shm_tot */
  struct inode *inode;         /* the pages (an unlinked tmpfs file) */
  struct file *files[2];       /* [0] read-only, [1] read-write attaches */
  struct ipc_namespace *ns;
  int cpid, lpid;
  u32 atime, dtime, ctime;
};

static struct super_block shm_sb;   /* tmpfs, mounted nowhere */

static const struct file_ops shm_file_ops;

static struct super_block *shm_super(int *err) {
  if (shm_sb.type == NULL) {
    shm_sb.type = &tmpfs_fs_type;
    shm_sb.bdev = -1;
    *err = tmpfs_fs_type.fill_super(&shm_sb, -1);
    if (*err) {
      memset(&shm_sb, 0, sizeof shm_sb);
      return NULL;
    }
    tmpfs_set_limit(&shm_sb, 0);   /* SHMALL is the bound, not a size= */
  }
  return &shm_sb;
}

static u32 nattch(struct shm_segment *s) {
  return (s->files[0] ? (u32)s->files[0]->refcount : 0) + (s->files[1] ? (u32)s->files[1]->refcount : 0);
}

static struct shm_segment *segment_of(int id) {
  struct kern_ipc_perm *p = ipc_lookup(&current_ipc_ns()->shm, id);
  return p ? CONTAINER_OF(p, struct shm_segment, perm) : NULL;
}

/* Out of the table and freed (nothing attached). Interrupts off. */
static void segment_destroy(struct shm_segment *s) {
  ipc_remove(&s->ns->shm, &s->perm);
  s->ns->shm_tot -= s->pages;
  iput(s->inode);   /* its pages go with its last reference */
  kfree(s);
}

/* The namespace of ids is ending (ipc_ns_release, interrupts off): an
 * unattached segment goes now; an attached one (its process left with
 * setns) leaves the table, is marked for destruction and counts in the
 * initial namespace's total until its last detach, so it never points at
 * the freed namespace. */
void shm_release_ids(struct ipc_ids *ids) {
  int slot;
  for (slot = 0; slot < ids->max; slot++) {
    struct shm_segment *s;
    if (ids->slots[slot] == NULL) continue;
    s = CONTAINER_OF(ids->slots[slot], struct shm_segment, perm);
    if (nattch(s) == 0) {
      segment_destroy(s);
      continue;
    }
    ipc_remove(ids, &s->perm);
    s->perm.mode |= SHM_DEST;
    s->ns->shm_tot -= s->pages;
    s->ns = &init_ipc_ns;
    init_ipc_ns.shm_tot += s->pages;
  }
}

static struct kern_ipc_perm *shm_make(int key, int flags, int *err);
static u32 pending_size;   /* shmget's size for shm_make (interrupts off between) */

static struct kern_ipc_perm *shm_make(int key, int flags, int *err) {
  struct ipc_namespace *ns = current_ipc_ns();
  struct shm_segment *s;
  struct super_block *sb;
  u32 size = pending_size;
  u32 pages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
  (void)key;
  if (size < SHMMIN || size > SHMMAX) {
    *err = -EINVAL;
    return NULL;
  }
  if (ns->shm_tot + pages > SHMALL) {
    *err = -ENOSPC;
    return NULL;
  }
  sb = shm_super(err);
  if (sb == NULL) return NULL;
  s = (struct shm_segment *)kmalloc(sizeof *s);
  if (s == NULL) {
    *err = -ENOMEM;
    return NULL;
  }
  s->inode = tmpfs_new_inode(sb, S_IFREG | ((u32)flags & 0777), 0, err);
  if (s->inode == NULL) {
    kfree(s);
    if (*err == -ENFILE) *err = -ENOSPC;
    return NULL;
  }
  s->inode->size = size;
  iunlock(s->inode);
  s->segsz = size;
  s->pages = pages;
  s->ns = ns;
  s->cpid = current->tgid;
  s->ctime = time_now();
  ns->shm_tot += pages;
  return &s->perm;
}

int sys_shmget(int key, u32 size, int flags) {
  u32 irq = irq_save();
  int id;
  struct shm_segment *s;
  pending_size = size;
  id = ipc_get(&current_ipc_ns()->shm, key, flags, shm_make);
  if (id >= 0 && (s = segment_of(id)) != NULL && s->segsz < size) id = -EINVAL;   /* an existing one, too small */
  irq_restore(irq);
  return id;
}

/* The segment's file for read-only (0) or read-write (1) attaches,
 * referenced for the caller; made at the first such attach. */
static struct file *segment_file(struct shm_segment *s, int rw) {
  struct file *f = s->files[rw];
  char name[32];
  if (f) return file_dup(f);
  f = file_alloc(&shm_file_ops, rw ? O_RDWR : O_RDONLY);
  if (f == NULL) return NULL;
  f->inode = idup(s->inode);
  f->private = s;
  f->offset = 0;
  f->path = NULL;
  f->path_base = NULL;
  snprintf(name, sizeof name, "/SYSV%08x (deleted)", (u32)s->perm.key);   /* as Linux's maps names it */
  file_set_path(f, NULL, name);
  s->files[rw] = f;
  return f;
}

/* A file's last reference went (its last VMA): the attach count drops. */
static void shm_file_release(struct file *f) {
  struct shm_segment *s = (struct shm_segment *)f->private;
  u32 irq = irq_save();
  if (s->files[0] == f) s->files[0] = NULL;
  if (s->files[1] == f) s->files[1] = NULL;
  if (nattch(s) == 0 && (s->perm.mode & SHM_DEST)) segment_destroy(s);
  irq_restore(irq);
}

static int shm_file_mmap(struct file *f) {
  (void)f;
  return 0;
}

static const struct file_ops shm_file_ops = {
  .release = shm_file_release,
  .mmap = shm_file_mmap,
};

int do_shmat(int id, u32 addr, int flags, u32 *result) {
  struct mm *mm = current->mm;
  struct shm_segment *s;
  struct file *f;
  u32 prot, irq, size;
  int rw = !(flags & SHM_RDONLY);
  int r, mflags = MAP_SHARED;
  if (id < 0) return -EINVAL;
  if (addr) {
    if (addr & (SHMLBA - 1)) {
      if (!(flags & SHM_RND)) return -EINVAL;
      addr &= ~(u32)(SHMLBA - 1);
      if (addr == 0 && (flags & SHM_REMAP)) return -EINVAL;
    }
    if (addr) mflags |= MAP_FIXED;
  } else if (flags & SHM_REMAP) {
    return -EINVAL;
  }
  prot = PROT_READ | (rw ? PROT_WRITE : 0) | ((flags & SHM_EXEC) ? PROT_EXEC : 0);
  irq = irq_save();
  s = segment_of(id);
  if (s == NULL) {
    irq_restore(irq);
    return -EINVAL;
  }
  r = ipc_permitted(&s->perm, rw ? 6 : 4);
  if (r == 0 && (flags & SHM_EXEC)) r = ipc_permitted(&s->perm, 1);
  if (r) {
    irq_restore(irq);
    return r;
  }
  size = s->pages << PAGE_SHIFT;
  /* Without SHM_REMAP an attach never replaces what is mapped there. */
  if ((mflags & MAP_FIXED) && !(flags & SHM_REMAP) &&
      (addr >= USER_TOP || size > USER_TOP - addr || vma_overlaps(mm, addr, addr + size))) {
    irq_restore(irq);
    return -EINVAL;
  }
  f = segment_file(s, rw);   /* holds the segment while we map */
  irq_restore(irq);
  if (f == NULL) return -ENOMEM;
  r = do_mmap(mm, addr, size, prot, (u32)mflags, f, 0);   /* the VMA takes its own reference */
  irq = irq_save();
  if (r >= 0 || r < -4095) {
    s->lpid = current->tgid;
    s->atime = time_now();
  }
  irq_restore(irq);
  file_close(f);
  if (r < 0 && r >= -4095) return r;
  *result = (u32)r;
  return 0;
}

int sys_shmat(int id, u32 addr, int flags) {
  u32 result;
  int err = do_shmat(id, addr, flags, &result);
  return err ? err : (int)result;
}

static struct shm_segment *segment_of_vma(struct vm_area *v) {
  return v->file && v->file->ops == &shm_file_ops ? (struct shm_segment *)v->file->private : NULL;
}

/* Detaches the attach that starts at addr: every VMA of that segment
 * within its size from there (Linux: the one whose start less its offset
 * is addr). EINVAL when no attach starts at addr. */
int sys_shmdt(u32 addr) {
  struct mm *mm = current->mm;
  struct vm_area *v;
  struct shm_segment *s = NULL;
  u32 end, irq;
  if (addr & (PAGE_SIZE - 1)) return -EINVAL;
  for (v = vma_first_after(mm, addr); v; v = v->next) {
    struct shm_segment *vs = segment_of_vma(v);
    if (vs && v->start - (v->pgoff << PAGE_SHIFT) == addr) {
      s = vs;
      break;
    }
  }
  if (s == NULL) return -EINVAL;
  irq = irq_save();
  s->lpid = current->tgid;
  s->dtime = time_now();
  end = addr + (s->pages << PAGE_SHIFT);
  irq_restore(irq);
  if (end < addr || end > USER_TOP) end = USER_TOP;
  /* Unmapping may free the segment: compare by pointer only, never read it. */
  for (;;) {
    for (v = vma_first_after(mm, addr); v && v->start < end; v = v->next)
      if (segment_of_vma(v) == s) break;
    if (v == NULL || v->start >= end) break;
    if (do_munmap(mm, v->start, v->end) != 0) break;
  }
  return 0;
}

static void fill_stat(struct shm_segment *s, struct shmid64_ds *ds) {
  memset(ds, 0, sizeof *ds);
  ipc_fill_perm(&s->perm, &ds->shm_perm);
  ds->shm_segsz = s->segsz;
  ds->shm_atime = s->atime;
  ds->shm_dtime = s->dtime;
  ds->shm_ctime = s->ctime;
  ds->shm_cpid = s->cpid;
  ds->shm_lpid = s->lpid;
  ds->shm_nattch = nattch(s);
}

/* The highest slot in use (IPC_INFO, SHM_INFO), 0 when none. */
static int highest_slot(struct ipc_namespace *ns) {
  int i, top = 0;
  for (i = 0; i < SHMMNI; i++)
    if (ns->shm_slots[i]) top = i;
  return top;
}

static int shm_info_call(int cmd, void *ubuf) {
  struct ipc_namespace *ns = current_ipc_ns();
  u32 irq = irq_save();
  int top = highest_slot(ns);
  if (cmd == IPC_INFO) {
    struct shminfo64 info;
    memset(&info, 0, sizeof info);
    info.shmmax = SHMMAX;
    info.shmmin = SHMMIN;
    info.shmmni = SHMMNI;
    info.shmseg = SHMMNI;
    info.shmall = SHMALL;
    irq_restore(irq);
    return copyout(ubuf, &info, sizeof info) != 0 ? -EFAULT : top;
  } else {
    struct shm_info info;
    int i;
    memset(&info, 0, sizeof info);
    info.used_ids = ns->shm.in_use;
    info.shm_tot = ns->shm_tot;
    for (i = 0; i < SHMMNI; i++)
      if (ns->shm_slots[i]) info.shm_rss += CONTAINER_OF(ns->shm_slots[i], struct shm_segment, perm)->inode->nrpages;
    irq_restore(irq);
    return copyout(ubuf, &info, sizeof info) != 0 ? -EFAULT : top;
  }
}

int sys_shmctl(int id, int cmd, void *ubuf) {
  struct ipc_namespace *ns = current_ipc_ns();
  struct shm_segment *s;
  struct shmid64_ds ds;
  u32 irq;
  int err = 0;
  int with_64 = (cmd & IPC_64) != 0;
  cmd &= ~IPC_64;
  if (cmd == IPC_INFO || cmd == SHM_INFO) return shm_info_call(cmd, ubuf);
  if ((cmd == IPC_STAT || cmd == IPC_SET || cmd == SHM_STAT || cmd == SHM_STAT_ANY) && !with_64) {
    return -EINVAL;   /* 64 layouts only */
  }
  if (cmd == IPC_SET && copyin(&ds, ubuf, sizeof ds) != 0) return -EFAULT;
  irq = irq_save();
  if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {   /* id is a table slot (ipcs walks them) */
    struct kern_ipc_perm *p = id >= 0 && id < SHMMNI ? ns->shm_slots[id] : NULL;
    s = p ? CONTAINER_OF(p, struct shm_segment, perm) : NULL;
  } else {
    s = segment_of(id);
  }
  if (s == NULL) {
    irq_restore(irq);
    return -EINVAL;
  }
  switch (cmd) {
  case IPC_STAT:
  case SHM_STAT:
  case SHM_STAT_ANY:
    if (cmd != SHM_STAT_ANY) err = ipc_permitted(&s->perm, 4);
    if (err) break;
    fill_stat(s, &ds);
    id = s->perm.id;
    irq_restore(irq);
    if (copyout(ubuf, &ds, sizeof ds) != 0) return -EFAULT;
    return cmd == IPC_STAT ? 0 : id;
  case IPC_SET:
    err = ipc_owner_or_root(&s->perm);
    if (err) break;
    ipc_set_perm(&s->perm, &ds.shm_perm);
    s->inode->mode = S_IFREG | (s->perm.mode & 0777);
    s->ctime = time_now();
    break;
  case IPC_RMID:
    err = ipc_owner_or_root(&s->perm);
    if (err) break;
    if (nattch(s) == 0) {
      segment_destroy(s);
    } else {
      s->perm.mode |= SHM_DEST;
      s->perm.key = IPC_PRIVATE;   /* no shmget finds it any more */
    }
    break;
  case SHM_LOCK:
  case SHM_UNLOCK:
    err = ipc_owner_or_root(&s->perm);
    if (err) break;
    if (cmd == SHM_LOCK) s->perm.mode |= SHM_LOCKED;
    else s->perm.mode &= ~(u32)SHM_LOCKED;
    break;
  default:
    err = -EINVAL;
  }
  irq_restore(irq);
  return err;
}

/* /proc/sysvipc/shm's line for table slot `slot` in Linux's (32-bit)
 * format, or 0 (an empty slot). rss is in bytes. */
int shm_proc_line(int slot, char *buf, u32 size) {
  struct ipc_namespace *ns = current_ipc_ns();
  struct shm_segment *s;
  int n;
  u32 irq = irq_save();
  if (slot < 0 || slot >= SHMMNI || ns->shm_slots[slot] == NULL) {
    irq_restore(irq);
    return 0;
  }
  s = CONTAINER_OF(ns->shm_slots[slot], struct shm_segment, perm);
  n = snprintf(buf, size, "%10d %10d  %4o %10u %5d %5d  %5u %5u %5u %5u %5u %10u %10u %10u %10u %10u\n", s->perm.key,
               s->perm.id, s->perm.mode, s->segsz, s->cpid, s->lpid, nattch(s), s->perm.uid, s->perm.gid,
               s->perm.cuid, s->perm.cgid, s->atime, s->dtime, s->ctime, s->inode->nrpages << PAGE_SHIFT, 0u);
  irq_restore(irq);
  return n;
}
