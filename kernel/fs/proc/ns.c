/*
 * ns.c — /proc/PID/ns/: a magic link per namespace kind (uts, ipc, mnt,
 * net, pid, pid_for_children), and nsfs, the small file system their targets
 * live on, so that a namespace can be opened and handed to setns(2).
 *
 * readlink gives Linux's text, `uts:[4026531838]`: the kind and the
 * namespace's inode number, equal for processes that share it. Following
 * the link (open, stat -L) reaches an nsfs inode whose number is that
 * inode number; it holds a reference on the namespace from the moment it
 * is read until the cache lets it go (it has no links, so its last iput
 * evicts it), so an open ns file keeps its namespace alive after every
 * process has left. Reading or following another user's links needs
 * Linux's ptrace read access (procfs_may_access), as for fd/.
 */
#include "dev.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "ns.h"
#include "proc.h"
#include "hako/errno.h"
#include "fs/proc/internal.h"

static const struct { const char *name; int kind; int type; } ns_links[] = {
  { "ipc", PROC_PID_NS_IPC, NS_IPC },
  { "mnt", PROC_PID_NS_MNT, NS_MNT },
  { "net", PROC_PID_NS_NET, NS_NET },
  { "pid", PROC_PID_NS_PID, NS_PID },
  { "pid_for_children", PROC_PID_NS_PID_CHILDREN, NS_PID },
  { "uts", PROC_PID_NS_UTS, NS_UTS },
};
#define NS_LINKS (int)(sizeof ns_links / sizeof ns_links[0])

int procfs_ns_kind(int kind) {
  int i;
  for (i = 0; i < NS_LINKS; i++) {
    if (ns_links[i].kind == kind) return ns_links[i].type;
  }
  return 0;
}

void procfs_ns_entries(int pid, struct out *o, u32 *last) {
  int i;
  for (i = 0; i < NS_LINKS; i++) add_dirent(o, proc_ino(ns_links[i].kind, pid, 0), ns_links[i].name, 7, last);
}

struct inode *procfs_ns_lookup(struct super_block *sb, int pid, const char *name, u32 len) {
  int i;
  for (i = 0; i < NS_LINKS; i++) {
    if (procfs_name_is(name, len, ns_links[i].name)) return proc_inode(sb, ns_links[i].kind, pid, 0);
  }
  return NULL;
}

/* The namespace a link names, not referenced; NULL and *err when the
 * process is gone or may not be looked at. */
static struct ns_common *link_ns(struct inode *ip, int *err) {
  struct proc *p = proc_of(ip, 1);
  *err = -ENOENT;
  if (p == NULL) return NULL;
  *err = -EACCES;
  if (!procfs_may_access(p)) return NULL;
  *err = 0;
  if (PROC_I(ip)->kind == PROC_PID_NS_PID_CHILDREN)
    return &(p->nsproxy ? p->nsproxy->pid_for_children : task_active_pid_ns(p))->ns;
  return ns_of(p, procfs_ns_kind(PROC_I(ip)->kind));
}

int procfs_ns_readlink(struct inode *ip, char *out) {
  int err;
  struct ns_common *ns = link_ns(ip, &err);
  if (ns == NULL) return err;
  return snprintf(out, PATH_MAX, "%s:[%u]", ns_type_name(ns->type), ns->inum);
}

/* ---- nsfs: one inode per namespace, numbered by its inode number ---- */

#define NSFS_I(ip) (*(struct ns_common **)(ip)->i_private)

/* Opened only to be handed to setns: no read, no write. */
static const struct file_ops nsfs_file_ops = { 0 };

static int nsfs_read_inode(struct inode *ip, int want_live) {
  struct ns_common *ns = ns_find(ip->ino);
  (void)want_live;
  if (ns == NULL) return -ENOENT;
  ns_get(ns);   /* dropped by nsfs_evict_inode */
  NSFS_I(ip) = ns;
  ip->mode = S_IFREG | 0444;
  ip->uid = ip->gid = 0;
  ip->nlink = 0;   /* nothing names it: the last iput evicts it */
  ip->size = 0;
  ip->blocks = 0;
  ip->rdev = 0;
  ip->atime = ip->mtime = ip->ctime = time_now();
  ip->op = NULL;
  ip->fop = &nsfs_file_ops;
  return 0;
}

static void nsfs_evict_inode(struct inode *ip) {
  if (NSFS_I(ip)) ns_put(NSFS_I(ip));
  NSFS_I(ip) = NULL;
}

static const struct super_operations nsfs_super_ops = {
  .read_inode = nsfs_read_inode,
  .evict_inode = nsfs_evict_inode,
};

static struct super_block nsfs_sb;

struct inode *procfs_ns_get_link(struct inode *ip, int *err) {
  struct ns_common *ns = link_ns(ip, err);
  struct inode *to;
  if (ns == NULL) return NULL;
  if (nsfs_sb.s_op == NULL) {
    nsfs_sb.s_op = &nsfs_super_ops;
    nsfs_sb.s_dev = anon_dev_alloc();
    nsfs_sb.bdev = -1;
    nsfs_sb.max_inodes = 0xFFFFFFFFu;
  }
  to = iget(&nsfs_sb, ns->inum);
  if (to == NULL) {
    *err = -ENFILE;
    return NULL;
  }
  if ((*err = ilock_checked(to)) != 0) {
    iput(to);
    return NULL;
  }
  iunlock(to);
  return to;
}

/* setns(2): the namespace of an open nsfs file, or NULL for any other file. */
struct ns_common *nsfs_ns_of(struct inode *ip) {
  return ip->sb == &nsfs_sb ? NSFS_I(ip) : NULL;
}
