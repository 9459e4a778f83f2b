/*
 * procfs.c — /proc: files the kernel writes on demand, in Linux's formats,
 * mounted over the root volume's empty /proc directory.
 *
 * Contents: /proc/meminfo, /proc/uptime (with the idle time),
 * /proc/loadavg (loadavg.c's averages), and a directory per process with
 * `stat` (Linux's one-line format, the fields ps reads) and `status`.
 * Inodes are synthetic (fstype FS_PROC), kmalloc'd per lookup and freed on
 * the last iput; the root's inode number is that of the mount point, so
 * `..` and getcwd work across the mount. A directory reads as ext2
 * directory entries (one 4 KiB block), so getdents and name lookups in the
 * generic code work unchanged; a file's bytes are generated afresh on every
 * read (a read at offset > 0 sees a new snapshot, as on Linux). Everything
 * is read-only except PID/oom_score_adj (procfs_may_write/procfs_write):
 * other writes are refused with EPERM/EACCES by the ext2 entry points.
 * The memory views (meminfo, vmstat, buddyinfo, slabinfo, swaps, PID/maps,
 * PID/status's Vm lines, PID/oom_score(_adj)) live in procfs_mem.c.
 * /proc/self is the caller's PID directory (a directory alias rather than
 * Linux's symlink; not listed).
 */
#include "arch.h"
#include "buf.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"
#include "fs/procfs_internal.h"

static u32 mount_ino;   /* ext2 inode number of /proc, 0 = not mounted */

static struct inode *proc_inode(int kind, int pid) {
  struct inode *ip = (struct inode *)kmalloc(sizeof(struct inode));
  if (ip == NULL) return NULL;
  ip->fstype = FS_PROC;
  ip->proc_kind = kind;
  ip->proc_pid = pid;
  ip->refcount = 1;
  ip->valid = 1;
  ip->nlink = 1;
  ip->atime = ip->mtime = ip->ctime = time_now();
  if (kind == PROC_ROOT) {
    ip->ino = mount_ino;
    ip->mode = S_IFDIR | 0555;
    ip->size = BLOCK_SIZE;
    ip->nlink = 2;
  } else if (kind == PROC_PID_DIR) {
    ip->ino = 0xF0000000u | ((u32)pid << 4) | (u32)kind;
    ip->mode = S_IFDIR | 0555;
    ip->size = BLOCK_SIZE;
    ip->nlink = 2;
  } else {
    ip->ino = 0xF0000000u | ((u32)pid << 4) | (u32)kind;
    ip->mode = kind == PROC_PID_OOM_ADJ ? S_IFREG | 0644 : S_IFREG | 0444;
    ip->size = 0;   /* as on Linux: the size of a /proc file is unknown until read */
  }
  return ip;
}

void procfs_mount(void) {
  int err;
  struct inode *ip = namei("/proc", 1, &err);
  if (ip == NULL) return;
  ilock(ip);
  if (S_ISDIR(ip->mode)) mount_ino = ip->ino;
  iunlock(ip);
  /* The reference is kept: the mount point stays in the inode cache. */
  if (mount_ino) printk(KERN_INFO, "procfs: mounted on /proc");
}

struct inode *procfs_cross(struct inode *ip) {
  if (ip != NULL && mount_ino != 0 && ip->fstype == FS_EXT2 && ip->ino == mount_ino) {
    struct inode *root = proc_inode(PROC_ROOT, 0);
    if (root != NULL) {
      iput(ip);
      return root;
    }
  }
  return ip;
}

int procfs_is_mount_point(struct inode *ip) {
  if (ip->fstype == FS_PROC) return ip->proc_kind == PROC_ROOT;
  return mount_ino != 0 && ip->ino == mount_ino;
}

void procfs_put(struct inode *ip) {
  if (--ip->refcount == 0) kfree(ip);
}

static void emit_out(int c, void *arg) {
  struct out *o = (struct out *)arg;
  if (o->len < PROC_BUF) o->buf[o->len++] = (char)c;
}

void outf(struct out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vformat(emit_out, o, fmt, ap);
  va_end(ap);
}

/* Spaces until the line that began at line_start is `column` wide. */
void out_pad_to(struct out *o, u32 line_start, u32 column) {
  while (o->len - line_start < column && o->len < PROC_BUF) o->buf[o->len++] = ' ';
}

