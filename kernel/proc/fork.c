/*
 * fork.c — creating a process or a thread: fork, vfork and clone, and the
 * resources a child copies or shares (the file table, cwd/umask, signal
 * actions).
 *
 * A child gets its own kernel stack and trap frame (the caller's, with
 * eax = 0 and, for clone, the new stack pointer), its own blocked mask and
 * thread pointer, and for each resource either the caller's (a reference:
 * CLONE_VM the address space, CLONE_FILES the file table, CLONE_FS cwd and
 * umask, CLONE_SIGHAND the signal actions) or a copy (copy-on-write for
 * memory, file_dup for open files). CLONE_THREAD puts it in the caller's
 * thread group (thread.c): same tgid and parent, never waited for
 * itself. Otherwise its parent is the caller's group leader, so any thread
 * of the group may wait for it. Its first context returns into forkret
 * (which stores the tid for CLONE_CHILD_SETTID, in the child's own memory)
 * and then trapret, which irets to user mode. CLONE_NEW* flags give the
 * child new namespaces (nsproxy.c): with CLONE_NEWPID it is the first
 * process, pid 1, of a new pid namespace, and the caller gets its number
 * as seen from outside. Nothing is visible to
 * anyone until make_runnable.
 *
 * Invariants: each shared structure's refcount is the number of procs
 * pointing at it; the last put frees it (files_put closes the files).
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "cgroup.h"
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "printk.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "hako/sched.h"
#include "vm.h"
#include "trace.h"

struct files_struct *files_copy(struct files_struct *old) {
  struct files_struct *f = (struct files_struct *)kmalloc(sizeof *f);
  int fd;
  if (f == NULL) return NULL;
  f->refcount = 1;
  files_init(f);
  if (old) {
    if (fd_table_grow(f, old->max_fds) != 0) {
      kfree(f);
      return NULL;
    }
    for (fd = 0; fd < old->max_fds; fd++) {
      if (old->fd[fd]) f->fd[fd] = file_dup(old->fd[fd]);
    }
    memcpy(f->close_on_exec, old->close_on_exec, (u32)old->max_fds / 8);
  }
  return f;
}

void files_put(struct files_struct *f) {
  int fd;
  if (--f->refcount > 0) return;
  for (fd = 0; fd < f->max_fds; fd++) {
    if (f->fd[fd]) file_close(f->fd[fd]);
  }
  files_free_arrays(f);
  kfree(f);
}

struct fs_struct *fs_copy(struct fs_struct *old) {
  struct fs_struct *fs = (struct fs_struct *)kmalloc(sizeof *fs);
  if (fs == NULL) return NULL;
  fs->refcount = 1;
  fs->umask = old ? old->umask : 022;
  fs->cwd = old && old->cwd ? inode_dup(old->cwd) : NULL;
  fs->root = old && old->root ? inode_dup(old->root) : NULL;
  return fs;
}

void fs_put(struct fs_struct *fs) {
  if (--fs->refcount > 0) return;
  if (fs->cwd) inode_put(fs->cwd);
  if (fs->root) inode_put(fs->root);
  kfree(fs);
}

struct sighand *sighand_copy(struct sighand *old) {
  struct sighand *s = (struct sighand *)kmalloc(sizeof *s);
  if (s == NULL) return NULL;
  if (old) memcpy(s, old, sizeof *s);
  s->refcount = 1;
  return s;
}

void sighand_put(struct sighand *s) {
  if (--s->refcount == 0) kfree(s);
}

/* execve, after de_thread: a file table or signal actions still shared
 * with another process (CLONE_FILES, CLONE_SIGHAND) become the caller's
 * own copy, since exec closes files and resets actions. */
int unshare_for_exec(void) {
  if (current->files->refcount > 1) {
    struct files_struct *f = files_copy(current->files);
    if (f == NULL) return -ENOMEM;
    files_put(current->files);
    current->files = f;
  }
  if (current->sighand->refcount > 1) {
    struct sighand *s = sighand_copy(current->sighand);
    if (s == NULL) return -ENOMEM;
    sighand_put(current->sighand);
    current->sighand = s;
  }
  return 0;
}

/* The first kernel code a new child runs: schedule() left interrupts off,
 * trapret keeps them off until iret restores the user's eflags. Its own
 * address space is loaded now, so CLONE_CHILD_SETTID lands in it. */
