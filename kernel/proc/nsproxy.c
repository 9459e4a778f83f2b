/*
 * nsproxy.c — the namespaces a process belongs to: their identity and
 * reference counts, clone's and unshare(2)'s CLONE_NEW* flags, and
 * setns(2) (ns.h has the model).
 *
 * A process's nsproxy is shared (refcounted) until one of its namespaces
 * changes; then the process gets a copy that points at the new one, so a
 * namespace is never changed under another process. Creating, entering or
 * leaving a namespace is root's (EPERM; there are no user namespaces).
 * clone with CLONE_NEW* creates them for the child; unshare for the
 * caller — except CLONE_NEWPID, which only says where the caller's next
 * children go (its own pid cannot change), as Linux. CLONE_NEWNS also
 * gives the caller its own fs_struct (root and cwd refer to mounts).
 * CLONE_NEWNET gives a network stack of its own (net_ns.h: only a lo,
 * down). CLONE_NEWUSER and CLONE_NEWCGROUP are EINVAL: there are no users
 * or cgroups to map.
 *
 * Invariants: every pointer in an nsproxy holds a reference on its
 * namespace; a namespace's last ns_put frees it (a mount namespace first
 * lets its mounts go, a pid namespace its parent); the initial ones are
 * never freed.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "fs.h"
#include "ipc.h"
#include "lib.h"
#include "mm.h"
#include "net_ns.h"
#include "ns.h"
#include "proc.h"
#include "hako/errno.h"
#include "hako/sched.h"

struct uts_namespace init_uts_ns = { { 1, PROC_UTS_INIT_INO, NS_UTS, NULL }, "hako", "(none)" };
struct mnt_namespace init_mnt_ns = { { 1, PROC_MNT_INIT_INO, NS_MNT, NULL } };
struct ipc_namespace init_ipc_ns = { { 1, PROC_IPC_INIT_INO, NS_IPC, NULL } };   /* its tables: ipc_ns_init at first use */
struct nsproxy init_nsproxy = { 1, &init_uts_ns, &init_ipc_ns, &init_mnt_ns, &init_pid_ns, &init_net };

#define CLONE_NEWALL (CLONE_NEWUTS | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET)
#define CLONE_NEWUNSUPPORTED (CLONE_NEWUSER | CLONE_NEWCGROUP)

static u32 next_inum = 0xF0000100u;
static struct ns_common *live_ns;   /* the namespaces made since boot and not yet freed */

u32 ns_alloc_inum(void) {
  return next_inum++;
}

void ns_register(struct ns_common *ns, int type) {
  ns->refcount = 1;
  ns->type = type;
  ns->inum = ns_alloc_inum();
  ns->next = live_ns;
  live_ns = ns;
}

static void ns_unregister(struct ns_common *ns) {
  struct ns_common **pp;
  for (pp = &live_ns; *pp; pp = &(*pp)->next) {
    if (*pp == ns) {
      *pp = ns->next;
      return;
    }
  }
}

struct ns_common *ns_find(u32 inum) {
  struct ns_common *initial[5];
  struct ns_common *ns;
  int i;
  initial[0] = &init_uts_ns.ns;
  initial[1] = &init_ipc_ns.ns;
  initial[2] = &init_mnt_ns.ns;
  initial[3] = &init_pid_ns.ns;
  initial[4] = &init_net.ns;
  for (i = 0; i < 5; i++) {
    if (initial[i]->inum == inum) return initial[i];
  }
  for (ns = live_ns; ns; ns = ns->next) {
    if (ns->inum == inum) return ns;
  }
  return NULL;
}

const char *ns_type_name(int type) {
  switch (type) {
    case NS_UTS: return "uts";
    case NS_IPC: return "ipc";
    case NS_MNT: return "mnt";
    case NS_PID: return "pid";
    case NS_NET: return "net";
  }
  return "?";
}

void ns_get(struct ns_common *ns) {
  ns->refcount++;
}

void ns_put(struct ns_common *ns) {
  if (--ns->refcount > 0) {
    if (ns->type == NS_NET) net_ns_dropped((struct net *)ns);
    return;
  }
  switch (ns->type) {
    case NS_UTS:
      if ((struct uts_namespace *)ns == &init_uts_ns) return;
      break;
    case NS_PID: {
      struct pid_namespace *pns = (struct pid_namespace *)ns;
      if (pns == &init_pid_ns) return;
      ns_put(&pns->parent->ns);
      break;
    }
    case NS_MNT:
      if ((struct mnt_namespace *)ns == &init_mnt_ns) return;
      mnt_ns_release((struct mnt_namespace *)ns);
      break;
    case NS_IPC:
      if ((struct ipc_namespace *)ns == &init_ipc_ns) return;
      ipc_ns_release((struct ipc_namespace *)ns);
      break;
    case NS_NET:
      if ((struct net *)ns == &init_net) return;
      net_ns_release((struct net *)ns);
      break;
  }
  ns_unregister(ns);
  kfree(ns);
}

