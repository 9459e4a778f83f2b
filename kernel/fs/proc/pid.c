/*
 * pid.c — what /proc/PID says about a process, in Linux's formats:
 *   stat      the one-line format up to rss (what ps reads; tty_nr is the
 *             console, 5:1, and tpgid its foreground group for user
 *             processes, 0 and -1 for kernel threads);
 *   status    Name, Umask, State, Tgid, Pid, PPid, TracerPid, the
 *             credentials (Uid/Gid: real, effective, saved, filesystem —
 *             Hako's fs ids are the effective ones — and Groups), FDSize,
 *             the Vm lines (mem.c), Threads and the signal masks;
 *   cmdline   argv's strings, NUL-separated, and environ the environment's,
 *             read at the file offset from the process's own memory
 *             (exec records where they lie: mm->arg_start..env_end) through
 *             its page tables (copy_from_mm), as Linux's access_remote_vm.
 * Access (procfs_may_access) is Linux's ptrace read check: the caller is
 * root, or the process itself, or its user with all of its real, effective
 * and saved ids (uid and gid alike). environ and the links need it; a
 * process that changed ids keeps its secrets from its old user.
 */
#include "cgroup.h"
#include "file.h"
#include "fs.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "vm.h"
#include "fs/proc/internal.h"

int procfs_may_access(struct proc *p) {
  struct proc *me = current;
  if (me == p || me->uid == 0) return 1;
  return me->uid == p->ruid && me->uid == p->uid && me->uid == p->suid && me->gid == p->rgid &&
         me->gid == p->gid && me->gid == p->sgid;
}

static char state_letter(int state) {
  switch (state) {
    case P_RUNNING: return 'R';
    case P_RUNNABLE: return 'R';
    case P_SLEEPING: return 'S';
    case P_STOPPED: return 'T';
    case P_ZOMBIE: return 'Z';
  }
  return '?';
}

/* status's State line, as Linux names the states. */
static const char *state_name(struct proc *p) {
  switch (p->state) {
    case P_RUNNING:
    case P_RUNNABLE: return "R (running)";
    case P_SLEEPING: return p->uninterruptible ? "D (disk sleep)" : "S (sleeping)";
    case P_STOPPED: return p->ptrace_stopped ? "t (tracing stop)" : "T (stopped)";
    case P_ZOMBIE: return "Z (zombie)";
  }
  return "? (unknown)";
}

static void emit_stat(struct proc *p, struct out *o) {
  /* pid (comm) state ppid pgrp session tty_nr tpgid flags minflt
   * cminflt majflt cmajflt utime stime cutime cstime priority nice
   * num_threads itrealvalue starttime vsize rss. Every user process
   * has the console (/dev/console, 5:1) as its controlling terminal,
   * tpgid being its foreground group; kernel threads have none (0, -1). */
  u32 vsize = 0;
  struct vm_area *v;
  if (p->mm) for (v = p->mm->vmas; v; v = v->next) vsize += v->end - v->start;
  struct proc *parent = p->group_leader->parent;
  outf(o, "%d (%s) %c %d %d %d %d %d 0 %u 0 0 0 %u %u %u %u %d %d %d 0 %u %u %u\n", pid_nr_ns(p, o->ns), p->name,
       state_letter(p->state), parent ? pid_nr_ns(parent, o->ns) : 0, pgid_nr_ns(p, o->ns), sid_nr_ns(p, o->ns),
       p->mm ? 0x0501 : 0, p->mm ? global_pgid_nr_ns(tty_foreground(), o->ns) : -1, p->mm ? p->mm->page_faults : 0, p->utime, p->stime, p->cutime, p->cstime,
       20 + p->nice, p->nice, p->group_leader->nr_threads, p->start_jiffies, vsize, p->mm ? p->mm->rss : 0);
}

/* Linux's NSpid-style line: the number in the mount's pid namespace and
 * in each namespace nested below it, down to the process's own. */
static void emit_ns_line(struct out *o, const char *name, const struct pidnums *n) {
  int level;
  outf(o, "%s:", name);
  if (pidnums_nr(n, o->ns) == 0) outf(o, "\t0");
  else for (level = o->ns->level; level <= n->level; level++) outf(o, "\t%d", n->nr[level]);
  outf(o, "\n");
}

