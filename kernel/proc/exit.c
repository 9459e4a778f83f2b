/*
 * exit.c — process termination and reaping: exit, exit_group, wait4,
 * waitpid.
 *
 * do_exit releases what the process owns (files, cwd, address space),
 * hands its children to init (pid 1, or its pid namespace's init), becomes a ZOMBIE holding only its
 * exit status and times, signals SIGCHLD and wakes its parent, and
 * schedules away for good. The parent's wait4 frees the struct proc and
 * the kernel stack. wait4 also reports stops (WUNTRACED) and resumes by
 * SIGCONT (WCONTINUED, status 0xffff); option bits Linux i386 does not
 * accept are EINVAL (__WALL, __WCLONE and __WNOTHREAD are accepted and
 * change nothing: every thread of a group waits for the group's children,
 * and threads themselves are never waited for). Threads (thread.c): exit
 * ends one thread, exit_group all of them; the group's leader stays a
 * zombie, invisible to wait, until its last thread has ended, and the
 * parent hears of the group once (its exit_signal, SIGCHLD for fork). end_processes_for_shutdown is
 * reboot(2)'s: it ends every other process and releases the caller's
 * resources, so the file system is closed cleanly before power-off.
 * Invariant: a zombie has no mm and no files; only its parent can reap it;
 * init reaps orphans, and the children of a parent whose SIGCHLD action
 * is SIG_IGN or has SA_NOCLDWAIT (automatic reaping, as Linux). pid 1 exiting is a panic, as on Linux (nothing could
 * ever reap again).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "cgroup.h"
#include "file.h"
#include "lib.h"
#include "oom.h"
#include "printk.h"
#include "ipc.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "vm.h"
#include "param.h"
#include "trace.h"

#define SA_NOCLDWAIT 0x00000002u

/* What a thread holds on to: its file table (the last close of a deleted
 * file frees it on the disk), its fs_struct (cwd) and its address space
 * (MAP_SHARED pages are written back as the areas go); each is only
 * dropped, and freed by its last user. */
static void release_resources(struct proc *p) {
  if (p->files) {
    files_put(p->files);
    p->files = NULL;
  }
  if (p->fs) {
    fs_put(p->fs);
    p->fs = NULL;
  }
  if (p->mm) {
    struct mm *mm = p->mm;
    int last = mm->refcount == 1;
    p->mm = NULL;
    mm_switch(NULL);
    mm_put(mm);
    if (last) oom_mm_released(p->group_leader);   /* an OOM victim's memory is back: its waiters retry */
  }
  exit_namespaces(p);   /* last: a mount namespace's file systems must be idle first */
}

/* The whole thread group has ended (its last thread is exiting): the
 * leader, a zombie already, becomes visible to its parent's wait. Orphans
 * go to init; zombies among them are reaped by init's wait. */
static void group_finished(struct proc *leader) {
  struct list_head *n;
  struct proc *reaper = pid_ns_reaper_for(leader);   /* init, or its pid namespace's init */
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *c = list_entry(n, struct proc, all_node);
    if (c->parent == leader && c->group_leader == c) {
      c->parent = reaper;
      if (c->state == P_ZOMBIE && reaper) wakeup(reaper);
    }
  }
  if (leader->group_exiting) leader->exit_code = leader->group_exit_code;
  ptrace_exit(leader);   /* its tracees go free; its own tracer hears of the exit */
  if (!leader->ptrace_exit_unseen) exit_notify_parent(leader);   /* else once its tracer has seen it */
}

/* The parent hears of its child's end: exit_signal and a wakeup for its
 * wait4, or the child goes to init (its pid namespace's) when the parent
 * keeps no zombies. */
