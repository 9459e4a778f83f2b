/*
 * proc.h — processes, kernel threads and the scheduler.
 *
 * A struct proc is one thread of control with its own kernel stack; user
 * processes also own an address space (mm) and files. States follow Linux:
 * RUNNING is the one on the CPU (`current`), RUNNABLE ones wait in the run
 * queue, SLEEPING ones wait on a channel (any address) until wakeup(chan),
 * STOPPED ones wait for SIGCONT, ZOMBIEs wait for their parent's wait4.
 *
 * Threads (fork.c, thread.c): a thread group is the procs sharing one tgid; the
 * leader's pid is the tgid (getpid), each member's own pid is its tid
 * (gettid). Members share the address space (mm->refcount), the file table
 * (files_struct), cwd/umask (fs_struct) and the signal actions (sighand),
 * each counted by its users and freed by the last; CLONE_* flags choose
 * which a child shares and which it copies. Per thread: the kernel stack,
 * registers, the thread pointer (tls), the blocked mask and thread-directed
 * pending signals; the group's pending signals are the leader's
 * shared_pending. Only a leader is ever a child anyone waits for.
 *
 * Scheduling (sched.c) is CFS-like: each process has a weight from its nice
 * value (Linux's table: nice 0 = 1024, each step ~1.25x) and a virtual
 * runtime that grows by elapsed_us * 1024 / weight while it runs; the
 * runnable process with the smallest vruntime runs next. The kernel is not
 * preemptible: a process is preempted only on its way back to user mode
 * (need_resched set by the timer), kernel code gives the CPU up only by
 * sleeping or exiting. Interrupt handlers never sleep.
 */
#ifndef HAKO_PROC_H
#define HAKO_PROC_H

#include "list.h"
#include "ns.h"
#include "param.h"
#include "trap.h"
#include "types.h"
#include "hako/resource.h"

#define P_UNUSED 0
#define P_EMBRYO 1
#define P_RUNNING 2
#define P_RUNNABLE 3
#define P_SLEEPING 4
#define P_STOPPED 5
#define P_ZOMBIE 6

#define NSIG 32
#define PROC_NAME_MAX 16

/* Callee-saved registers saved by swtch (kernel/swtch.s); eip is the return
 * address its `ret` uses. */
struct context {
  u32 edi, esi, ebx, ebp, eip;
};

struct mm;
struct file;
struct inode;
struct cgroup;

/* The open-file table, shared by CLONE_FILES (one per process otherwise).
 * fd[] and close_on_exec[] have max_fds slots (bits): at first the arrays
 * inside the struct, then kmalloc'd ones doubled on demand (fd_table_grow)
 * up to NR_OPEN. Slots past max_fds are closed by definition. */
struct files_struct {
  int refcount;
  int max_fds;                  /* NOFILE_INITIAL, doubled up to NR_OPEN */
  struct file **fd;             /* max_fds slots */
  u32 *close_on_exec;           /* bit per fd, max_fds bits */
  struct file *fd_initial[NOFILE_INITIAL];
  u32 close_on_exec_initial[NOFILE_INITIAL / 32];
};

/* Where relative paths start, where absolute ones start (chroot; NULL:
 * the root of the mount table) and the creation mask, shared by CLONE_FS. */
struct fs_struct {
  int refcount;
  struct inode *cwd;
  struct inode *root;
  u32 umask;
};

/* Signal actions (SIG_DFL 0, SIG_IGN 1, or a user address), shared by
 * CLONE_SIGHAND (every thread group shares one). */
struct sighand {
  int refcount;
  u32 handler[NSIG];
  u32 flags[NSIG];              /* SA_* */
  u32 restorer[NSIG];
  u32 mask[NSIG];               /* blocked while the handler runs */
};

struct proc {
  int pid;                      /* the thread id; equals tgid for a group leader */
  int tgid;                     /* the thread group's id: getpid() */
  struct proc *group_leader;    /* itself for a leader and for every process */
  struct list_head thread_node; /* in the leader's thread_list (the leader's own is the head) */
  struct list_head thread_list; /* leader: every thread of the group, the leader included */
  int nr_threads;               /* leader: members not yet exited, the leader included */
  int group_exiting;            /* leader: exit_group or a fatal signal is ending the group */
  int group_exit_code;          /* leader: the wait status then */
  u32 shared_pending;           /* leader: signals sent to the group, taken by any thread */
  struct proc *group_exec;      /* leader: the thread whose execve is ending the others */
  u32 *clear_child_tid;         /* CLONE_CHILD_CLEARTID / set_tid_address: zeroed and woken at exit */
  u32 *set_child_tid;           /* CLONE_CHILD_SETTID: stored by the child's first kernel code */
  int exit_signal;              /* sent to the parent when the process ends (SIGCHLD; 0 none; threads 0) */
  u32 tls;                      /* the thread-pointer register's value (rdtp), loaded on every switch */
  int pgid, sid;                /* global numbers; pgidn and sidn are their leaders' in every namespace */
  struct pidnums pidn;          /* this thread's numbers, level 0 (= pid) to its own namespace (ns.h) */
  struct pidnums pgidn, sidn;
  struct pid_namespace *pid_ns; /* where it lives (referenced); fixed for life */
  struct nsproxy *nsproxy;      /* its other namespaces (referenced; NULL for kernel threads: the initial ones) */
  int state;
  char name[PROC_NAME_MAX];
  struct proc *parent;
  struct list_head all_node;    /* in all_procs */
  struct list_head run_node;    /* in the run queue while RUNNABLE */