static struct nsproxy *nsproxy_of(struct proc *p) {
  return p && p->nsproxy ? p->nsproxy : &init_nsproxy;
}

struct ns_common *ns_of(struct proc *p, int type) {
  struct nsproxy *nsp = nsproxy_of(p);
  switch (type) {
    case NS_UTS: return &nsp->uts->ns;
    case NS_IPC: return &nsp->ipc->ns;
    case NS_MNT: return &nsp->mnt->ns;
    case NS_PID: return &task_active_pid_ns(p)->ns;
    case NS_NET: return &nsp->net_ns->ns;
  }
  return NULL;
}

struct uts_namespace *current_uts_ns(void) {
  return nsproxy_of(current)->uts;
}

struct ipc_namespace *current_ipc_ns(void) {
  struct ipc_namespace *ns = nsproxy_of(current)->ipc;
  if (ns->msg.slots == NULL) ipc_ns_init(ns);   /* first use: empty tables */
  return ns;
}

struct mnt_namespace *current_mnt_ns(void) {
  return nsproxy_of(current)->mnt;
}

void nsproxy_put(struct nsproxy *nsp) {
  if (nsp == NULL || --nsp->refcount > 0) return;
  if (nsp == &init_nsproxy) return;
  ns_put(&nsp->uts->ns);
  ns_put(&nsp->ipc->ns);
  ns_put(&nsp->mnt->ns);
  ns_put(&nsp->pid_for_children->ns);
  ns_put(&nsp->net_ns->ns);
  kfree(nsp);
}

static struct uts_namespace *uts_ns_copy(struct uts_namespace *old) {
  struct uts_namespace *ns = (struct uts_namespace *)kmalloc(sizeof *ns);
  if (ns == NULL) return NULL;
  memcpy(ns, old, sizeof *ns);
  ns_register(&ns->ns, NS_UTS);
  return ns;
}

/* A copy of old with a new namespace for each CLONE_NEW* flag; NULL and
 * *err on failure. For CLONE_NEWPID the new pid namespace is a child of
 * `pid_parent`. */
static struct nsproxy *nsproxy_copy(struct nsproxy *old, u32 flags, struct pid_namespace *pid_parent, int *err) {
  struct nsproxy *nsp = (struct nsproxy *)kmalloc(sizeof *nsp);
  *err = -ENOMEM;
  if (nsp == NULL) return NULL;
  nsp->refcount = 1;
  nsp->uts = (flags & CLONE_NEWUTS) ? uts_ns_copy(old->uts) : old->uts;
  nsp->ipc = (flags & CLONE_NEWIPC) ? ipc_ns_create() : old->ipc;
  nsp->mnt = (flags & CLONE_NEWNS) ? mnt_ns_copy(old->mnt) : old->mnt;
  nsp->pid_for_children = (flags & CLONE_NEWPID) ? pid_ns_create(pid_parent) : old->pid_for_children;
  nsp->net_ns = (flags & CLONE_NEWNET) ? net_ns_create() : old->net_ns;
  if (nsp->uts == NULL || nsp->ipc == NULL || nsp->mnt == NULL || nsp->pid_for_children == NULL || nsp->net_ns == NULL) {
    if ((flags & CLONE_NEWPID) && nsp->pid_for_children == NULL && pid_parent->level + 1 >= PIDNS_LEVELS) *err = -ENOSPC;
    if (nsp->uts && (flags & CLONE_NEWUTS)) ns_put(&nsp->uts->ns);
    if (nsp->ipc && (flags & CLONE_NEWIPC)) ns_put(&nsp->ipc->ns);
    if (nsp->mnt && (flags & CLONE_NEWNS)) ns_put(&nsp->mnt->ns);
    if (nsp->pid_for_children && (flags & CLONE_NEWPID)) ns_put(&nsp->pid_for_children->ns);
    if (nsp->net_ns && (flags & CLONE_NEWNET)) ns_put(&nsp->net_ns->ns);
    kfree(nsp);
    return NULL;
  }
  if (!(flags & CLONE_NEWUTS)) ns_get(&nsp->uts->ns);
  if (!(flags & CLONE_NEWIPC)) ns_get(&nsp->ipc->ns);
  if (!(flags & CLONE_NEWNS)) ns_get(&nsp->mnt->ns);
  if (!(flags & CLONE_NEWPID)) ns_get(&nsp->pid_for_children->ns);
  if (!(flags & CLONE_NEWNET)) ns_get(&nsp->net_ns->ns);
  *err = 0;
  return nsp;
}

/* clone, before the child exists: the nsproxy it will have (referenced),
 * or NULL and *err. Its pid_for_children is where its own pid comes from. */
