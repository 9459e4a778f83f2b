/*
 * cgroupfs.c — the cgroup2 file system: the hierarchy of cgroup.c as
 * directories, each with Linux's interface files; mounted at boot on
 * /sys/fs/cgroup, and by `mount -t cgroup2 none DIR` anywhere (every mount
 * shows the one hierarchy).
 *
 * Nothing is stored: an inode number says which group and which file it
 * is, gen << 16 | id << 8 | kind (internal.h's CGF_*; the group's slot
 * generation makes an inode of a removed group stale: reading it is
 * ENODEV, as Linux's kernfs says of a removed node). A directory lists
 * `.`, `..`, the files the group has, then its children. The files a
 * group has: cgroup.procs, cgroup.controllers and cgroup.subtree_control
 * everywhere; below the root cgroup.events and the files of each
 * controller its parent enables (memory.*, pids.*, cpu.*). Every read
 * generates the text afresh; a write is one value, whatever the offset
 * (as Linux's kernfs), parsed by the file's owner (cgroup.c, memcontrol.c,
 * pids.c, cpu.c). mkdir makes a group (a name of an interface file is
 * EEXIST), rmdir removes one (EBUSY while it has processes or children);
 * no other name changes (EPERM). Opening a read-only file for writing is
 * EACCES, even for root (kernfs's rule).
 */
#include "arch.h"
#include "dev.h"
#include "cgroup.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/fcntl.h"
#include "cgroup/internal.h"

#define CGROUP2_SUPER_MAGIC 0x63677270   /* "cgrp", Linux's */
#define WRITE_MAX 256

struct cg_file {
  const char *name;
  int kind;
  u32 mode;
  u32 controller;   /* 0: cgroup's own */
  int root_too;     /* the root has it as well */
};

/* In the order ls sorts them (Linux's listing is alphabetical too). */
static const struct cg_file cg_files[] = {
  { "cgroup.controllers", CGF_CONTROLLERS, 0444, 0, 1 },
  { "cgroup.events", CGF_EVENTS, 0444, 0, 0 },
  { "cgroup.procs", CGF_PROCS, 0644, 0, 1 },
  { "cgroup.subtree_control", CGF_SUBTREE_CONTROL, 0644, 0, 1 },
  { "cpu.max", CGF_CPU_MAX, 0644, CGRP_CPU, 0 },
  { "cpu.stat", CGF_CPU_STAT, 0444, CGRP_CPU, 0 },
  { "cpu.weight", CGF_CPU_WEIGHT, 0644, CGRP_CPU, 0 },
  { "memory.current", CGF_MEM_CURRENT, 0444, CGRP_MEMORY, 0 },
  { "memory.events", CGF_MEM_EVENTS, 0444, CGRP_MEMORY, 0 },
  { "memory.high", CGF_MEM_HIGH, 0644, CGRP_MEMORY, 0 },
  { "memory.max", CGF_MEM_MAX, 0644, CGRP_MEMORY, 0 },
  { "memory.oom.group", CGF_MEM_OOM_GROUP, 0644, CGRP_MEMORY, 0 },
  { "memory.peak", CGF_MEM_PEAK, 0444, CGRP_MEMORY, 0 },
  { "memory.swap.current", CGF_MEM_SWAP_CURRENT, 0444, CGRP_MEMORY, 0 },
  { "pids.current", CGF_PIDS_CURRENT, 0444, CGRP_PIDS, 0 },
  { "pids.events", CGF_PIDS_EVENTS, 0444, CGRP_PIDS, 0 },
  { "pids.max", CGF_PIDS_MAX, 0644, CGRP_PIDS, 0 },
  { NULL, 0, 0, 0, 0 },
};

static const struct inode_operations cg_dir_inode_ops;
static const struct file_ops cg_dir_ops;
static const struct file_ops cg_file_ops;

static u32 cg_ino(struct cgroup *cg, int kind) {
  return ((cg->gen & 0xFFFF) << 16) | (cg->id << 8) | (u32)kind;
}

/* The live group an inode belongs to, or NULL when it was removed. */
static struct cgroup *cg_of(struct inode *ip) {
  struct cgroup *cg = cgroup_by_id((ip->ino >> 8) & 0xFF);
  if (cg == NULL || (cg->gen & 0xFFFF) != ip->ino >> 16) return NULL;
  return cg;
}

