/*
 * proc.c — the process table: allocation of struct proc and kernel stacks,
 * pids, lookup, kernel threads.
 *
 * Every struct proc from the "task_struct" slab cache is on all_procs from
 * proc_alloc until proc_free (after its parent reaped it, or for a thread
 * other than its group's leader, after it ended: reap_dead_threads in
 * thread.c). The table has no fixed size: fork and clone ask
 * rlimit_may_fork (rlimit.c) first, which bounds the threads by threads-max
 * (from RAM, as Linux) and each user's by RLIMIT_NPROC, so a fork or clone
 * bomb gets EAGAIN instead of eating all memory; running out of memory for
 * the proc or its kernel stack is EAGAIN too. Global pids (thread ids) count up
 * from 1 below PID_MAX and wrap to 2 (never reusing a live pid; threads-max
 * stays well below PID_MAX, so a free one exists); pid 0 is the idle thread
 * (the boot context). A process's numbers in pid namespaces are pid_ns.c's;
 * proc_find takes a global pid (system calls use proc_find_vpid). A kernel stack is two frames; the user trap frame
 * lives at its top, so tf is known from the stack alone.
 */
#include "arch.h"
#include "cgroup.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "vm.h"

struct proc *current;
struct proc *init_proc;
struct list_head all_procs;
static struct kmem_cache *proc_cache;
static int next_pid = 1;
static struct proc idle_proc;

void proc_set_name(struct proc *p, const char *name) {
  strlcpy(p->name, name, PROC_NAME_MAX);
}

struct proc *proc_find(int pid) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pid == pid && p->state != P_UNUSED) return p;
  }
  return NULL;
}

static int alloc_pid(void) {
  int pid;
  for (;;) {
    pid = next_pid++;
    if (next_pid >= PID_MAX) next_pid = 2;
    if (proc_find(pid) == NULL) return pid;
  }
}

/* The pid handed out last (/proc/loadavg's last field). */
int proc_last_pid(void) {
  return next_pid == 2 ? PID_MAX - 1 : next_pid - 1;
}

int nprocs;   /* thread groups on all_procs, the idle thread included */
int ntasks;   /* entries on all_procs */

/* A new proc: the leader of a new thread group (leader NULL) living in
 * pid namespace ns (NULL: the initial one), or a member of leader's group
 * (in its namespace). NULL when out of memory or ns is dying. */
struct proc *proc_alloc_task(const char *name, struct proc *leader, struct pid_namespace *ns) {
  struct proc *p;
  struct page *stack;
  if (leader) ns = leader->pid_ns;
  if (ns == NULL) ns = &init_pid_ns;
  if (ns->dying) return NULL;
  p = (struct proc *)kmem_cache_alloc(proc_cache);
  if (p == NULL) return NULL;
  stack = alloc_pages(1);
  if (stack == NULL) {
    kmem_cache_free(proc_cache, p);
    return NULL;
  }
  stack->flags |= PG_KERNEL;
  p->kstack = (char *)page_address(stack);
  p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE - sizeof(struct trapframe));
  p->state = P_EMBRYO;
  p->pid = alloc_pid();
  p->nsproxy = NULL;
  pid_ns_alloc_nums(p, ns);
  p->nice = 0;
  p->weight = 1024;
  p->start_jiffies = 0;
  p->cgroup_live = 1;   /* in the root until cgroup_fork says otherwise */
  list_init(&p->run_node);
  list_init(&p->thread_list);
  if (leader == NULL) {
    leader = p;
    p->nr_threads = 1;
    nprocs++;
  } else {
    leader->nr_threads++;
  }
  p->group_leader = leader;
  p->tgid = leader == p ? p->pid : leader->tgid;
  list_add_tail(&p->thread_node, &leader->thread_list);
  proc_set_name(p, name);
  list_add_tail(&p->all_node, &all_procs);
  ntasks++;
  total_forks++;   /* /proc/stat "processes" (cpustat.c) */
  return p;
}

struct proc *proc_alloc(const char *name) {
  return proc_alloc_task(name, NULL, NULL);
}

void proc_free(struct proc *p) {
  if (p->group_leader == p) nprocs--;
  ntasks--;
  cgroup_release(p);
  list_del(&p->thread_node);
  if (p->sighand) sighand_put(p->sighand);
  if (p->pid_ns) {
    if (p->pid_ns->child_reaper == p) p->pid_ns->child_reaper = NULL;
    ns_put(&p->pid_ns->ns);
  }
  nsproxy_put(p->nsproxy);
  list_del(&p->all_node);
  list_del(&p->run_node);
  p->state = P_UNUSED;
  free_pages(virt_to_page(p->kstack), 1);
  kmem_cache_free(proc_cache, p);
}

/* Where a new kernel thread starts: swtch "returns" here with interrupts
 * off (schedule() held them off); the body runs with them on. */
static void kthread_entry(void) {
  sti();
  current->kthread_fn(current->kthread_arg);
  do_exit(0);
}

struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg) {
  struct proc *p = proc_alloc(name);
  u32 *sp;
  if (p == NULL) return NULL;
  p->kthread_fn = fn;
  p->kthread_arg = arg;
  rlimit_boot_defaults(p);   /* what /proc/PID/limits shows for it, as init's */
  /* No parent: nobody waits for kernel threads (ppid 0, like kthreadd's
   * children on Linux would show their own parent, not init). */
  p->parent = NULL;
  /* Stack top: a zero return address for kthread_entry (ends backtraces),
   * below it the context swtch will pop. */
  sp = (u32 *)(p->kstack + KSTACK_SIZE);
  *--sp = 0;
  sp -= sizeof(struct context) / 4;
  p->context = (struct context *)sp;
  memset(p->context, 0, sizeof(struct context));
  p->context->eip = (u32)kthread_entry;
  make_runnable(p);
  return p;
}

void proc_init(void) {
  list_init(&all_procs);
  proc_cache = kmem_cache_create("task_struct", sizeof(struct proc));
  /* The boot thread becomes the idle thread, pid 0, on boot_stack. */
  memset(&idle_proc, 0, sizeof idle_proc);
  idle_proc.pid = 0;
  idle_proc.pid_ns = &init_pid_ns;
  idle_proc.pidn.ns[0] = PROC_PID_INIT_INO;
  idle_proc.group_leader = &idle_proc;
  idle_proc.nr_threads = 1;
  list_init(&idle_proc.thread_list);
  list_add_tail(&idle_proc.thread_node, &idle_proc.thread_list);
  idle_proc.state = P_RUNNING;
  idle_proc.kstack = boot_stack;
  idle_proc.nice = 19;
  idle_proc.weight = 15;
  list_init(&idle_proc.run_node);
  proc_set_name(&idle_proc, "swapper");
  list_add_tail(&idle_proc.all_node, &all_procs);
  nprocs = 1;
  ntasks = 1;
  current = &idle_proc;
  sched_init(&idle_proc);
}