void exit_notify_parent(struct proc *leader) {
  if (leader->parent) {
    struct proc *parent = leader->parent;
    struct proc *reaper = pid_ns_reaper_for(leader);   /* init, or its pid namespace's init */
    if (leader->exit_signal) send_signal(parent, leader->exit_signal);
    /* A parent that ignores SIGCHLD or set SA_NOCLDWAIT keeps no zombies
     * (its wait4 ends in ECHILD): init, the reaper, takes this one. */
    if (parent != reaper && reaper &&
        (parent->sighand->handler[SIGCHLD] == SIG_IGN || (parent->sighand->flags[SIGCHLD] & SA_NOCLDWAIT))) {
      leader->parent = reaper;
      wakeup(reaper);
    }
    wakeup(parent);
  }
}

/* Ends the calling thread. The group's leader stays a zombie until its
 * last thread is gone; another thread is freed by reap_dead_threads
 * (thread.c) once it has switched away for good. */
void do_exit(int status) {
  struct proc *p = current;
  struct proc *leader = p->group_leader;
  if (p == init_proc) panic("Attempted to kill init! exitcode=0x%x", status);
  thread_exit_notify(p);   /* CLONE_CHILD_CLEARTID: zero and futex-wake, while the mm is ours */
  if (leader->nr_threads == 1) sem_exit(leader->tgid);   /* the group's last thread: SEM_UNDO */
  if (leader->nr_threads == 1) pid_ns_exit_reaper(p);   /* a pid namespace's init: the namespace ends first */
  release_resources(p);
  cli();
  cgroup_exit(p);   /* no longer populates its group: rmdir may take it */
  p->exit_code = status;
  trace1(TR_EXIT, status);
  p->state = P_ZOMBIE;
  leader->nr_threads--;
  wakeup(&leader->nr_threads);   /* a de_thread waiting for the others */
  if (p != leader) thread_died(p);
  if (leader->nr_threads == 0) group_finished(leader);
  schedule();
  panic("zombie %d scheduled", p->pid);
}

/* exit_group(2), and a fatal signal: every thread of the group ends with
 * the first such status. */
void do_group_exit(int status) {
  struct proc *leader = current->group_leader;
  if (leader->group_exec && leader->group_exec != current) do_exit(status);   /* ended by execve */
  if (!leader->group_exiting) {
    leader->group_exiting = 1;
    leader->group_exit_code = status;
    kill_other_threads(current);
  }
  do_exit(leader->group_exit_code);
}

/* User processes still alive, other than init and the caller. */
static int others_alive(int kill_them) {
  struct list_head *n;
  int alive = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p == current || p == init_proc || p->mm == NULL || p->state == P_ZOMBIE) continue;
    alive++;
    if (kill_them) send_signal(p, SIGKILL);
  }
  return alive;
}

#define SHUTDOWN_WAIT_TICKS (5 * HZ)

/* reboot(2)'s last step before the power goes (sys_info.c): every user
 * process but init and the caller gets SIGKILL — again each tick, for one
 * init may have forked meanwhile — and the caller waits until they have
 * all exited, at most SHUTDOWN_WAIT_TICKS. Then the caller lets go of its
 * own files, directory and address space. So every file a process held
 * open is closed the normal way (a deleted one is freed then) before the
 * disk is synced: no orphan inodes after a clean power-off. /bin/poweroff
 * has normally ended everyone already (SIGTERM first); this is the
 * guarantee for any caller. Init keeps what it has (the console and /):
 * it is not ended, as on Linux. The caller never returns to user mode,
 * so its pending signals are dropped rather than cutting the wait short. */
void end_processes_for_shutdown(void) {
  u32 waited;
  int alive = 0;
  for (waited = 0; waited < SHUTDOWN_WAIT_TICKS; waited++) {
    alive = others_alive(1);
    if (alive == 0) break;
    current->sig_pending = 0;
    sleep_ticks(1);
  }
  if (alive) printk(KERN_WARNING, "reboot: %d processes did not exit", others_alive(0));
  release_resources(current);
}

/* exit(2) ends only the calling thread (the process, when it is the
 * last); exit_group(2), libc's exit, ends them all. */
int sys_exit(int status) {
  do_exit(W_EXITCODE(status, 0));
  return 0;
}

int sys_exit_group(int status) {
  do_group_exit(W_EXITCODE(status, 0));
  return 0;
}