  /* Scheduling. */
  int nice;                     /* -20 .. 19 */
  u32 weight;                   /* from the nice table */
  u32 vruntime;                 /* weighted microseconds; compare with wrap-safe differences */
  u32 ran_since_us;             /* uptime (low dword) when it last got the CPU */
  u32 utime, stime;             /* ticks in user / kernel mode */
  u32 cutime, cstime;           /* of waited-for children */
  u32 start_jiffies;

  /* Kernel execution. */
  char *kstack;                 /* bottom of KSTACK_SIZE bytes */
  struct context *context;      /* saved by swtch when not running */
  struct trapframe *tf;         /* the user frame at the top of kstack */
  void (*kthread_fn)(void *);   /* kernel threads: the body */
  void *kthread_arg;

  /* Resources. */
  struct mm *mm;                /* NULL for kernel threads */
  struct files_struct *files;
  struct fs_struct *fs;
  /* Credentials (cred.c). uid and gid are the EFFECTIVE ids: what every
   * permission check and every new file's owner uses (Linux's euid and
   * fsuid, which Hako keeps equal). ruid/rgid are the real ids (who started
   * it: kill permission, access()), suid/sgid the saved ones (an id a
   * set-user-ID program may switch back to). Root is uid 0. */
  u32 uid, gid;
  u32 ruid, suid;
  u32 rgid, sgid;
  int ngroups;                  /* supplementary groups, 0 .. NGROUPS_MAX */
  u32 groups[NGROUPS_MAX];
  int oom_score_adj;            /* -1000 .. 1000, /proc/PID/oom_score_adj; inherited by fork */
  struct rlimit rlim[RLIM_NLIMITS];   /* resource limits (rlimit.c); the group leader's hold for the group */
  struct cgroup *cgroup;        /* its control group (cgroup.h); NULL: the root */
  int cgroup_live;              /* counted in its group's populated tasks (until exit) */

  /* Waiting and exit. */
  void *chan;                   /* what it sleeps on */
  int inode_locks;              /* inode sleep locks it holds (reclaim must not wait for another's then) */
  int uninterruptible;          /* signals do not end this sleep (disk I/O) */
  u32 wake_at;                  /* jiffies deadline for timed sleeps, 0 = none */
  u32 alarm_at;                 /* jiffies when SIGALRM is due, 0 = none */
  u32 restart_deadline;         /* an interrupted nanosleep's end in jiffies, 0 = none (syscall.c) */
  int restart_hres;             /* ... in µs of uptime instead (proc/hrtimer.c) */
  void *restart_rem;            /* and its user `rem` pointer */
  int exit_code;                /* wait status word (Linux encoding) */

  /* Signals: this thread's pending (tkill, faults) and blocked bit masks;
   * the actions are shared (sighand). */
  u32 sig_pending;
  u32 sig_blocked;
  struct sighand *sighand;
  u32 sigsuspend_saved;         /* the mask rt_sigsuspend replaced, restored after delivery */
  int sigsuspend_active;        /* ... while this is set (sigaction.c) */
  u32 altstack_sp, altstack_size;   /* sigaltstack; altstack_size 0 = disabled */
  u32 syscall_nr;               /* the system call being dispatched (restarts) */
  /* Interval timers (itimer.c), in ticks; alarm_at is ITIMER_REAL's deadline. */
  u32 itimer_real_interval;
  u32 itimer_virt_value, itimer_virt_interval;
  u32 itimer_prof_value, itimer_prof_interval;
  int stop_reported;            /* a stop not yet seen by wait4(WUNTRACED) */
  int cont_reported;            /* a SIGCONT resume not yet seen by wait4(WCONTINUED) */
  /* ptrace (ptrace.c): who traces this thread and the stop it is in. */
  struct proc *tracer;          /* the tracer's group leader, or NULL */
  u32 ptrace_options;           /* PTRACE_O_* */
  int ptrace_mode;              /* PT_SYSCALL / PT_STEP: what the last resume asked to stop at */
  int ptrace_stopped;           /* in a ptrace stop (P_STOPPED): only the tracer resumes it */
  int ptrace_reported;          /* that stop not yet seen by the tracer's wait4 */
  int ptrace_status;            /* its wait status */
  int ptrace_resume_sig;        /* the signal the tracer's resume injects, 0 none */
  u32 ptrace_msg;               /* PTRACE_GETEVENTMSG */
  u32 ptrace_orig_eax;          /* the call at a syscall stop (-1 elsewhere): user_regs_struct.orig_eax */
  int ptrace_exit_unseen;       /* a zombie whose exit its tracer (not its parent) has not waited for */
  int ptrace_siginfo_sig;       /* the signal of a signal-delivery stop (GETSIGINFO); 0 in other stops */
};