static int kind_of(struct inode *ip) {
  return (int)(ip->ino & 0xFF);
}

static const struct cg_file *file_of_kind(int kind) {
  const struct cg_file *f;
  for (f = cg_files; f->name; f++) {
    if (f->kind == kind) return f;
  }
  return NULL;
}

static int group_has(struct cgroup *cg, const struct cg_file *f) {
  if (cg->parent == NULL) return f->root_too;
  return f->controller == 0 || (cgroup_controllers(cg) & f->controller) != 0;
}

static int cg_read_inode(struct inode *ip, int want_live) {
  int kind = kind_of(ip);
  const struct cg_file *f = file_of_kind(kind);
  (void)want_live;
  ip->uid = ip->gid = 0;
  ip->nlink = 1;
  ip->blocks = 0;
  ip->rdev = 0;
  ip->size = 0;
  ip->atime = ip->mtime = ip->ctime = time_now();
  if (kind == CGF_DIR) {
    ip->mode = S_IFDIR | 0755;
    ip->nlink = 2;
    ip->op = &cg_dir_inode_ops;
    ip->fop = &cg_dir_ops;
  } else {
    ip->mode = S_IFREG | (f ? f->mode : 0444);
    ip->op = NULL;
    ip->fop = &cg_file_ops;
  }
  return 0;
}

static int cg_statfs(struct super_block *sb, struct kstatfs *st) {
  (void)sb;
  st->type = CGROUP2_SUPER_MAGIC;
  st->bsize = PAGE_SIZE;
  return 0;
}

static const struct super_operations cg_super_ops = {
  .read_inode = cg_read_inode,
  .statfs = cg_statfs,
};

static int cg_fill_super(struct super_block *sb, int dev) {
  (void)dev;
  sb->s_op = &cg_super_ops;
  sb->s_dev = anon_dev_alloc();
  sb->root_ino = cg_ino(cgroup_root, CGF_DIR);
  sb->max_inodes = 0xFFFFFFFFu;
  return 0;
}

const struct file_system_type cgroup2_fs_type = { "cgroup2", cg_fill_super, 0 };

/* ---- text ---- */

static void emit_out(int c, void *arg) {
  struct cg_out *o = (struct cg_out *)arg;
  if (o->len < CG_BUF) o->buf[o->len++] = (char)c;
}

void cg_outf(struct cg_out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vformat(emit_out, o, fmt, ap);
  va_end(ap);
}

/* Pages are at most PAGES_CAP (below), so the bytes fit 32 bits. */
void cg_out_pages(struct cg_out *o, u32 pages) {
  if (pages == CG_UNLIMITED) cg_outf(o, "max\n");
  else cg_outf(o, "%u\n", pages * PAGE_SIZE);
}

void cg_out_usec(struct cg_out *o, const char *name, struct cg_usec *t) {
  if (t->sec) cg_outf(o, "%s %u%06u\n", name, t->sec, t->usec);
  else cg_outf(o, "%s %u\n", name, t->usec);
}

/* The value of a write without surrounding blanks: [*start, *end). */
static void trim(const char *text, u32 n, u32 *start, u32 *end) {
  u32 s = 0, e = n;
  while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\n')) s++;
  while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n')) e--;
  *start = s;
  *end = e;
}