/* A directory as one block of ext2 entries. */
static void add_dirent(struct out *o, u32 ino, const char *name, u32 type, u32 *last) {
  u32 len = strlen(name);
  u32 rec = (8 + len + 3) & ~3u;
  if (o->len + rec > BLOCK_SIZE) return;
  *last = o->len;
  *(u32 *)(o->buf + o->len) = ino;
  *(u16 *)(o->buf + o->len + 4) = (u16)rec;
  o->buf[o->len + 6] = (char)len;
  o->buf[o->len + 7] = (char)type;
  memcpy(o->buf + o->len + 8, name, len);
  o->len += rec;
}

static void finish_dir(struct out *o, u32 last) {
  /* The last entry's rec_len reaches the end of the block. */
  *(u16 *)(o->buf + last + 4) = (u16)(BLOCK_SIZE - last);
  memset(o->buf + o->len, 0, BLOCK_SIZE - o->len);
  o->len = BLOCK_SIZE;
}

static char state_letter(int state) {
  switch (state) {
    case P_RUNNING: return 'R';
    case P_RUNNABLE: return 'R';
    case P_SLEEPING: return 'S';
    case P_STOPPED: return 'T';
    case P_ZOMBIE: return 'Z';
  }
  return '?';
}

static void generate(struct inode *ip, struct out *o) {
  struct list_head *n;
  u32 last = 0;
  if (ip->proc_kind == PROC_ROOT) {
    char name[12];
    add_dirent(o, ip->ino, ".", 2, &last);
    add_dirent(o, ROOT_INO, "..", 2, &last);
    add_dirent(o, 0xF0000000u | PROC_MEMINFO, "meminfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_UPTIME, "uptime", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_LOADAVG, "loadavg", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_VMSTAT, "vmstat", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_BUDDYINFO, "buddyinfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_SLABINFO, "slabinfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_SWAPS, "swaps", 1, &last);
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *p = list_entry(n, struct proc, all_node);
      if (p->pid == 0) continue;
      snprintf(name, sizeof name, "%d", p->pid);
      add_dirent(o, 0xF0000000u | ((u32)p->pid << 4) | PROC_PID_DIR, name, 2, &last);
    }
    finish_dir(o, last);
  } else if (ip->proc_kind == PROC_PID_DIR) {
    add_dirent(o, ip->ino, ".", 2, &last);
    add_dirent(o, mount_ino, "..", 2, &last);
    add_dirent(o, ip->ino + 1, "stat", 1, &last);
    add_dirent(o, ip->ino + 2, "status", 1, &last);
    add_dirent(o, ip->ino + 4, "maps", 1, &last);
    add_dirent(o, ip->ino + (PROC_PID_OOM_SCORE - PROC_PID_DIR), "oom_score", 1, &last);
    add_dirent(o, ip->ino + (PROC_PID_OOM_ADJ - PROC_PID_DIR), "oom_score_adj", 1, &last);
    finish_dir(o, last);
  } else if (procfs_mem_generate(ip->proc_kind, o)) {
    return;
  } else if (ip->proc_kind == PROC_UPTIME) {
    u32 s, us, is, ius;
    uptime(&s, &us);
    idle_time(&is, &ius);
    outf(o, "%u.%02u %u.%02u\n", s, us / 10000, is, ius / 10000);
  } else if (ip->proc_kind == PROC_LOADAVG) {
    /* Linux's format: three averages, running/total tasks, last pid */
    u32 running, total, i;
    loadavg_counts(&running, &total);
    for (i = 0; i < 3; i++) {
      u32 v = avenrun[i] + (1u << LOADAVG_FSHIFT) / 200;   /* rounded to the 2nd decimal, as Linux */
      outf(o, "%u.%02u ", v >> LOADAVG_FSHIFT, ((v & ((1u << LOADAVG_FSHIFT) - 1)) * 100) >> LOADAVG_FSHIFT);
    }
    outf(o, "%u/%u %d\n", running, total, proc_last_pid());
  } else {
    struct proc *p = proc_find(ip->proc_pid);
    if (p == NULL) return;
    if (procfs_mem_generate_pid(ip->proc_kind, p, o)) {
      return;
    } else if (ip->proc_kind == PROC_PID_STAT) {
      /* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
       * cminflt majflt cmajflt utime stime cutime cstime priority nice
       * num_threads itrealvalue starttime vsize rss. Every user process
       * has the console (/dev/console, 5:1) as its controlling terminal,
       * tpgid being its foreground group; kernel threads have none (0, -1). */
      u32 vsize = 0;
      struct vm_area *v;
      if (p->mm) for (v = p->mm->vmas; v; v = v->next) vsize += v->end - v->start;
      outf(o, "%d (%s) %c %d %d %d %d %d 0 %u 0 0 0 %u %u %u %u %d %d 1 0 %u %u %u\n", p->pid, p->name,
           state_letter(p->state), p->parent ? p->parent->pid : 0, p->pgid, p->sid, p->mm ? 0x0501 : 0,
           p->mm ? tty_foreground() : -1,
           p->mm ? p->mm->page_faults : 0, p->utime, p->stime, p->cutime, p->cstime, 20 + p->nice, p->nice,
           p->start_jiffies, vsize, p->mm ? p->mm->rss : 0);
    } else {
      outf(o, "Name:\t%s\nState:\t%c\nPid:\t%d\nPPid:\t%d\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", p->name,
           state_letter(p->state), p->pid, p->parent ? p->parent->pid : 0, p->uid, p->uid, p->uid, p->uid, p->gid,
           p->gid, p->gid, p->gid);
      if (p->mm) procfs_status_mem(o, p->mm);
      outf(o, "SigPnd:\t%08x\nSigBlk:\t%08x\n", p->sig_pending, p->sig_blocked);
    }
  }
}