extern struct proc *current;
extern struct proc *init_proc;
extern struct list_head all_procs;
extern int need_resched;

/* proc.c */
void proc_init(void);
struct proc *proc_alloc(const char *name);   /* EMBRYO with a kernel stack; NULL when out of memory */
struct proc *proc_alloc_task(const char *name, struct proc *leader, struct pid_namespace *ns);   /* leader NULL: a new thread group in ns */
void proc_free(struct proc *p);
struct proc *proc_find(int pid);   /* by global pid (kernel and debugger); system calls: proc_find_vpid */
struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg);
void proc_set_name(struct proc *p, const char *name);

/* sched.c */
void sched_init(struct proc *idle);
void sched_tick(void);
void schedule(void);
void make_runnable(struct proc *p);   /* wake or start p */
void sched_fork(struct proc *child);   /* a new child's vruntime from its parent's */

/* loadavg.c: Linux's load averages (FSHIFT 11 fixed point) and idle time */
#define LOADAVG_FSHIFT 11
extern u32 avenrun[3];
void loadavg_tick(void);
void loadavg_counts(u32 *running, u32 *total);
void idle_charge(u32 micros);
void idle_time(u32 *seconds, u32 *micros);
int proc_last_pid(void);
int nanosleep_until(u32 deadline, int hres, void *rem);   /* sys_proc.c; hres: deadline in µs */
void set_nice(struct proc *p, int nice);
/* Sleeps on chan until woken; returns 0, or -EINTR when a signal is pending.
 * Call with interrupts off after checking the condition (no lost wakeups). */
int sleep_on(void *chan);
void wakeup(void *chan);
/* Like sleep_on, but signals do not wake it: for waits that must finish
 * (a disk transfer into a buffer the caller owns). */
void sleep_uninterruptible(void *chan);
int sleep_until(u32 deadline);
int sleep_ticks(u32 ticks);           /* 0, or -EINTR */
void yield(void);
void yield_to_others(void);           /* sched_yield: behind every runnable process */

/* swtch.s */
void swtch(struct context **save, struct context *load);

/* exit.c / fork.c / thread.c */
void do_exit(int status);             /* ends the calling thread; never returns */
void do_group_exit(int status);       /* ends every thread of the group (exit_group, fatal signals) */
void exit_notify_parent(struct proc *leader);   /* SIGCHLD and a wakeup for the parent of an ended group */
int do_clone(u32 flags, u32 newsp, u32 *ptid, u32 tls, u32 *ctid);
struct files_struct *files_copy(struct files_struct *old);   /* NULL old: an empty table */
void files_put(struct files_struct *f);
struct fs_struct *fs_copy(struct fs_struct *old);
void fs_put(struct fs_struct *fs);
struct sighand *sighand_copy(struct sighand *old);
void sighand_put(struct sighand *s);
int tls_from_user_desc(const void *user_desc, u32 *tp);   /* 0 or -EFAULT/-EINVAL */
int de_thread(void);
int unshare_for_exec(void);           /* execve: private file table and signal actions */                  /* execve: end the other threads, take the leader's pid */
void reap_dead_threads(void);         /* free ended non-leader threads (schedule) */
int thread_group_empty(struct proc *leader);   /* every member has exited */
void group_wake_for_signal(struct proc *t);   /* wake t for a signal it must see */
void kill_other_threads(struct proc *self);   /* SIGKILL to the rest of self's group */
void thread_exit_notify(struct proc *p);      /* CLONE_CHILD_CLEARTID at exit */
void thread_died(struct proc *p);             /* do_exit of a non-leader */

/* futex.c */
int futex_wake_address(u32 *uaddr, int n);    /* wake up to n waiters on current's word at uaddr */
void end_processes_for_shutdown(void);   /* reboot(2): SIGKILL the others, wait, release ours */
int do_fork(struct trapframe *tf);
int do_wait4(int pid, int *user_status, int options, void *user_rusage);