int cg_parse_u32(const char *text, u32 n, u32 *out, int allow_max) {
  u32 s, e, v = 0;
  trim(text, n, &s, &e);
  if (allow_max && e - s == 3 && memcmp(text + s, "max", 3) == 0) {
    *out = CG_UNLIMITED;
    return 0;
  }
  if (s == e) return -EINVAL;
  for (; s < e; s++) {
    u32 d;
    if (text[s] < '0' || text[s] > '9') return -EINVAL;
    d = (u32)(text[s] - '0');
    if (v > (0xFFFFFFFEu - d) / 10) return -ERANGE;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

#define PAGES_CAP 0xFFFFFu   /* 4 GiB - 4 KiB: more than any RAM; larger values are cut to it */

int cg_parse_pages(const char *text, u32 n, u32 *pages) {
  u32 s, e, v = 0, p;
  int big = 0;
  char unit = 0;
  trim(text, n, &s, &e);
  if (e - s == 3 && memcmp(text + s, "max", 3) == 0) {
    *pages = CG_UNLIMITED;
    return 0;
  }
  if (s < e && (text[e - 1] < '0' || text[e - 1] > '9')) unit = text[--e];
  if (s == e) return -EINVAL;
  for (; s < e; s++) {
    if (text[s] < '0' || text[s] > '9') return -EINVAL;
    if (v >= 429496729u) big = 1;
    else v = v * 10 + (u32)(text[s] - '0');
  }
  switch (unit) {
    case 0: p = v >> PAGE_SHIFT; break;
    case 'k': case 'K': p = v >> 2; break;
    case 'm': case 'M': p = v > (PAGES_CAP >> 8) ? PAGES_CAP : v << 8; break;
    case 'g': case 'G': p = v > (PAGES_CAP >> 18) ? PAGES_CAP : v << 18; break;
    default: return -EINVAL;
  }
  *pages = big || p > PAGES_CAP ? PAGES_CAP : p;
  return 0;
}

/* ---- the group's own files ---- */

static void show_controllers(struct cg_out *o, u32 set) {
  int first = 1;
  if (set & CGRP_CPU) { cg_outf(o, "cpu"); first = 0; }
  if (set & CGRP_MEMORY) { cg_outf(o, first ? "memory" : " memory"); first = 0; }
  if (set & CGRP_PIDS) cg_outf(o, first ? "pids" : " pids");
  cg_outf(o, "\n");
}

static void show_procs(struct cgroup *cg, struct cg_out *o) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pid == 0 || p->group_leader != p || p->state == P_ZOMBIE) continue;
    if (task_cgroup(p) == cg) cg_outf(o, "%d\n", p->pid);
  }
}

static void generate(struct cgroup *cg, int kind, struct cg_out *o) {
  switch (kind) {
    case CGF_PROCS: show_procs(cg, o); return;
    case CGF_CONTROLLERS: show_controllers(o, cgroup_controllers(cg)); return;
    case CGF_SUBTREE_CONTROL: show_controllers(o, cg->subtree_control); return;
    case CGF_EVENTS: cg_outf(o, "populated %d\nfrozen 0\n", cg->nr_populated > 0); return;
  }
  if (memcg_show(cg, kind, o) || pids_show(cg, kind, o)) return;
  cpu_show(cg, kind, o);
}

static int store(struct cgroup *cg, int kind, const char *text, u32 n) {
  int err = -EINVAL;
  u32 pid;
  switch (kind) {
    case CGF_PROCS:
      err = cg_parse_u32(text, n, &pid, 0);
      if (err == 0) err = pid == 0 ? cgroup_attach_pid(cg, current->tgid) : cgroup_attach_pid(cg, (int)pid);
      return err;
    case CGF_SUBTREE_CONTROL: return cgroup_write_subtree_control(cg, text, n);
  }
  if (memcg_store(cg, kind, text, n, &err) || pids_store(cg, kind, text, n, &err) || cpu_store(cg, kind, text, n, &err))
    return err;
  return -EINVAL;
}

/* ---- directories ---- */

static void add_dirent(struct cg_out *o, u32 ino, const char *name, u32 dtype) {
  dirlist_add(o->buf, &o->len, CG_BUF, ino, name, dtype);
}

static int cg_readdir(struct file *f, struct dir_context *ctx) {
  struct cgroup *cg = cg_of(f->inode), *child;
  const struct cg_file *cf;
  struct cg_out o;
  int r, i;
  if (cg == NULL) return -ENOENT;
  o.buf = (char *)kmalloc(CG_BUF);
  o.len = 0;
  if (o.buf == NULL) return -ENOMEM;
  add_dirent(&o, f->inode->ino, ".", 4);
  add_dirent(&o, cg_ino(cg->parent ? cg->parent : cg, CGF_DIR), "..", 4);
  for (cf = cg_files; cf->name; cf++) {
    if (group_has(cg, cf)) add_dirent(&o, cg_ino(cg, cf->kind), cf->name, 8);
  }
  for (i = 0; (child = cgroup_child_at(cg, i)) != NULL; i++) add_dirent(&o, cg_ino(child, CGF_DIR), child->name, 4);
  r = dirlist_emit(o.buf, o.len, f, ctx);
  kfree(o.buf);
  return r;
}

