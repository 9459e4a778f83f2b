/*
 * base.c — procfs: /proc, files the kernel writes on demand, in Linux's
 * formats; mounted by the VFS on the root volume's /proc directory.
 *
 * Contents: /proc/meminfo, /proc/uptime (with the idle time),
 * /proc/loadavg (loadavg.c's averages), and a directory per process with
 * `stat` (Linux's one-line format, the fields ps reads) and `status`,
 * and `task/`, a directory per thread with its own stat and status
 * (task.c).
 * Inodes live in the VFS inode cache like any other; their number says
 * what they are (the root is 1; else 0xF0000000 | pid << 4 | kind), and
 * read_inode fills them from it, so nothing is stored. A directory is
 * generated as one block of ext2-style records, which lookup does not
 * need (names are matched here) and readdir walks; a file's bytes are
 * generated afresh on every read (a read at offset > 0 sees a new
 * snapshot, as on Linux). Everything is read-only except
 * PID/oom_score_adj: an open for writing of anything else is EACCES, and
 * names cannot be created or removed (no such operations: EPERM).
 * The memory views (meminfo, vmstat, buddyinfo, slabinfo, swaps, PID/maps,
 * PID/status's Vm lines, PID/oom_score(_adj)) live in mem.c.
 * /proc/self is the caller's PID directory (a directory alias rather than
 * Linux's symlink; not listed).
 */
#include "arch.h"
#include "buf.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "hako/fcntl.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"
#include "fs/proc/internal.h"

#define PROC_ROOT_INO 1

/* The procfs part of a struct inode. */
struct proc_inode_info {
  int kind;
  int pid;      /* the process it describes */
};
#define PROC_I(ip) ((struct proc_inode_info *)(ip)->i_private)

static struct super_block *proc_sb;
static const struct inode_operations proc_dir_inode_ops;
static const struct file_ops proc_dir_ops;
static const struct file_ops proc_file_ops;

static u32 proc_ino(int kind, int pid) {
  if (kind == PROC_ROOT) return PROC_ROOT_INO;
  return 0xF0000000u | ((u32)pid << 4) | (u32)kind;
}

static struct inode *proc_inode(int kind, int pid) {
  return iget(proc_sb, proc_ino(kind, pid));
}

struct inode *procfs_iget(u32 ino) {
  return iget(proc_sb, ino);
}

/* Everything an inode is follows from its number. */
static int proc_read_inode(struct inode *ip, int want_live) {
  int kind = ip->ino == PROC_ROOT_INO ? PROC_ROOT : (int)(ip->ino & 15);
  if ((ip->ino & 0xF0000000u) == PROC_TASK_INO_BASE) kind = procfs_task_kind(ip->ino);
  (void)want_live;
  PROC_I(ip)->kind = kind;
  PROC_I(ip)->pid = kind == PROC_ROOT ? 0 : (int)((ip->ino >> 4) & 0xFFFFFF);
  ip->uid = ip->gid = 0;
  ip->blocks = 0;
  ip->rdev = 0;
  ip->nlink = 1;
  ip->atime = ip->mtime = ip->ctime = time_now();
  if (kind == PROC_ROOT || kind == PROC_PID_DIR || kind == PROC_PID_TASK || kind == PROC_TASK_DIR) {
    ip->mode = S_IFDIR | 0555;
    ip->size = BLOCK_SIZE;
    ip->nlink = 2;
    ip->op = &proc_dir_inode_ops;
    ip->fop = &proc_dir_ops;
  } else {
    ip->mode = kind == PROC_PID_OOM_ADJ ? S_IFREG | 0644 : S_IFREG | 0444;
    ip->size = 0;   /* as on Linux: the size of a /proc file is unknown until read */
    ip->op = NULL;
    ip->fop = &proc_file_ops;
  }
  return 0;
}

static int proc_statfs(struct super_block *sb, struct kstatfs *st) {
  (void)sb;
  st->type = 0x9FA0;   /* PROC_SUPER_MAGIC */
  st->bsize = BLOCK_SIZE;
  return 0;
}

static const struct super_operations proc_super_ops = {
  .read_inode = proc_read_inode,
  .statfs = proc_statfs,
};

static int proc_fill_super(struct super_block *sb, int dev) {
  (void)dev;
  sb->s_op = &proc_super_ops;
  sb->s_dev = anon_dev_alloc();
  sb->root_ino = PROC_ROOT_INO;
  sb->max_inodes = 0xFFFFFFFFu;
  proc_sb = sb;
  return 0;
}

