/*
 * base.c — procfs: /proc, files the kernel writes on demand, in Linux's
 * formats; mounted by the VFS on the root volume's /proc directory. This
 * file is the mechanism: the superblock, inodes, the directory tables,
 * lookup, readdir and the file operations; what each file says lives in
 * pid.c, links.c, sys.c and mem.c (internal.h).
 *
 * Inodes live in the VFS inode cache like any other; their number says
 * what they are (internal.h), and read_inode fills them from it, so
 * nothing is stored. A process's files belong to its effective uid and gid
 * (Linux's task_dump_owner for a dumpable task): since a cached inode may
 * outlive a setuid, permission and getattr take the owner afresh from the
 * process. A directory is generated as ext2-style records (up to
 * PROC_DIR_BUF, the last one padded to the end of its block),
 * which lookup does not need (names are matched against the tables here)
 * and readdir walks; a file's bytes are generated afresh on every read (a
 * read at offset > 0 sees a new snapshot, as on Linux), except cmdline and
 * environ, read straight from the process's memory at the offset.
 * Everything is read-only except PID/oom_score_adj: an open for writing of
 * anything else is EACCES, and names cannot be created or removed (no such
 * operations: EPERM). PID/environ opens only for its own user or root
 * (EACCES, Linux's ptrace-read rule), whatever the mode says.
 */
#include "arch.h"
#include "buf.h"
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "hako/fcntl.h"
#include "lib.h"
#include "mm.h"
#include "net.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"
#include "fs/proc/internal.h"

#define PROC_ROOT_INO 1

/* A name in a directory and the kind of inode it is. */
struct proc_entry {
  const char *name;
  int kind;
};

static const struct proc_entry root_entries[] = {
  { "meminfo", PROC_MEMINFO },         { "uptime", PROC_UPTIME },
  { "loadavg", PROC_LOADAVG },         { "vmstat", PROC_VMSTAT },
  { "buddyinfo", PROC_BUDDYINFO },     { "slabinfo", PROC_SLABINFO },
  { "swaps", PROC_SWAPS },             { "stat", PROC_STAT },
  { "cpuinfo", PROC_CPUINFO },         { "interrupts", PROC_INTERRUPTS },
  { "version", PROC_VERSION },         { "filesystems", PROC_FILESYSTEMS },
  { "mounts", PROC_MOUNTS_LINK },      { "self", PROC_SELF },
  { "sysvipc", PROC_SYSVIPC },
  { "net", PROC_NET_DIR },
  { NULL, 0 },
};

static const struct proc_entry net_entries[] = {
  { "unix", PROC_NET_UNIX },
  { "tcp", PROC_NET_TCP },   { "udp", PROC_NET_UDP },     { "arp", PROC_NET_ARP },
  { "dev", PROC_NET_DEV },   { "route", PROC_NET_ROUTE }, { "snmp", PROC_NET_SNMP },
  { NULL, 0 },
};

/* A process's directory (PID/task/ joins it with threads). */
static const struct proc_entry pid_entries[] = {
  { "stat", PROC_PID_STAT },           { "status", PROC_PID_STATUS },
  { "cmdline", PROC_PID_CMDLINE },     { "environ", PROC_PID_ENVIRON },
  { "maps", PROC_PID_MAPS },           { "mounts", PROC_PID_MOUNTS },
  { "pagemap", PROC_PID_PAGEMAP },
  { "fd", PROC_PID_FD_DIR },           { "cwd", PROC_PID_CWD },
  { "root", PROC_PID_ROOT },           { "exe", PROC_PID_EXE },
  { "oom_score", PROC_PID_OOM_SCORE }, { "oom_score_adj", PROC_PID_OOM_ADJ },
  { "task", PROC_PID_TASK },           { "limits", PROC_PID_LIMITS },
  { "cgroup", PROC_PID_CGROUP },
  { "ns", PROC_PID_NS_DIR },
  { NULL, 0 },
};

static const struct inode_operations proc_dir_inode_ops;
static const struct inode_operations proc_file_inode_ops;
static const struct inode_operations proc_link_inode_ops;
static const struct file_ops proc_dir_ops;
static const struct file_ops proc_file_ops;