static void forkret(void) {
  if (current->tracer) deliver_signals(current->tf);   /* an auto-attached child stops (SIGSTOP) first */
  if (current->set_child_tid) {
    u32 tid = (u32)pid_vnr(current);   /* its own number, in its own namespace */
    copyout(current->set_child_tid, &tid, 4);   /* a bad address is ignored, as Linux */
    current->set_child_tid = NULL;
  }
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

#define CLONE_SUPPORTED                                                                                        \
  (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID | CLONE_VFORK | CLONE_NEWNS | \
   CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUSER | CLONE_NEWCGROUP)

/* Undoes share_or_copy for a child that will never run (its sighand goes
 * with proc_free). */
static void clone_undo(struct proc *child) {
  if (child->mm) mm_put(child->mm);
  if (child->files) files_put(child->files);
  if (child->fs) fs_put(child->fs);
  child->mm = NULL;
  child->files = NULL;
  child->fs = NULL;
}

/* Gives child what it shares with or copies from current; 0 or -ENOMEM
 * (the caller frees what was given with clone_undo). */
static int share_or_copy(struct proc *child, u32 flags) {
  if (flags & CLONE_VM) {
    child->mm = current->mm;
    child->mm->refcount++;
  } else {
    child->mm = mm_copy(current->mm);
  }
  if (flags & CLONE_FILES) {
    child->files = current->files;
    child->files->refcount++;
  } else {
    child->files = files_copy(current->files);
  }
  if (flags & CLONE_FS) {
    child->fs = current->fs;
    child->fs->refcount++;
  } else {
    child->fs = fs_copy(current->fs);
  }
  if (flags & CLONE_SIGHAND) {
    child->sighand = current->sighand;
    child->sighand->refcount++;
  } else {
    child->sighand = sighand_copy(current->sighand);
  }
  if (child->mm == NULL || child->files == NULL || child->fs == NULL || child->sighand == NULL) return -ENOMEM;
  return 0;
}

int do_clone(u32 flags, u32 newsp, u32 *ptid, u32 tls, u32 *ctid) {
  struct proc *child;
  struct nsproxy *nsp;
  u32 tp = current->tls;
  int tid, err, ptrace_event;
  if (flags & ~CLONE_SUPPORTED) return -EINVAL;
  if ((flags & CLONE_NEWNS) && (flags & CLONE_FS)) return -EINVAL;        /* Linux: a new mount table needs its own root */
  if ((flags & (CLONE_NEWPID | CLONE_NEWUSER)) && (flags & CLONE_THREAD)) return -EINVAL;
  if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) return -EINVAL;
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) return -EINVAL;
  if ((flags & CLONE_THREAD) && (flags & CSIGNAL)) return -EINVAL;   /* Linux 5.x: a thread has no exit signal */
  if (flags & CLONE_SETTLS) {
    int err = tls_from_user_desc((const void *)tls, &tp);
    if (err) return err;
  }
  if (rlimit_may_fork(ntasks) != 0) return -EAGAIN;
  nsp = clone_namespaces(flags, &err);
  if (nsp == NULL) return err;
  if (nsp->pid_for_children->dying) {   /* its init has exited */
    nsproxy_put(nsp);
    return -ENOMEM;
  }
  child = proc_alloc_task(current->name, (flags & CLONE_THREAD) ? current->group_leader : NULL, nsp->pid_for_children);
  if (child == NULL) {
    nsproxy_put(nsp);
    return -EAGAIN;
  }
  child->nsproxy = nsp;
  if (cgroup_fork(child) != 0) {   /* pids.max */
    proc_free(child);
    return -EAGAIN;
  }
  if (share_or_copy(child, flags) != 0) {
    clone_undo(child);
    proc_free(child);
    return -ENOMEM;
  }
  if (flags & CLONE_THREAD) {
    child->parent = current->group_leader->parent;
    child->exit_signal = 0;
  } else {
    child->parent = current->group_leader;
    child->exit_signal = (int)(flags & CSIGNAL);
  }
  pid_ns_set_group(child, current);
  child->sid = current->sid;
  child->sidn = current->sidn;
  cred_copy(child, current);
  rlimit_copy(child, current);
  child->oom_score_adj = current->oom_score_adj;
  set_nice(child, current->nice);
  sched_fork(child);
  child->sig_blocked = current->sig_blocked;
  /* A thread on its own stack cannot use the caller's alternate signal
   * stack (Linux clears it for CLONE_VM without CLONE_VFORK). */
  if (!(flags & CLONE_VM)) sigaltstack_fork(child);
  child->tls = tp;
  proc_setup_user_stack(child, current->tf);
  child->tf->eax = 0;
  if (newsp) child->tf->esp = newsp;
  if (flags & CLONE_CHILD_SETTID) child->set_child_tid = ctid;
  if (flags & CLONE_CHILD_CLEARTID) child->clear_child_tid = ctid;
  tid = pid_vnr(child);   /* the caller's number for it */
  /* A bad ptid is not an error: the child exists already (Linux ignores
   * this store's failure too). */
  if (flags & CLONE_PARENT_SETTID) copyout(ptid, &tid, 4);
  ptrace_event = ptrace_clone_child(child, flags);
  make_runnable(child);
  trace2(TR_FORK, child->pid, current->pid);
  if (ptrace_event) ptrace_clone_event(ptrace_event, tid);
  return tid;
}

int do_fork(struct trapframe *tf) {
  (void)tf;
  return do_clone(SIGCHLD, 0, NULL, 0, NULL);
}

int sys_fork(void) {
  return do_clone(SIGCHLD, 0, NULL, 0, NULL);
}

/* vfork is fork here: the copy is copy-on-write, so cheap, and the child
 * never shares the parent's writable memory, which is a valid vfork. */
int sys_vfork(void) {
  return do_clone(CLONE_VFORK | SIGCHLD, 0, NULL, 0, NULL);   /* CLONE_VFORK: only ptrace's event tells */
}

/* clone(2), i386 argument order: flags, child stack, parent tid pointer,
 * tls (a struct user_desc pointer), child tid pointer. */
int sys_clone(u32 flags, u32 newsp, u32 *ptid, u32 tls, u32 *ctid) {
  return do_clone(flags, newsp, ptid, tls, ctid);
}
