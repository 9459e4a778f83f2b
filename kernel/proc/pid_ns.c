/*
 * pid_ns.c — pid namespaces: a process's numbers in nested namespaces,
 * translating them for the caller, the namespace's init (its pid 1, the
 * child reaper) and what happens when it exits.
 *
 * Every process has its global pid (level 0, proc.pid, what the kernel's
 * lists and the debugger use) and one number in each namespace below that
 * down to its own (proc.pidn, ns.h). Numbers are given out per namespace,
 * counting up from 1 and skipping live ones; the first process of a new
 * namespace gets 1 and becomes its child_reaper. A namespace sees exactly
 * the processes whose namespace at its level is itself: its own and those
 * of namespaces nested in it. Everything a system call says or hears about
 * a pid goes through here (pid_vnr, proc_find_vpid, ...): a process
 * outside the caller's namespace has no number there (0, ESRCH).
 *
 * The reaper: orphans of a namespace are adopted by its init (as by pid 1
 * outside); signals from inside it reach its init only if handled, as
 * Linux's SIGNAL_UNKILLABLE (from the parent namespace SIGKILL works). When
 * the init's last thread exits, the namespace is dying (no new process:
 * ENOMEM), every other process in it gets SIGKILL, and the init reaps
 * them before it becomes a zombie itself, so its parent's wait returns
 * when the namespace is empty (Linux's zap_pid_ns_processes).
 */
#include "arch.h"
#include "lib.h"
#include "mm.h"
#include "ns.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"

struct pid_namespace init_pid_ns = { { 1, PROC_PID_INIT_INO, NS_PID, NULL }, 0, NULL, NULL, 2, 0 };

struct pid_namespace *task_active_pid_ns(struct proc *p) {
  return p && p->pid_ns ? p->pid_ns : &init_pid_ns;
}

int pidnums_nr(const struct pidnums *n, struct pid_namespace *ns) {
  if (ns->level > n->level || n->ns[ns->level] != ns->ns.inum) return 0;
  return n->nr[ns->level];
}

int pid_nr_ns(struct proc *p, struct pid_namespace *ns) {
  if (p->pid == 0) return 0;   /* the idle thread */
  return pidnums_nr(&p->pidn, ns);
}

int pid_vnr(struct proc *p) {
  return pid_nr_ns(p, task_active_pid_ns(current));
}

int tgid_vnr(struct proc *p) {
  return pid_vnr(p->group_leader);
}

int ppid_vnr(struct proc *p) {
  struct proc *parent = p->group_leader->parent;
  return parent ? pid_vnr(parent) : 0;
}

int pgid_nr_ns(struct proc *p, struct pid_namespace *ns) {
  return pidnums_nr(&p->pgidn, ns);
}

int sid_nr_ns(struct proc *p, struct pid_namespace *ns) {
  return pidnums_nr(&p->sidn, ns);
}

int proc_visible(struct proc *p) {
  return pid_vnr(p) != 0;
}

struct proc *proc_find_ns(int nr, struct pid_namespace *ns) {
  struct list_head *n;
  if (nr <= 0) return NULL;
  if (ns == &init_pid_ns) return proc_find(nr);
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state != P_UNUSED && pid_nr_ns(p, ns) == nr) return p;
  }
  return NULL;
}

struct proc *proc_find_vpid(int vpid) {
  return proc_find_ns(vpid, task_active_pid_ns(current));
}

int pgid_from_vnr(int vpgid) {
  struct pid_namespace *ns = task_active_pid_ns(current);
  struct list_head *n;
  if (ns == &init_pid_ns) return vpgid;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state != P_UNUSED && p->pid != 0 && pgid_nr_ns(p, ns) == vpgid) return p->pgid;
  }
  return 0;
}

/* A group's number (given by its global pgid) in ns; 0 when invisible. */
int global_pgid_nr_ns(int gpgid, struct pid_namespace *ns) {
  struct list_head *n;
  if (ns == &init_pid_ns || gpgid <= 0) return gpgid;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state != P_UNUSED && p->pid != 0 && p->pgid == gpgid) return pgid_nr_ns(p, ns);
  }
  return 0;
}

/* A number for ns not used by any live process there. */
static int alloc_nr(struct pid_namespace *ns) {
  for (;;) {
    int nr = ns->next_pid++;
    if (ns->next_pid >= PID_MAX) ns->next_pid = 2;
    if (proc_find_ns(nr, ns) == NULL) return nr;
  }
}

/* proc_alloc_task: p's numbers in ns and each namespace above it; p->pid
 * (the global one) is given already. Refused while ns is dying. */