u32 proc_ino(int kind, int pid, int fd) {
  if (kind == PROC_ROOT) return PROC_ROOT_INO;
  return 0x80000000u | ((u32)pid << 16) | ((u32)fd << 6) | (u32)kind;
}

/* An inode of the /proc mounted as sb (each mount of proc has its own
 * superblock; a lookup makes inodes of its directory's). */
struct inode *proc_inode(struct super_block *sb, int kind, int pid, int fd) {
  return iget(sb, proc_ino(kind, pid, fd));
}

struct proc *proc_of(struct inode *ip, int live) {
  struct proc *p = PROC_I(ip)->pid > 0 ? proc_find_ns(PROC_I(ip)->pid, PROC_NS(ip->sb)) : NULL;
  if (p != NULL && live && p->state == P_ZOMBIE) return NULL;
  return p;
}

static int is_dir_kind(int kind) {
  return kind == PROC_ROOT || kind == PROC_PID_DIR || kind == PROC_PID_FD_DIR || kind == PROC_PID_TASK ||
         kind == PROC_TASK_DIR || kind == PROC_SYSVIPC || kind == PROC_NET_DIR || kind == PROC_PID_NS_DIR;
}

static int is_link_kind(int kind) {
  return kind == PROC_SELF || kind == PROC_MOUNTS_LINK || kind == PROC_PID_FD || kind == PROC_PID_CWD ||
         kind == PROC_PID_ROOT || kind == PROC_PID_EXE || procfs_ns_kind(kind) != 0;
}

/* Linux's modes: fd/ is the owner's only, environ is 0400, a fd link has
 * r-x/-wx/rwx for the owner as the file is open, other links are 0777. */
static u32 kind_mode(int kind, struct proc *p, int fd) {
  switch (kind) {
    case PROC_ROOT:
    case PROC_PID_DIR:
    case PROC_PID_TASK:
    case PROC_TASK_DIR:
    case PROC_SYSVIPC: return S_IFDIR | 0555;
    case PROC_NET_DIR: return S_IFDIR | 0555;
    case PROC_PID_FD_DIR: return S_IFDIR | 0500;
    case PROC_PID_NS_DIR: return S_IFDIR | 0511;
    case PROC_PID_FD: return p ? (u32)procfs_fd_mode(p, fd) : S_IFLNK | 0700;
    case PROC_PID_ENVIRON:
    case PROC_PID_PAGEMAP: return S_IFREG | 0400;
    case PROC_PID_OOM_ADJ: return S_IFREG | 0644;
  }
  if (is_link_kind(kind)) return S_IFLNK | 0777;
  return S_IFREG | 0444;
}

/* The owner of a process's files is its effective ids, now. */
static void refresh_owner(struct inode *ip) {
  struct proc *p = proc_of(ip, 0);
  if (p == NULL) return;
  ip->uid = p->uid;
  ip->gid = p->gid;
  if (PROC_I(ip)->kind == PROC_PID_FD) {
    u32 mode = (u32)procfs_fd_mode(p, PROC_I(ip)->fd);
    if (mode) ip->mode = mode;
  }
}