const struct file_system_type proc_fs_type = { "proc", proc_fill_super };

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
void add_dirent(struct out *o, u32 ino, const char *name, u32 type, u32 *last) {
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

void finish_dir(struct out *o, u32 last) {
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
  if (PROC_I(ip)->kind == PROC_ROOT) {
    char name[12];
    struct inode *top = vfs_root();
    add_dirent(o, ip->ino, ".", 2, &last);
    add_dirent(o, top ? top->ino : ip->ino, "..", 2, &last);
    if (top) iput(top);
    add_dirent(o, 0xF0000000u | PROC_MEMINFO, "meminfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_UPTIME, "uptime", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_LOADAVG, "loadavg", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_VMSTAT, "vmstat", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_BUDDYINFO, "buddyinfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_SLABINFO, "slabinfo", 1, &last);
    add_dirent(o, 0xF0000000u | PROC_SWAPS, "swaps", 1, &last);
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *p = list_entry(n, struct proc, all_node);
      if (p->pid == 0 || p->group_leader != p) continue;   /* threads: PID/task (task.c) */
      snprintf(name, sizeof name, "%d", p->pid);
      add_dirent(o, 0xF0000000u | ((u32)p->pid << 4) | PROC_PID_DIR, name, 2, &last);
    }
    finish_dir(o, last);
  } else if (PROC_I(ip)->kind == PROC_PID_DIR) {
    add_dirent(o, ip->ino, ".", 2, &last);
    add_dirent(o, PROC_ROOT_INO, "..", 2, &last);
    add_dirent(o, ip->ino + 1, "stat", 1, &last);
    add_dirent(o, ip->ino + 2, "status", 1, &last);
    add_dirent(o, ip->ino + 4, "maps", 1, &last);
    add_dirent(o, ip->ino + (PROC_PID_OOM_SCORE - PROC_PID_DIR), "oom_score", 1, &last);
    add_dirent(o, ip->ino + (PROC_PID_OOM_ADJ - PROC_PID_DIR), "oom_score_adj", 1, &last);
    add_dirent(o, ip->ino + (PROC_PID_TASK - PROC_PID_DIR), "task", 2, &last);
    finish_dir(o, last);
  } else if (PROC_I(ip)->kind == PROC_PID_TASK || PROC_I(ip)->kind == PROC_TASK_DIR) {
    procfs_task_generate(PROC_I(ip)->kind, PROC_I(ip)->pid, ip->ino, o);
  } else if (procfs_mem_generate(PROC_I(ip)->kind, o)) {
    return;
  } else if (PROC_I(ip)->kind == PROC_UPTIME) {
    u32 s, us, is, ius;
    uptime(&s, &us);
    idle_time(&is, &ius);
    outf(o, "%u.%02u %u.%02u\n", s, us / 10000, is, ius / 10000);
  } else if (PROC_I(ip)->kind == PROC_LOADAVG) {
    /* Linux's format: three averages, running/total tasks, last pid */
    u32 running, total, i;
    loadavg_counts(&running, &total);
    for (i = 0; i < 3; i++) {
      u32 v = avenrun[i] + (1u << LOADAVG_FSHIFT) / 200;   /* rounded to the 2nd decimal, as Linux */
      outf(o, "%u.%02u ", v >> LOADAVG_FSHIFT, ((v & ((1u << LOADAVG_FSHIFT) - 1)) * 100) >> LOADAVG_FSHIFT);
    }
    outf(o, "%u/%u %d\n", running, total, proc_last_pid());
  } else {
    struct proc *p = proc_find(PROC_I(ip)->pid);
    if (p == NULL) return;
    if (procfs_mem_generate_pid(PROC_I(ip)->kind, p, o)) {
      return;
    } else if (PROC_I(ip)->kind == PROC_PID_STAT) {
      /* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
       * cminflt majflt cmajflt utime stime cutime cstime priority nice
       * num_threads itrealvalue starttime vsize rss. Every user process
       * has the console (/dev/console, 5:1) as its controlling terminal,
       * tpgid being its foreground group; kernel threads have none (0, -1). */
      u32 vsize = 0;
      struct vm_area *v;
      if (p->mm) for (v = p->mm->vmas; v; v = v->next) vsize += v->end - v->start;
      outf(o, "%d (%s) %c %d %d %d %d %d 0 %u 0 0 0 %u %u %u %u %d %d %d 0 %u %u %u\n", p->pid, p->name,
           state_letter(p->state), p->parent ? p->parent->pid : 0, p->pgid, p->sid, p->mm ? 0x0501 : 0,
           p->mm ? tty_foreground() : -1,
           p->mm ? p->mm->page_faults : 0, p->utime, p->stime, p->cutime, p->cstime, 20 + p->nice, p->nice,
           p->group_leader->nr_threads, p->start_jiffies, vsize, p->mm ? p->mm->rss : 0);
    } else {
      outf(o, "Name:\t%s\nState:\t%c\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", p->name,
           state_letter(p->state), p->tgid, p->pid, p->parent ? p->parent->pid : 0, p->uid, p->uid, p->uid, p->uid, p->gid,
           p->gid, p->gid, p->gid);
      if (p->mm) procfs_status_mem(o, p->mm);
      outf(o, "Threads:\t%d\n", p->group_leader->nr_threads);
      outf(o, "SigPnd:\t%08x\nSigBlk:\t%08x\n", p->sig_pending, p->sig_blocked);
    }
  }
}