struct nsproxy *clone_namespaces(u32 flags, int *err) {
  struct nsproxy *old = nsproxy_of(current);
  *err = 0;
  if (flags & CLONE_NEWUNSUPPORTED) {
    *err = -EINVAL;
    return NULL;
  }
  if (!(flags & CLONE_NEWALL)) {
    old->refcount++;
    return old;
  }
  if (current->uid != 0) {
    *err = -EPERM;
    return NULL;
  }
  if ((flags & CLONE_NEWPID) && old->pid_for_children != task_active_pid_ns(current)) {
    *err = -EINVAL;   /* Linux: after unshare(CLONE_NEWPID) only plain forks (into that namespace) */
    return NULL;
  }
  return nsproxy_copy(old, flags, old->pid_for_children, err);
}

void exit_namespaces(struct proc *p) {
  nsproxy_put(p->nsproxy);
  p->nsproxy = NULL;
}

#define UNSHARE_SUPPORTED (CLONE_NEWALL | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM)


int sys_unshare(u32 flags) {
  struct nsproxy *nsp = NULL;
  int err;
  if (flags & ~UNSHARE_SUPPORTED) return -EINVAL;
  if ((flags & CLONE_NEWALL) && current->uid != 0) return -EPERM;
  if (flags & CLONE_NEWNS) flags |= CLONE_FS;   /* root and cwd refer to the mounts */
  if (flags & CLONE_NEWALL) {
    struct nsproxy *old = nsproxy_of(current);
    if ((flags & CLONE_NEWPID) && old->pid_for_children != task_active_pid_ns(current)) return -EINVAL;
    nsp = nsproxy_copy(old, flags, task_active_pid_ns(current), &err);
    if (nsp == NULL) return err;
  }
  if ((flags & CLONE_FS) && current->fs->refcount > 1) {
    struct fs_struct *fs = fs_copy(current->fs);
    if (fs == NULL) {
      nsproxy_put(nsp);
      return -ENOMEM;
    }
    fs_put(current->fs);
    current->fs = fs;
  }
  if ((flags & CLONE_FILES) && current->files->refcount > 1) {
    struct files_struct *f = files_copy(current->files);
    if (f == NULL) {
      nsproxy_put(nsp);
      return -ENOMEM;
    }
    files_put(current->files);
    current->files = f;
  }
  if (nsp) {
    nsproxy_put(current->nsproxy);
    current->nsproxy = nsp;
  }
  return 0;
}

static u32 clone_flag_of(int type) {
  switch (type) {
    case NS_UTS: return CLONE_NEWUTS;
    case NS_IPC: return CLONE_NEWIPC;
    case NS_MNT: return CLONE_NEWNS;
    case NS_PID: return CLONE_NEWPID;
    case NS_NET: return CLONE_NEWNET;
  }
  return 0;
}

/* Is ns the same as or nested in outer? */
static int pid_ns_below(struct pid_namespace *ns, struct pid_namespace *outer) {
  for (; ns; ns = ns->parent) {
    if (ns == outer) return 1;
  }
  return 0;
}

/* setns(2): fd is an open /proc/PID/ns/KIND file; nstype 0 or its
 * CLONE_NEW* flag. Joining a pid namespace changes where the caller's
 * children go (it must be the caller's own or one nested in it: EINVAL);
 * joining a mount namespace moves root and cwd to its root. */
int sys_setns(int fd, int nstype) {
  struct file *f = fd_get(fd);
  struct ns_common *ns;
  struct nsproxy *old = nsproxy_of(current), *nsp;
  int err;
  if (f == NULL) return -EBADF;
  ns = f->inode ? nsfs_ns_of(f->inode) : NULL;
  if (ns == NULL) return -EINVAL;
  if (nstype != 0 && (u32)nstype != clone_flag_of(ns->type)) return -EINVAL;
  if (current->uid != 0) return -EPERM;
  if (ns->type == NS_PID && !pid_ns_below((struct pid_namespace *)ns, task_active_pid_ns(current))) return -EINVAL;
  if (ns->type == NS_MNT && current->fs->refcount > 1) return -EINVAL;   /* as Linux: the fs_struct is shared */
  nsp = nsproxy_copy(old, 0, NULL, &err);
  if (nsp == NULL) return err;
  ns_get(ns);
  switch (ns->type) {
    case NS_UTS: ns_put(&nsp->uts->ns); nsp->uts = (struct uts_namespace *)ns; break;
    case NS_IPC: ns_put(&nsp->ipc->ns); nsp->ipc = (struct ipc_namespace *)ns; break;
    case NS_MNT: ns_put(&nsp->mnt->ns); nsp->mnt = (struct mnt_namespace *)ns; break;
    case NS_PID: ns_put(&nsp->pid_for_children->ns); nsp->pid_for_children = (struct pid_namespace *)ns; break;
    case NS_NET: ns_put(&nsp->net_ns->ns); nsp->net_ns = (struct net *)ns; break;
  }
  nsproxy_put(current->nsproxy);
  current->nsproxy = nsp;
  if (ns->type == NS_MNT) {
    if (current->fs->root) iput(current->fs->root);
    current->fs->root = NULL;
    if (current->fs->cwd) iput(current->fs->cwd);
    current->fs->cwd = vfs_root();
  }
  return 0;
}