int procfs_read(struct inode *ip, void *dst, u32 off, u32 n, int user) {
  struct out o;
  int r = 0;
  o.buf = (char *)kmalloc(PROC_BUF);
  o.len = 0;
  if (o.buf == NULL) return -ENOMEM;
  generate(ip, &o);
  if (off < o.len) {
    if (n > o.len - off) n = o.len - off;
    if (user) r = copyout(dst, o.buf + off, n) == 0 ? (int)n : -EFAULT;
    else {
      memcpy(dst, o.buf + off, n);
      r = (int)n;
    }
  }
  kfree(o.buf);
  return r;
}

static int parse_pid(const char *name, u32 len) {
  int v = 0;
  u32 i;
  if (len == 0 || len > 6) return -1;
  for (i = 0; i < len; i++) {
    if (name[i] < '0' || name[i] > '9') return -1;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

static int name_is(const char *name, u32 len, const char *want) {
  return strlen(want) == len && memcmp(name, want, len) == 0;
}

struct inode *procfs_lookup(struct inode *dp, const char *name, u32 len) {
  if (name_is(name, len, ".")) return idup(dp);
  if (dp->proc_kind == PROC_ROOT) {
    int pid;
    if (name_is(name, len, "..")) return iget(ROOT_INO);
    if (name_is(name, len, "meminfo")) return proc_inode(PROC_MEMINFO, 0);
    if (name_is(name, len, "uptime")) return proc_inode(PROC_UPTIME, 0);
    if (name_is(name, len, "loadavg")) return proc_inode(PROC_LOADAVG, 0);
    if (name_is(name, len, "vmstat")) return proc_inode(PROC_VMSTAT, 0);
    if (name_is(name, len, "buddyinfo")) return proc_inode(PROC_BUDDYINFO, 0);
    if (name_is(name, len, "slabinfo")) return proc_inode(PROC_SLABINFO, 0);
    if (name_is(name, len, "swaps")) return proc_inode(PROC_SWAPS, 0);
    if (name_is(name, len, "self")) return current != NULL ? proc_inode(PROC_PID_DIR, current->pid) : NULL;
    pid = parse_pid(name, len);
    if (pid > 0 && proc_find(pid) != NULL) return proc_inode(PROC_PID_DIR, pid);
    return NULL;
  }
  if (dp->proc_kind == PROC_PID_DIR) {
    if (name_is(name, len, "..")) return proc_inode(PROC_ROOT, 0);
    if (proc_find(dp->proc_pid) == NULL) return NULL;
    if (name_is(name, len, "stat")) return proc_inode(PROC_PID_STAT, dp->proc_pid);
    if (name_is(name, len, "status")) return proc_inode(PROC_PID_STATUS, dp->proc_pid);
    if (name_is(name, len, "maps")) return proc_inode(PROC_PID_MAPS, dp->proc_pid);
    if (name_is(name, len, "oom_score")) return proc_inode(PROC_PID_OOM_SCORE, dp->proc_pid);
    if (name_is(name, len, "oom_score_adj")) return proc_inode(PROC_PID_OOM_ADJ, dp->proc_pid);
  }
  return NULL;
}

int procfs_may_write(struct inode *ip) {
  return ip->proc_kind == PROC_PID_OOM_ADJ;
}

int procfs_write(struct inode *ip, const void *src, u32 off, u32 n, int user) {
  struct proc *p;
  (void)off;   /* like Linux: the value is the whole write, wherever it lands */
  if (ip->proc_kind != PROC_PID_OOM_ADJ) return -EPERM;
  p = proc_find(ip->proc_pid);
  if (p == NULL || p->state == P_ZOMBIE) return -ESRCH;
  return procfs_write_oom_adj(p, src, n, user);
}