int pid_ns_alloc_nums(struct proc *p, struct pid_namespace *ns) {
  struct pid_namespace *up;
  if (ns->dying) return -ENOMEM;
  memset(&p->pidn, 0, sizeof p->pidn);
  p->pidn.level = ns->level;
  for (up = ns; up != NULL; up = up->parent) {
    p->pidn.ns[up->level] = up->ns.inum;
    p->pidn.nr[up->level] = up->level == 0 ? p->pid : alloc_nr(up);
  }
  p->pid_ns = ns;
  ns_get(&ns->ns);
  if (ns->child_reaper == NULL && ns->level > 0) ns->child_reaper = p;   /* its pid 1 */
  return 0;
}

void pid_ns_set_group(struct proc *p, struct proc *leader) {
  p->pgid = leader->pgid;
  p->pgidn = leader->pgidn;
}

void pid_ns_set_session(struct proc *p) {
  p->sid = p->pid;
  p->pgid = p->pid;
  p->sidn = p->pidn;
  p->pgidn = p->pidn;
}

struct pid_namespace *pid_ns_create(struct pid_namespace *parent) {
  struct pid_namespace *ns;
  if (parent->level + 1 >= PIDNS_LEVELS) return NULL;
  ns = (struct pid_namespace *)kmalloc(sizeof *ns);
  if (ns == NULL) return NULL;
  memset(ns, 0, sizeof *ns);
  ns_register(&ns->ns, NS_PID);
  ns->level = parent->level + 1;
  ns->parent = parent;
  ns_get(&parent->ns);
  ns->next_pid = 1;
  return ns;
}

/* Is ns inside (or equal to) outer? */
static int pid_ns_within(struct pid_namespace *ns, struct pid_namespace *outer) {
  for (; ns != NULL; ns = ns->parent) {
    if (ns == outer) return 1;
  }
  return 0;
}

/* A namespace's init gets only the signals it handles (Linux's
 * SIGNAL_UNKILLABLE, pid 1's rule, for every namespace's pid 1), but for
 * SIGKILL and SIGSTOP from an outer namespace: its parent can end it. */
int pid_ns_unkillable(struct proc *target, int sig) {
  struct pid_namespace *ns = target->group_leader->pid_ns;
  int from_outside;
  if (ns == NULL || ns->level == 0 || ns->child_reaper != target->group_leader) return 0;
  if (target->sighand == NULL || target->sighand->handler[sig] != SIG_DFL) return 0;
  from_outside = current == NULL || current->pid_ns == NULL || !pid_ns_within(current->pid_ns, ns);
  return !(from_outside && (sig == SIGKILL || sig == SIGSTOP));
}

/* Who adopts the children of `exiting`: its namespace's init, unless that
 * is exiting itself (then the parent namespace's); the global init at the top. */
struct proc *pid_ns_reaper_for(struct proc *exiting) {
  struct pid_namespace *ns = exiting->group_leader->pid_ns;
  for (; ns != NULL && ns->level > 0; ns = ns->parent) {
    if (ns->child_reaper && ns->child_reaper != exiting->group_leader && ns->child_reaper->state != P_ZOMBIE)
      return ns->child_reaper;
  }
  return init_proc;
}

/* Any live process of ns (or nested in it) other than self's group? */
static int others_in_ns(struct pid_namespace *ns, struct proc *self, int kill) {
  struct list_head *n;
  int found = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->group_leader == self->group_leader || p->state == P_UNUSED || p->pid_ns == NULL) continue;
    if (!pid_ns_within(p->pid_ns, ns)) continue;
    if (kill && p->group_leader == p && p->state != P_ZOMBIE) send_signal(p, SIGKILL);
    if (p->state != P_ZOMBIE || p->parent == self->group_leader) found = 1;
  }
  return found;
}

/* do_exit of a namespace's init, its last thread, before it lets go of
 * anything: the namespace ends. Its processes are killed and, as they are
 * reparented to this init, reaped here; the init waits (uninterruptibly:
 * it is dying already) until none is left. */
void pid_ns_exit_reaper(struct proc *p) {
  struct pid_namespace *ns = p->group_leader->pid_ns;
  u32 flags;
  if (ns == NULL || ns->level == 0 || ns->child_reaper != p->group_leader) return;
  flags = irq_save();
  ns->dying = 1;
  others_in_ns(ns, p, 1);
  for (;;) {
    while (do_wait4(-1, NULL, WNOHANG | __WALL, NULL) > 0) {}
    if (!others_in_ns(ns, p, 0)) break;
    sleep_uninterruptible(p->group_leader);
  }
  irq_restore(flags);
}