/* cpustat.c: system-wide CPU time in ticks, by kind (/proc/stat) */
#define CPUTIME_USER 0
#define CPUTIME_NICE 1
#define CPUTIME_SYSTEM 2
#define CPUTIME_IDLE 3
#define CPUTIME_IOWAIT 4
#define CPUTIME_IRQ 5
#define CPUTIME_SOFTIRQ 6
#define CPUTIME_NR 7
extern u32 cpustat[CPUTIME_NR];
extern u32 total_forks;       /* processes created since boot */
void cpustat_tick(struct proc *p, int user, int idle);
u32 nr_iowait(void);

/* ptrace.c: the hooks the rest of the kernel calls for a traced thread */
#define PT_SYSCALL 1                  /* ptrace_mode: stop at each system call's entry and exit */
#define PT_STEP 2                     /* ptrace_mode: trap after one instruction (eflags.TF) */
u32 ptrace_syscall_entry(struct trapframe *tf);   /* the call to make after the entry stop; (u32)-1 skips it */
void ptrace_syscall_exit(struct trapframe *tf);
int ptrace_signal(int sig);           /* signal-delivery stop: the signal to deliver instead, 0 none */
void ptrace_group_stop(int sig);      /* a stop signal's stop, reported to the tracer */
int ptrace_clone_child(struct proc *child, u32 flags);   /* auto-attach under TRACEFORK...; the event or 0 */
void ptrace_clone_event(int event, int child_pid);       /* the parent's PTRACE_EVENT stop */
void ptrace_exec(int old_pid);        /* exec succeeded: the exec event stop, or SIGTRAP */
void ptrace_exit(struct proc *leader);   /* a group ends: its tracees go free, its tracer hears of it */
int ptrace_wait(struct proc *c, int pid, int *status, int *hidden);   /* do_wait4's tracer side */
int ptrace_blocks_setid(void);        /* exec must not grant set-id privileges to this tracee */

/* cred.c */
void cred_copy(struct proc *child, struct proc *parent);   /* fork */
void cred_exec(u32 mode, u32 file_uid, u32 file_gid);      /* execve: set-user/group-ID bits */
int in_group_p(struct proc *p, u32 gid);                  /* effective or supplementary group */
int may_signal(struct proc *target, int sig);             /* kill(2)'s permission rule */

/* signal.c */
int send_signal(struct proc *p, int sig);          /* to p's thread group (kill) */
int send_signal_thread(struct proc *t, int sig);   /* to one thread (tkill, tgkill) */
int force_sig(int sig);   /* a fault of current: 1 = its handler runs, 0 = fatal (caller reports, do_exit) */
int kill_pgrp(int pgid, int sig);
void discard_pending_signal(int sig);   /* from the group and each of its threads */
void deliver_signals(struct trapframe *tf);   /* on the way back to user mode */
int signal_pending(struct proc *p);
int setup_signal_frame(struct trapframe *tf, int sig);   /* sigaction.c */
void sigsuspend_restore_mask(void);
void sigaltstack_fork(struct proc *child);
int signal_exit_status(int sig);   /* the wait status of death by sig (core bit for core signals) */

/* rlimit.c */
extern int max_threads;
extern int nprocs, ntasks;                      /* thread groups and threads on all_procs (proc.c) */                         /* threads the machine may hold (threads-max) */
void rlimit_boot_defaults(struct proc *p);      /* init's limits, Linux's defaults */
void rlimit_copy(struct proc *child, struct proc *parent);   /* fork/clone */
u32 rlimit(int resource);                       /* current's soft limit */
int rlimit_may_fork(int ntasks);                /* 0 or -EAGAIN (threads-max, RLIMIT_NPROC) */
struct mm;
int rlimit_may_expand(struct mm *mm, u32 bytes, int data);   /* 0 or -ENOMEM (RLIMIT_AS, RLIMIT_DATA) */
u32 rlimit_stack_for_exec(void);                /* the stack growth limit a new image gets */
int rlimit_fsize_write(u32 pos, u32 *n);        /* 0 (n maybe shortened) or -EFBIG with SIGXFSZ */
int rlimit_fsize_truncate(u32 old_size, u32 size);   /* 0 or -EFBIG with SIGXFSZ */
void rlimit_cpu_tick(void);                     /* RLIMIT_CPU: SIGXCPU, SIGKILL */

/* itimer.c */
void itimer_tick(int user);          /* the timer interrupt, for current */
void itimer_real_expired(struct proc *p);

/* sched.c: context switches since boot (/proc/stat ctxt, the debugger) */
extern u32 nr_context_switches;

#endif