static int proc_file_read(struct file *f, char *dst, u32 n) {
  struct inode *ip = f->inode;
  u32 off = f->offset;
  int user = !f->kernel_io;
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
  if (r > 0) f->offset += (u32)r;
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

static struct inode *lookup(struct inode *dp, const char *name, u32 len) {
  if (name_is(name, len, ".")) return idup(dp);
  if (PROC_I(dp)->kind == PROC_ROOT) {
    int pid;
    if (name_is(name, len, "..")) return idup(dp);   /* the VFS steps out of the mount itself */
    if (name_is(name, len, "meminfo")) return proc_inode(PROC_MEMINFO, 0);
    if (name_is(name, len, "uptime")) return proc_inode(PROC_UPTIME, 0);
    if (name_is(name, len, "loadavg")) return proc_inode(PROC_LOADAVG, 0);
    if (name_is(name, len, "vmstat")) return proc_inode(PROC_VMSTAT, 0);
    if (name_is(name, len, "buddyinfo")) return proc_inode(PROC_BUDDYINFO, 0);
    if (name_is(name, len, "slabinfo")) return proc_inode(PROC_SLABINFO, 0);
    if (name_is(name, len, "swaps")) return proc_inode(PROC_SWAPS, 0);
    if (name_is(name, len, "self")) return current != NULL ? proc_inode(PROC_PID_DIR, current->tgid) : NULL;
    pid = parse_pid(name, len);
    if (pid > 0 && proc_find(pid) != NULL) return proc_inode(PROC_PID_DIR, pid);
    return NULL;
  }
  if (PROC_I(dp)->kind == PROC_PID_DIR) {
    if (name_is(name, len, "..")) return proc_inode(PROC_ROOT, 0);
    if (proc_find(PROC_I(dp)->pid) == NULL) return NULL;
    if (name_is(name, len, "stat")) return proc_inode(PROC_PID_STAT, PROC_I(dp)->pid);
    if (name_is(name, len, "status")) return proc_inode(PROC_PID_STATUS, PROC_I(dp)->pid);
    if (name_is(name, len, "maps")) return proc_inode(PROC_PID_MAPS, PROC_I(dp)->pid);
    if (name_is(name, len, "oom_score")) return proc_inode(PROC_PID_OOM_SCORE, PROC_I(dp)->pid);
    if (name_is(name, len, "oom_score_adj")) return proc_inode(PROC_PID_OOM_ADJ, PROC_I(dp)->pid);
    if (name_is(name, len, "task")) return proc_inode(PROC_PID_TASK, PROC_I(dp)->pid);
  }
  if (PROC_I(dp)->kind == PROC_PID_TASK || PROC_I(dp)->kind == PROC_TASK_DIR)
    return procfs_task_lookup(PROC_I(dp)->kind, PROC_I(dp)->pid, name, len);
  return NULL;
}

static struct inode *proc_lookup(struct inode *dp, const char *name, u32 len, int *err) {
  struct inode *ip = lookup(dp, name, len);
  *err = ip ? 0 : -ENOENT;
  return ip;
}

/* readdir: the generated block's records from f->offset on. */
static int proc_readdir(struct file *f, struct dir_context *ctx) {
  struct out o;
  int r = 0;
  o.buf = (char *)kmalloc(PROC_BUF);
  o.len = 0;
  if (o.buf == NULL) return -ENOMEM;
  generate(f->inode, &o);
  while (f->offset + 8 <= o.len) {
    char *e = o.buf + f->offset;
    u32 ino = *(u32 *)e;
    u32 rec = *(u16 *)(e + 4);
    u32 len = (u8)e[6];
    u32 type = (u8)e[7];
    if (rec < 8 || f->offset + rec > o.len) break;
    if (ino != 0 && len != 0) {
      r = ctx->actor(ctx, e + 8, len, ino, f->offset + rec, type == 2 ? 4 : type == 1 ? 8 : 0);
      if (r) break;
    }
    f->offset += rec;
  }
  kfree(o.buf);
  return r < 0 ? r : 0;
}

/* Only PID/oom_score_adj takes writes. */
static int proc_open(struct inode *ip, u32 flags) {
  if ((flags & O_ACCMODE) != O_RDONLY && PROC_I(ip)->kind != PROC_PID_OOM_ADJ) return -EACCES;
  return 0;
}

static int proc_file_write(struct file *f, const char *src, u32 n) {
  struct proc *p;
  int r;
  /* like Linux: the value is the whole write, wherever it lands */
  if (PROC_I(f->inode)->kind != PROC_PID_OOM_ADJ) return -EPERM;
  p = proc_find(PROC_I(f->inode)->pid);
  if (p == NULL || p->state == P_ZOMBIE) return -ESRCH;
  r = procfs_write_oom_adj(p, src, n, 1);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static const struct inode_operations proc_dir_inode_ops = {
  .lookup = proc_lookup,
};

static const struct file_ops proc_dir_ops = {
  .read = generic_dir_read,
  .llseek = generic_llseek,
  .iterate = proc_readdir,
};

static const struct file_ops proc_file_ops = {
  .read = proc_file_read,
  .write = proc_file_write,
  .llseek = generic_llseek,
  .open = proc_open,
};