/* Everything an inode is follows from its number. */
static int proc_read_inode(struct inode *ip, int want_live) {
  int kind = ip->ino == PROC_ROOT_INO ? PROC_ROOT : (int)(ip->ino & (PROC_KINDS - 1));
  struct proc *p;
  (void)want_live;
  PROC_I(ip)->kind = kind;
  PROC_I(ip)->pid = kind == PROC_ROOT ? 0 : (int)((ip->ino >> 16) & 0x7FFF);
  PROC_I(ip)->fd = kind == PROC_ROOT ? 0 : (int)((ip->ino >> 6) & (NR_OPEN - 1));
  p = proc_of(ip, 0);
  ip->uid = p ? p->uid : 0;
  ip->gid = p ? p->gid : 0;
  ip->blocks = 0;
  ip->rdev = 0;
  ip->nlink = 1;
  ip->atime = ip->mtime = ip->ctime = time_now();
  ip->mode = kind_mode(kind, p, PROC_I(ip)->fd);
  ip->size = 0;   /* as on Linux: the size of a /proc file is unknown until read */
  if (is_dir_kind(kind)) {
    ip->size = BLOCK_SIZE;
    ip->nlink = 2;
    ip->op = &proc_dir_inode_ops;
    ip->fop = &proc_dir_ops;
  } else if (is_link_kind(kind)) {
    ip->op = &proc_link_inode_ops;
    ip->fop = NULL;
  } else {
    ip->op = &proc_file_inode_ops;
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

static void proc_put_super(struct super_block *sb) {
  ns_put(&PROC_NS(sb)->ns);
}

static const struct super_operations proc_super_ops = {
  .read_inode = proc_read_inode,
  .statfs = proc_statfs,
  .put_super = proc_put_super,
};

static int proc_fill_super(struct super_block *sb, int dev) {
  struct pid_namespace *ns = task_active_pid_ns(current);   /* the mounter's */
  (void)dev;
  ns_get(&ns->ns);
  sb->fs_info = ns;
  sb->s_op = &proc_super_ops;
  sb->s_dev = anon_dev_alloc();
  sb->root_ino = PROC_ROOT_INO;
  sb->max_inodes = 0xFFFFFFFFu;
  return 0;
}

const struct file_system_type proc_fs_type = { "proc", proc_fill_super, 0 };

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

/* type: ext2's file type (1 file, 2 directory, 7 link); the listing keeps the DT_* readdir gives. */
void add_dirent(struct out *o, u32 ino, const char *name, u32 type, u32 *last) {
  u32 at = o->len;
  if (dirlist_add(o->buf, &o->len, PROC_DIR_BUF, ino, name, type == 2 ? 4 : type == 7 ? 10 : 8)) *last = at;
}

static void finish_dir(struct out *o, u32 last) {
  /* The last entry's rec_len reaches the end of its block. */
  u32 end = (o->len + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
  *(u16 *)(o->buf + last + 4) = (u16)(end - last);
  memset(o->buf + o->len, 0, end - o->len);
  o->len = end;
}

static u32 entry_type(int kind) {
  if (is_dir_kind(kind)) return 2;
  return is_link_kind(kind) ? 7 : 1;
}

static void add_entries(struct out *o, const struct proc_entry *e, int pid, u32 *last) {
  for (; e->name; e++) add_dirent(o, proc_ino(e->kind, pid, 0), e->name, entry_type(e->kind), last);
}

static void generate_dir(struct inode *ip, struct out *o) {
  struct list_head *n;
  u32 last = 0;
  int pid = PROC_I(ip)->pid;
  add_dirent(o, ip->ino, ".", 2, &last);
  if (PROC_I(ip)->kind == PROC_ROOT) {
    char name[12];
    struct inode *top = vfs_root();
    add_dirent(o, top ? top->ino : ip->ino, "..", 2, &last);
    if (top) iput(top);
    add_entries(o, root_entries, 0, &last);
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *p = list_entry(n, struct proc, all_node);
      int nr = pid_nr_ns(p, o->ns);   /* 0: outside the mount's pid namespace */
      if (nr == 0 || p->group_leader != p) continue;   /* threads: PID/task (task.c) */
      snprintf(name, sizeof name, "%d", nr);
      add_dirent(o, proc_ino(PROC_PID_DIR, nr, 0), name, 2, &last);
    }
  } else if (PROC_I(ip)->kind == PROC_PID_DIR) {
    add_dirent(o, PROC_ROOT_INO, "..", 2, &last);
    add_entries(o, pid_entries, pid, &last);
  } else if (PROC_I(ip)->kind == PROC_NET_DIR) {
    add_dirent(o, PROC_ROOT_INO, "..", 2, &last);
    add_entries(o, net_entries, 0, &last);
  } else if (PROC_I(ip)->kind == PROC_PID_TASK || PROC_I(ip)->kind == PROC_TASK_DIR) {
    procfs_task_dir(PROC_I(ip)->kind, pid, o, &last);
  } else if (PROC_I(ip)->kind == PROC_SYSVIPC) {
    add_dirent(o, PROC_ROOT_INO, "..", 2, &last);
    procfs_sysvipc_dir(o, &last);
  } else if (PROC_I(ip)->kind == PROC_PID_NS_DIR) {
    add_dirent(o, proc_ino(PROC_PID_DIR, pid, 0), "..", 2, &last);
    if (proc_of(ip, 1)) procfs_ns_entries(pid, o, &last);
  } else {
    struct proc *p = proc_of(ip, 1);
    add_dirent(o, proc_ino(PROC_PID_DIR, pid, 0), "..", 2, &last);
    if (p) procfs_fd_entries(p, pid, o, &last);
  }
  finish_dir(o, last);
}

static void generate(struct inode *ip, struct out *o) {
  int kind = PROC_I(ip)->kind;
  struct proc *p;
  if (is_dir_kind(kind)) {
    generate_dir(ip, o);
    return;
  }
  if (procfs_mem_generate(kind, o) || procfs_sys_generate(kind, o) || procfs_sysvipc_generate(kind, o)) return;
  if (kind == PROC_NET_UNIX) {
    char line[200];
    int i;
    for (i = 0; unix_proc_net_line(i, line, sizeof line) >= 0; i++) outf(o, "%s", line);
    return;
  }
  if (kind >= PROC_NET_TCP && kind <= PROC_NET_SNMP) {
    procfs_net_generate(kind, o);
    return;
  }
  p = proc_of(ip, 0);
  if (p == NULL) return;
  if (kind == PROC_TASK_STAT || kind == PROC_TASK_STATUS) {   /* a thread's own (pid field = tid) */
    procfs_pid_generate(kind == PROC_TASK_STAT ? PROC_PID_STAT : PROC_PID_STATUS, p, o);
    return;
  }
  if (procfs_mem_generate_pid(kind, p, o)) return;
  procfs_pid_generate(kind, p, o);
}

static int proc_file_read(struct file *f, char *dst, u32 n) {
  struct inode *ip = f->inode;
  u32 off = f->offset;
  int user = !f->kernel_io;
  struct out o;
  int r = 0;
  if (PROC_I(ip)->kind == PROC_PID_CMDLINE || PROC_I(ip)->kind == PROC_PID_ENVIRON) {
    r = procfs_read_args(ip, off, dst, n, user);
    if (r > 0) f->offset += (u32)r;
    return r;
  }
  if (PROC_I(ip)->kind == PROC_PID_PAGEMAP) {
    r = procfs_read_pagemap(ip, off, dst, n, user);
    if (r > 0) f->offset += (u32)r;
    return r;
  }
  o.buf = (char *)kmalloc(PROC_BUF);
  o.len = 0;
  o.ns = PROC_NS(ip->sb);
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

int procfs_parse_number(const char *name, u32 len) {
  int v = 0;
  u32 i;
  if (len == 0 || len > 6 || (name[0] == '0' && len > 1)) return -1;
  for (i = 0; i < len; i++) {
    if (name[i] < '0' || name[i] > '9') return -1;
    v = v * 10 + (name[i] - '0');
  }
  return v;
}

int procfs_name_is(const char *name, u32 len, const char *want) {
  return strlen(want) == len && memcmp(name, want, len) == 0;
}

static struct inode *lookup_entry(struct super_block *sb, const struct proc_entry *e, const char *name, u32 len, int pid) {
  for (; e->name; e++) {
    if (procfs_name_is(name, len, e->name)) return proc_inode(sb, e->kind, pid, 0);
  }
  return NULL;
}

static struct inode *lookup(struct inode *dp, const char *name, u32 len) {
  int kind = PROC_I(dp)->kind;
  int pid = PROC_I(dp)->pid;
  if (procfs_name_is(name, len, ".")) return idup(dp);
  if (kind == PROC_ROOT) {
    struct inode *ip;
    int n;
    if (procfs_name_is(name, len, "..")) return idup(dp);   /* the VFS steps out of the mount itself */
    if ((ip = lookup_entry(dp->sb, root_entries, name, len, 0)) != NULL) return ip;
    n = procfs_parse_number(name, len);
    if (n > 0 && proc_find_ns(n, PROC_NS(dp->sb)) != NULL) return proc_inode(dp->sb, PROC_PID_DIR, n, 0);
    return NULL;
  }
  if (kind == PROC_PID_DIR) {
    if (procfs_name_is(name, len, "..")) return proc_inode(dp->sb, PROC_ROOT, 0, 0);
    if (proc_find_ns(pid, PROC_NS(dp->sb)) == NULL) return NULL;
    return lookup_entry(dp->sb, pid_entries, name, len, pid);
  }
  if (kind == PROC_NET_DIR) {
    if (procfs_name_is(name, len, "..")) return proc_inode(dp->sb, PROC_ROOT, 0, 0);
    return lookup_entry(dp->sb, net_entries, name, len, 0);
  }
  if (kind == PROC_PID_NS_DIR) {
    if (procfs_name_is(name, len, "..")) return proc_inode(dp->sb, PROC_PID_DIR, pid, 0);
    if (proc_of(dp, 1) == NULL) return NULL;
    return procfs_ns_lookup(dp->sb, pid, name, len);
  }
  if (kind == PROC_PID_FD_DIR) {
    struct proc *p;
    int fd;
    if (procfs_name_is(name, len, "..")) return proc_inode(dp->sb, PROC_PID_DIR, pid, 0);
    p = proc_of(dp, 1);
    fd = procfs_parse_number(name, len);
    if (p == NULL || procfs_fd_mode(p, fd) == 0) return NULL;
    return proc_inode(dp->sb, PROC_PID_FD, pid, fd);
  }
  if (PROC_I(dp)->kind == PROC_PID_TASK || PROC_I(dp)->kind == PROC_TASK_DIR)
    return procfs_task_lookup(dp->sb, PROC_I(dp)->kind, PROC_I(dp)->pid, name, len);
  if (kind == PROC_SYSVIPC) {
    if (procfs_name_is(name, len, "..")) return proc_inode(dp->sb, PROC_ROOT, 0, 0);
    return procfs_sysvipc_lookup(dp->sb, name, len);
  }
  return NULL;
}

static struct inode *proc_lookup(struct inode *dp, const char *name, u32 len, int *err) {
  struct inode *ip = lookup(dp, name, len);
  *err = ip ? 0 : -ENOENT;
  return ip;
}

/* readdir: the generated records from f->offset on. */
static int proc_readdir(struct file *f, struct dir_context *ctx) {
  struct out o;
  int r = 0;
  o.buf = (char *)kmalloc_nozero(PROC_DIR_BUF);   /* finish_dir clears the tail */
  o.len = 0;
  o.ns = PROC_NS(f->inode->sb);
  if (o.buf == NULL) return -ENOMEM;
  generate(f->inode, &o);
  r = dirlist_emit(o.buf, o.len, f, ctx);
  kfree(o.buf);
  return r;
}

/* Only PID/oom_score_adj takes writes; environ is its process's user's. */
static int proc_open(struct inode *ip, u32 flags) {
  if ((flags & O_ACCMODE) != O_RDONLY && PROC_I(ip)->kind != PROC_PID_OOM_ADJ) return -EACCES;
  if (PROC_I(ip)->kind == PROC_PID_ENVIRON || PROC_I(ip)->kind == PROC_PID_PAGEMAP) {
    struct proc *p = proc_of(ip, 0);
    if (p != NULL && !procfs_may_access(p)) return -EACCES;
  }
  return 0;
}

static int proc_file_write(struct file *f, const char *src, u32 n) {
  struct proc *p;
  int r;
  /* like Linux: the value is the whole write, wherever it lands */
  if (PROC_I(f->inode)->kind != PROC_PID_OOM_ADJ) return -EPERM;
  p = proc_of(f->inode, 1);
  if (p == NULL) return -ESRCH;
  r = procfs_write_oom_adj(p, src, n, 1);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static int proc_permission(struct inode *ip, int mask) {
  refresh_owner(ip);
  return generic_permission(ip, mask);
}

static int proc_getattr(struct inode *ip, struct stat *st) {
  refresh_owner(ip);
  st->st_uid = ip->uid;
  st->st_gid = ip->gid;
  st->st_mode = ip->mode;
  return 0;
}

static const struct inode_operations proc_dir_inode_ops = {
  .lookup = proc_lookup,
  .permission = proc_permission,
  .getattr = proc_getattr,
};

static const struct inode_operations proc_file_inode_ops = {
  .permission = proc_permission,
  .getattr = proc_getattr,
};

static const struct inode_operations proc_link_inode_ops = {
  .readlink = procfs_readlink,
  .get_link = procfs_get_link,
  .permission = proc_permission,
  .getattr = proc_getattr,
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
