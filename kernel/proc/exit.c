/*
 * exit.c — process termination and reaping: exit, exit_group, wait4,
 * waitpid.
 *
 * do_exit releases what the process owns (files, cwd, address space),
 * hands its children to init (pid 1), becomes a ZOMBIE holding only its
 * exit status and times, signals SIGCHLD and wakes its parent, and
 * schedules away for good. The parent's wait4 frees the struct proc and
 * the kernel stack. wait4 also reports stops (WUNTRACED) and resumes by
 * SIGCONT (WCONTINUED, status 0xffff); option bits Linux i386 does not
 * accept are EINVAL (__WALL, __WCLONE and __WNOTHREAD are accepted and
 * change nothing: Hako has no threads). end_processes_for_shutdown is
 * reboot(2)'s: it ends every other process and releases the caller's
 * resources, so the file system is closed cleanly before power-off.
 * Invariant: a zombie has no mm and no files; only its parent can reap it;
 * init reaps orphans, and the children of a parent whose SIGCHLD action
 * is SIG_IGN or has SA_NOCLDWAIT (automatic reaping, as Linux). pid 1 exiting is a panic, as on Linux (nothing could
 * ever reap again).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "lib.h"
#include "oom.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "vm.h"
#include "param.h"
#include "trace.h"

#define SA_NOCLDWAIT 0x00000002u

/* What a process holds on to: its files (the last close of a deleted file
 * frees it on the disk), its directory and its address space (MAP_SHARED
 * pages are written back as the areas go). */
static void release_resources(struct proc *p) {
  int fd;
  for (fd = 0; fd < NOFILE; fd++) {
    if (p->files[fd]) {
      file_close(p->files[fd]);
      p->files[fd] = NULL;
    }
  }
  if (p->cwd) {
    inode_put(p->cwd);
    p->cwd = NULL;
  }
  if (p->mm) {
    struct mm *mm = p->mm;
    p->mm = NULL;
    mm_switch(NULL);
    mm_destroy(mm);
    oom_mm_released(p);   /* an OOM victim's memory is back: its waiters retry */
  }
}

void do_exit(int status) {
  struct proc *p = current;
  struct list_head *n;
  if (p == init_proc) panic("Attempted to kill init! exitcode=0x%x", status);
  release_resources(p);
  cli();
  /* Orphans go to init; zombies among them are reaped by init's wait. */
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *c = list_entry(n, struct proc, all_node);
    if (c->parent == p) {
      c->parent = init_proc;
      if (c->state == P_ZOMBIE && init_proc) wakeup(init_proc);
    }
  }
  p->exit_code = status;
  trace1(TR_EXIT, status);
  p->state = P_ZOMBIE;
  if (p->parent) {
    struct proc *parent = p->parent;
    send_signal(parent, SIGCHLD);
    /* A parent that ignores SIGCHLD or set SA_NOCLDWAIT keeps no zombies
     * (its wait4 ends in ECHILD): init, the reaper, takes this one. */
    if (parent != init_proc && init_proc &&
        (parent->sig_handler[SIGCHLD] == SIG_IGN || (parent->sig_flags[SIGCHLD] & SA_NOCLDWAIT))) {
      p->parent = init_proc;
      wakeup(init_proc);
    }
    wakeup(parent);
  }
  schedule();
  panic("zombie %d scheduled", p->pid);
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

int sys_exit(int status) {
  do_exit(W_EXITCODE(status, 0));
  return 0;
}

int sys_exit_group(int status) {
  do_exit(W_EXITCODE(status, 0));
  return 0;
}

/* Does child c match wait4's pid argument? */
static int wait_matches(struct proc *c, int pid) {
  if (pid > 0) return c->pid == pid;
  if (pid == -1) return 1;
  if (pid == 0) return c->pgid == current->pgid;
  return c->pgid == -pid;
}

/* struct rusage (i386): ru_utime and ru_stime as timevals, then 14 longs
 * Hako does not count (written as zeros). */
struct rusage_times {
  u32 utime_sec, utime_usec, stime_sec, stime_usec;
  u32 unused[14];
};

int do_wait4(int pid, int *user_status, int options, void *user_rusage) {
  u32 flags;
  if ((u32)options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)) return -EINVAL;
  flags = irq_save();
  for (;;) {
    struct list_head *n;
    int have_children = 0;
    for (n = all_procs.next; n != &all_procs; n = n->next) {
      struct proc *c = list_entry(n, struct proc, all_node);
      int status, cpid;
      if (c->parent != current || !wait_matches(c, pid)) continue;
      have_children = 1;
      if (c->state == P_STOPPED && c->stop_reported && (options & WUNTRACED)) {
        c->stop_reported = 0;
        status = c->exit_code;
        cpid = c->pid;
        irq_restore(flags);
        if (user_status && copyout(user_status, &status, 4) != 0) return -EFAULT;
        return cpid;
      }
      if (c->cont_reported && (options & WCONTINUED) && c->state != P_ZOMBIE) {
        c->cont_reported = 0;
        status = W_CONTINUED;
        cpid = c->pid;
        irq_restore(flags);
        if (user_status && copyout(user_status, &status, 4) != 0) return -EFAULT;
        return cpid;
      }
      if (c->state != P_ZOMBIE) continue;
      status = c->exit_code;
      cpid = c->pid;
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
    if (sleep_on(current) != 0) {
      irq_restore(flags);
      return -EINTR;
    }
  }
}

int sys_wait4(int pid, int *status, int options, void *rusage) {
  return do_wait4(pid, status, options, rusage);
}

int sys_waitpid(int pid, int *status, int options) {
  return do_wait4(pid, status, options, NULL);
}