static void emit_status(struct proc *p, struct out *o) {
  int i, sig;
  u32 ignored = 0, caught = 0;
  struct proc *parent = p->group_leader->parent;
  outf(o, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\nTracerPid:\t%d\n", p->name, p->fs ? p->fs->umask : 0,
       state_name(p), pid_nr_ns(p->group_leader, o->ns), pid_nr_ns(p, o->ns), parent ? pid_nr_ns(parent, o->ns) : 0,
       p->tracer ? pid_nr_ns(p->tracer, o->ns) : 0);
  outf(o, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", p->ruid, p->uid, p->suid, p->uid, p->rgid, p->gid, p->sgid,
       p->gid);
  outf(o, "FDSize:\t%d\nGroups:\t", p->files ? p->files->max_fds : 0);
  /* space-separated, and (as Linux keeps it for old parsers) a space after */
  for (i = 0; i < p->ngroups; i++) outf(o, i ? " %u" : "%u", p->groups[i]);
  outf(o, " \n");
  emit_ns_line(o, "NStgid", &p->group_leader->pidn);
  emit_ns_line(o, "NSpid", &p->pidn);
  emit_ns_line(o, "NSpgid", &p->pgidn);
  emit_ns_line(o, "NSsid", &p->sidn);
  if (p->mm) procfs_status_mem(o, p->mm);
  /* Linux's signal lines: this thread's pending, the group's (kill), blocked, ignored, caught */
  for (sig = 1; p->sighand && sig < NSIG; sig++) {
    if (p->sighand->handler[sig] == SIG_IGN) ignored |= 1u << (sig - 1);
    else if (p->sighand->handler[sig] != SIG_DFL) caught |= 1u << (sig - 1);
  }
  outf(o, "Threads:\t%d\nSigPnd:\t%08x\nShdPnd:\t%08x\nSigBlk:\t%08x\nSigIgn:\t%08x\nSigCgt:\t%08x\n",
       p->group_leader->nr_threads, p->sig_pending, p->group_leader->shared_pending, p->sig_blocked, ignored, caught);
}

int procfs_pid_generate(int kind, struct proc *p, struct out *o) {
  switch (kind) {
    case PROC_PID_STAT: emit_stat(p, o); return 1;
    case PROC_PID_STATUS: emit_status(p, o); return 1;
    case PROC_PID_MOUNTS: procfs_mounts(o); return 1;
    case PROC_PID_CGROUP: {   /* cgroup v2's one line: "0::/path" */
      char line[200];
      cgroup_proc_line(p, line, sizeof line);
      outf(o, "%s", line);
      return 1;
    }
  }
  return 0;
}

/* cmdline or environ: the bytes [offset, offset + n) of the strings, read
 * from the process's memory a bounce buffer at a time. A zombie or a
 * kernel thread has none (0, end of file), as on Linux. */
int procfs_read_args(struct inode *ip, u32 offset, char *dst, u32 n, int user) {
  struct proc *p = proc_of(ip, 1);
  struct mm *mm;
  char chunk[256];
  u32 start, end, done = 0;
  int err = 0;
  if (p == NULL || p->mm == NULL) return 0;
  if (PROC_I(ip)->kind == PROC_PID_ENVIRON && !procfs_may_access(p)) return -EACCES;
  mm = p->mm;
  start = PROC_I(ip)->kind == PROC_PID_CMDLINE ? mm->arg_start : mm->env_start;
  end = PROC_I(ip)->kind == PROC_PID_CMDLINE ? mm->arg_end : mm->env_end;
  if (offset >= end - start) return 0;
  if (n > end - start - offset) n = end - start - offset;
  mm->refcount++;   /* reading may sleep (a page to fault in) while p exits */
  while (done < n) {
    u32 len = MIN(n - done, sizeof chunk);
    int got = copy_from_mm(mm, chunk, start + offset + done, len);
    if (got <= 0) break;
    if (user) {
      if (copyout(dst + done, chunk, (u32)got) != 0) {
        err = -EFAULT;
        break;
      }
    } else {
      memcpy(dst + done, chunk, (u32)got);
    }
    done += (u32)got;
    if ((u32)got < len) break;
  }
  mm_destroy(mm);   /* our reference */
  return done > 0 ? (int)done : err;
}