/* Does c count as a child of the caller's group for wait4's pid
 * argument? Only group leaders are waited for; a thread is never. */
static int wait_matches(struct proc *c, int pid) {
  if (c->parent != current->group_leader || c->group_leader != c) return 0;
  if (pid > 0) return pid_vnr(c) == pid;   /* numbers are the caller's (pid namespaces) */
  if (pid == -1) return 1;
  if (pid == 0) return c->pgid == current->pgid;
  return c->pgid == pgid_from_vnr(-pid);
}

/* struct rusage (i386): ru_utime and ru_stime as timevals, then 14 longs
 * Hako does not count (written as zeros). */
struct rusage_times {
  u32 utime_sec, utime_usec, stime_sec, stime_usec;
  u32 unused[14];
};

int do_wait4(int pid, int *user_status, int options, void *user_rusage) {
  u32 flags;
  int interrupted = 0;
  if ((u32)options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) return -EINVAL;
  flags = irq_save();
  for (;;) {
    struct list_head *n;
    int have_children = 0;
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *c = list_entry(n, struct proc, all_node);
      int status, cpid, hidden, traced;
      traced = ptrace_wait(c, pid, &status, &hidden);
      if (traced > 0) {   /* a tracee's stop or exit, for its tracer */
        cpid = c->pid;
        irq_restore(flags);
        if (user_status && copyout(user_status, &status, 4) != 0) return -EFAULT;
        return cpid;
      }
      if (traced < 0) {
        have_children = 1;
        if (c->parent != current->group_leader) continue;
      }
      if (!wait_matches(c, pid)) continue;
      have_children = 1;
      if (hidden) continue;   /* its tracer has not seen its exit yet */
      if (c->state == P_STOPPED && c->stop_reported && (options & WUNTRACED)) {
        c->stop_reported = 0;
        status = c->exit_code;
        cpid = pid_vnr(c);
        irq_restore(flags);
        if (user_status && copyout(user_status, &status, 4) != 0) return -EFAULT;
        return cpid;
      }
      if (c->cont_reported && (options & WCONTINUED) && c->state != P_ZOMBIE) {
        c->cont_reported = 0;
        status = W_CONTINUED;
        cpid = pid_vnr(c);
        irq_restore(flags);
        if (user_status && copyout(user_status, &status, 4) != 0) return -EFAULT;
        return cpid;
      }
      if (c->state != P_ZOMBIE || c->nr_threads != 0) continue;   /* a leader waits for its threads */
      status = c->exit_code;
      cpid = pid_vnr(c);
      current->cutime += c->utime + c->cutime;
      current->cstime += c->stime + c->cstime;
      if (user_rusage) {
        struct rusage_times t;
        memset(&t, 0, sizeof t);
        t.utime_sec = c->utime / HZ;
        t.utime_usec = (c->utime % HZ) * TICK_US;
        t.stime_sec = c->stime / HZ;
        t.stime_usec = (c->stime % HZ) * TICK_US;
        if (copyout(user_rusage, &t, sizeof t) != 0) {
          irq_restore(flags);
          return -EFAULT;
        }
      }
      if (user_status && copyout(user_status, &status, 4) != 0) {
        irq_restore(flags);
        return -EFAULT;
      }
      proc_free(c);
      irq_restore(flags);
      return cpid;
    }
    if (!have_children) {
      irq_restore(flags);
      return -ECHILD;
    }
    if (options & WNOHANG) {
      irq_restore(flags);
      return 0;
    }
    /* A signal ends the wait only when a look at the children after it
     * found nothing (Linux's do_wait): the SIGCHLD of the child that just
     * exited must not hide that child. */
    if (interrupted) {
      irq_restore(flags);
      return -EINTR;
    }
    if (sleep_on(current->group_leader) != 0) interrupted = 1;   /* children wake their parent, the leader */
  }
}

int sys_wait4(int pid, int *status, int options, void *rusage) {
  return do_wait4(pid, status, options, rusage);
}

int sys_waitpid(int pid, int *status, int options) {
  return do_wait4(pid, status, options, NULL);
}