/* The inode of (group, kind), or NULL and *err (the cache is full). */
static struct inode *cg_iget(struct super_block *sb, struct cgroup *cg, int kind, int *err) {
  struct inode *ip = iget(sb, cg_ino(cg, kind));
  *err = ip ? 0 : -ENOMEM;
  return ip;
}

static struct inode *cg_lookup(struct inode *dp, const char *name, u32 len, int *err) {
  struct cgroup *cg = cg_of(dp), *child;
  const struct cg_file *f;
  *err = -ENOENT;
  if (cg == NULL) return NULL;
  if (len == 1 && name[0] == '.') {
    *err = 0;
    return idup(dp);
  }
  if (len == 2 && name[0] == '.' && name[1] == '.') return cg_iget(dp->sb, cg->parent ? cg->parent : cg, CGF_DIR, err);
  for (f = cg_files; f->name; f++) {
    if (strlen(f->name) == len && memcmp(f->name, name, len) == 0 && group_has(cg, f)) return cg_iget(dp->sb, cg, f->kind, err);
  }
  child = cgroup_child(cg, name, len);
  if (child) return cg_iget(dp->sb, child, CGF_DIR, err);
  return NULL;
}

static int cg_mkdir(struct inode *dir, const char *name, u32 mode) {
  struct cgroup *cg = cg_of(dir);
  const struct cg_file *f;
  (void)mode;
  if (cg == NULL) return -ENOENT;
  for (f = cg_files; f->name; f++) {
    if (strcmp(f->name, name) == 0) return -EEXIST;
  }
  return cgroup_mkdir(cg, name);
}

static int cg_rmdir(struct inode *dir, const char *name, struct inode *ip) {
  struct cgroup *cg = cg_of(ip);
  (void)dir;
  (void)name;
  if (cg == NULL || kind_of(ip) != CGF_DIR) return -ENOTDIR;
  return cgroup_rmdir(cg);
}

static const struct inode_operations cg_dir_inode_ops = {
  .lookup = cg_lookup,
  .mkdir = cg_mkdir,
  .rmdir = cg_rmdir,
};

static const struct file_ops cg_dir_ops = {
  .read = generic_dir_read,
  .llseek = generic_llseek,
  .iterate = cg_readdir,
};

/* ---- files ---- */

static int cg_open(struct inode *ip, u32 flags) {
  const struct cg_file *f = file_of_kind(kind_of(ip));
  if (f && (flags & O_ACCMODE) != O_RDONLY && !(f->mode & 0200)) return -EACCES;
  return 0;
}

static int cg_file_read(struct file *f, char *dst, u32 n) {
  struct cgroup *cg = cg_of(f->inode);
  struct cg_out o;
  int r = 0;
  if (cg == NULL) return -ENODEV;
  o.buf = (char *)kmalloc(CG_BUF);
  o.len = 0;
  if (o.buf == NULL) return -ENOMEM;
  generate(cg, kind_of(f->inode), &o);
  if (f->offset < o.len) {
    if (n > o.len - f->offset) n = o.len - f->offset;
    if (f->kernel_io) {
      memcpy(dst, o.buf + f->offset, n);
      r = (int)n;
    } else {
      r = copyout(dst, o.buf + f->offset, n) == 0 ? (int)n : -EFAULT;
    }
  }
  kfree(o.buf);
  if (r > 0) f->offset += (u32)r;
  return r;
}

static int cg_file_write(struct file *f, const char *src, u32 n) {
  struct cgroup *cg = cg_of(f->inode);
  char buf[WRITE_MAX];
  int err;
  if (cg == NULL) return -ENODEV;
  if (n >= WRITE_MAX) return -E2BIG;
  if (f->kernel_io) memcpy(buf, src, n);
  else if (copyin(buf, src, n) != 0) return -EFAULT;
  buf[n] = 0;
  err = store(cg, kind_of(f->inode), buf, n);
  if (err) return err;
  f->offset += n;
  return (int)n;
}

static const struct file_ops cg_file_ops = {
  .read = cg_file_read,
  .write = cg_file_write,
  .llseek = generic_llseek,
  .open = cg_open,
};
