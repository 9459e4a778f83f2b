/*
 * ns.h — namespaces: what a process sees of the system (issue 13).
 *
 * A namespace is an object with a reference count and an inode number (its
 * identity: /proc/PID/ns/KIND reads `KIND:[INUM]`, the initial ones have
 * Linux's fixed numbers, new ones count up from 0xF0000100). A process
 * points at its namespaces through an nsproxy (shared by processes that
 * share all of them, copied when one changes, as Linux's): uts (host and
 * domain names), ipc (System V ids), mnt (the mount table), net (the
 * interfaces, routes and sockets: net_ns.h) and pid_for_children
 * (where its next children get their pids). The pid
 * namespace a process itself lives in is fixed at its creation
 * (proc.pid_ns); unshare(CLONE_NEWPID) changes only pid_for_children, as
 * Linux. A namespace lives while a process, an nsproxy, a procfs mount or
 * an open /proc/PID/ns file holds it; the last put frees it.
 *
 * Pids in nested pid namespaces (pid_ns.c): a process has one number per
 * level, from the initial namespace (level 0, the global pid, proc.pid) to
 * its own; struct pidnums records them with each level's namespace inode
 * number, so a number is translated into any namespace without pointers:
 * a namespace sees a process only if it is that process's namespace at
 * its level. Process groups and sessions carry the numbers of their
 * leader the same way (pgidn, sidn).
 */
#ifndef HAKO_NS_H
#define HAKO_NS_H

#include "types.h"

#define NS_UTS 1
#define NS_IPC 2
#define NS_MNT 3
#define NS_PID 4
#define NS_NET 5

/* Linux's inode numbers of the initial namespaces (include/linux/proc_ns.h). */
#define PROC_IPC_INIT_INO 0xEFFFFFFFu
#define PROC_UTS_INIT_INO 0xEFFFFFFEu
#define PROC_PID_INIT_INO 0xEFFFFFFCu
#define PROC_MNT_INIT_INO 0xF0000000u   /* Linux allocates it first from the dynamic range */
#define PROC_NET_INIT_INO 0xF0000098u   /* what init_net gets on a usual Linux boot (4026531992) */

#define PIDNS_LEVELS 4   /* the initial namespace and three nested ones (deeper: ENOSPC) */
#define UTS_LEN 65

struct ns_common {
  int refcount;
  u32 inum;
  int type;                 /* NS_* */
  struct ns_common *next;   /* on the list of live namespaces (ns_find) */
};

struct uts_namespace {
  struct ns_common ns;
  char nodename[UTS_LEN];
  char domainname[UTS_LEN];
};

struct proc;
struct pid_namespace {
  struct ns_common ns;
  int level;                    /* 0 for the initial namespace */
  struct pid_namespace *parent; /* referenced */
  struct proc *child_reaper;    /* its pid 1 (NULL until the first process) */
  int next_pid;                 /* the next number to try */
  int dying;                    /* its init has exited: no new processes (ENOMEM) */
};

struct mnt_namespace {
  struct ns_common ns;
};

struct ipc_namespace;   /* ipc.h: its System V tables, with a struct ns_common first */
struct net;             /* net_ns.h: its interfaces, routes and sockets, with a struct ns_common first */

struct nsproxy {
  int refcount;
  struct uts_namespace *uts;
  struct ipc_namespace *ipc;
  struct mnt_namespace *mnt;
  struct pid_namespace *pid_for_children;
  struct net *net_ns;
};

/* A process's number at each pid-namespace level (see above). */
struct pidnums {
  int level;
  u32 ns[PIDNS_LEVELS];   /* the namespace's inode number at each level */
  int nr[PIDNS_LEVELS];
};

extern struct uts_namespace init_uts_ns;
extern struct pid_namespace init_pid_ns;
extern struct mnt_namespace init_mnt_ns;
extern struct ipc_namespace init_ipc_ns;
extern struct nsproxy init_nsproxy;

/* nsproxy.c */
u32 ns_alloc_inum(void);
void ns_register(struct ns_common *ns, int type);   /* a new namespace: refcount 1, an inode number, listed */
void ns_get(struct ns_common *ns);
void ns_put(struct ns_common *ns);                 /* frees it with the last reference */
struct ns_common *ns_of(struct proc *p, int type); /* p's namespace of that kind, not referenced */
struct ns_common *ns_find(u32 inum);               /* a live namespace by inode number, not referenced */
const char *ns_type_name(int type);                /* "uts", "ipc", "mnt", "pid", "net" */
void nsproxy_put(struct nsproxy *nsp);
struct nsproxy *clone_namespaces(u32 flags, int *err);   /* clone: the child's, referenced; NULL and *err */
void exit_namespaces(struct proc *p);
struct uts_namespace *current_uts_ns(void);
struct ipc_namespace *current_ipc_ns(void);
struct mnt_namespace *current_mnt_ns(void);
struct net *current_net(void);

/* pid_ns.c */
struct pid_namespace *task_active_pid_ns(struct proc *p);   /* where p lives */
int pidnums_nr(const struct pidnums *n, struct pid_namespace *ns);   /* 0: not visible there */
int pid_nr_ns(struct proc *p, struct pid_namespace *ns);    /* p's thread id there (0: invisible) */
int pid_vnr(struct proc *p);          /* p's thread id as current sees it */
int tgid_vnr(struct proc *p);         /* its thread group's */
int ppid_vnr(struct proc *p);         /* its parent's (0: outside) */
int pgid_nr_ns(struct proc *p, struct pid_namespace *ns);
int sid_nr_ns(struct proc *p, struct pid_namespace *ns);
struct proc *proc_find_vpid(int vpid);      /* a thread by its number in current's namespace */
struct proc *proc_find_ns(int nr, struct pid_namespace *ns);
int global_pgid_nr_ns(int gpgid, struct pid_namespace *ns);   /* a group's number in ns (0: invisible) */
int pgid_from_vnr(int vpgid);               /* current's number of a group -> the global pgid (0: none) */
int proc_visible(struct proc *p);           /* current's namespace sees p */
int pid_ns_alloc_nums(struct proc *p, struct pid_namespace *ns);   /* 0 or -ENOMEM */
void pid_ns_set_group(struct proc *p, struct proc *leader);   /* p->pgid = leader's pid, with its numbers */
void pid_ns_set_session(struct proc *p);    /* setsid: p leads a new session and group */
struct pid_namespace *pid_ns_create(struct pid_namespace *parent);   /* referenced, or NULL */
void pid_ns_exit_reaper(struct proc *p);    /* do_exit of a namespace's init: kill and reap the rest */
struct proc *pid_ns_reaper_for(struct proc *exiting);   /* who adopts exiting's orphans */
int pid_ns_unkillable(struct proc *target, int sig);   /* a namespace init's immunity from inside */

#endif
