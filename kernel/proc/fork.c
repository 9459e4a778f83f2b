/*
 * fork.c — creating a user process as a copy of the current one.
 *
 * The child gets a copy-on-write copy of the address space (mm_copy),
 * shares the parent's open files (reference
 * counts), inherits cwd, nice, signal handlers and mask, and its own trap
 * frame: the parent's with eax = 0. Its first context returns into
 * forkret, then trapret, which irets to user mode where the parent called
 * fork. Nothing is visible to anyone until make_runnable.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "file.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"
#include "trace.h"

/* The first kernel code a forked child runs: schedule() left interrupts
 * off, trapret keeps them off until iret restores the user's eflags. */
static void forkret(void) {
}

/* Builds the kernel stack of a new user process so that switching to it
 * runs forkret and then returns to user mode with frame tf. */
void proc_setup_user_stack(struct proc *p, struct trapframe *tf) {
  u32 *sp;
  *p->tf = *tf;
  sp = (u32 *)p->tf;
  *--sp = (u32)trapret;
  sp -= sizeof(struct context) / 4;
  p->context = (struct context *)sp;
  memset(p->context, 0, sizeof(struct context));
  p->context->eip = (u32)forkret;
}

int do_fork(struct trapframe *tf) {
  struct proc *child = proc_alloc(current->name);
  int fd, i;
  if (child == NULL) return -EAGAIN;
  child->mm = mm_copy(current->mm);
  if (child->mm == NULL) {
    proc_free(child);
    return -ENOMEM;
  }
  child->parent = current;
  child->pgid = current->pgid;
  child->sid = current->sid;
  cred_copy(child, current);
  child->umask = current->umask;
  child->oom_score_adj = current->oom_score_adj;
  set_nice(child, current->nice);
  sched_fork(child);
  child->sig_blocked = current->sig_blocked;
  for (i = 0; i < NSIG; i++) {
    child->sig_handler[i] = current->sig_handler[i];
    child->sig_flags[i] = current->sig_flags[i];
    child->sig_restorer[i] = current->sig_restorer[i];
    child->sig_mask[i] = current->sig_mask[i];
  }
  sigaltstack_fork(child);   /* inherited, as Linux; interval timers are not */
  for (fd = 0; fd < NOFILE; fd++) {
    if (current->files[fd]) child->files[fd] = file_dup(current->files[fd]);
  }
  child->close_on_exec = current->close_on_exec;
  if (current->cwd) child->cwd = inode_dup(current->cwd);
  proc_setup_user_stack(child, tf);
  child->tf->eax = 0;
  make_runnable(child);
  trace2(TR_FORK, child->pid, current->pid);
  return child->pid;
}

int sys_fork(void) {
  return do_fork(current->tf);
}

/* vfork is fork here: the copy is copy-on-write, so cheap, and the child
 * never shares the parent's writable memory, which is a valid vfork. */
int sys_vfork(void) {
  return do_fork(current->tf);
}
