/*
 * rlimit.c — resource limits: getrlimit/ugetrlimit/setrlimit/prlimit64,
 * the defaults a boot starts with, and the checks other subsystems call
 * (the fd table, fork, brk/mmap and stack growth, the timer tick, file
 * writes and truncation).
 *
 * Limits belong to a thread group (Linux keeps them in signal_struct):
 * every reader goes through the group leader's rlim[], so a setrlimit by
 * any thread holds for all of them. fork/clone copy the caller's table,
 * execve keeps it (the new image's stack limit comes from RLIMIT_STACK).
 *
 * Invariants: rlim_cur <= rlim_max for every resource; RLIM_INFINITY
 * (~0) means "no limit"; a value of prlimit64 at or above 2^32 - 1 is
 * infinity (Linux's rlim64 conversion on 32-bit kernels). Raising a hard
 * limit needs root (EPERM); a NOFILE limit above the fd table's ceiling
 * (NR_OPEN, Linux's nr_open) is EPERM even for root.
 */
#include "gen/syscall_table.h"
#include "file.h"
#include "lib.h"
#include "mm.h"
#include "proc.h"
#include "signal.h"
#include "vm.h"
#include "hako/errno.h"
#include "hako/resource.h"

/* Most threads the machine may hold (threads-max): Linux's
 * set_max_threads, one thread per eight kernel stacks' worth of RAM (16
 * frames with 8 KiB stacks), from the frames the buddy allocator has. */
int max_threads;

/* Linux's boot-time limits, for init and the kernel threads (everyone
 * else inherits them through fork). */
void rlimit_boot_defaults(struct proc *p) {
  int i;
  max_threads = (int)(managed_frames / 16);
  if (max_threads < 20) max_threads = 20;
  if (max_threads > PID_MAX / 2) max_threads = PID_MAX / 2;
  for (i = 0; i < RLIM_NLIMITS; i++) {
    p->rlim[i].rlim_cur = RLIM_INFINITY;
    p->rlim[i].rlim_max = RLIM_INFINITY;
  }
  /* Linux's INIT_RLIMITS, but NOFILE's hard limit is NR_OPEN (the most
   * the fd table grows to), not 4096. */
  p->rlim[RLIMIT_STACK].rlim_cur = USER_STACK_MAX;
  p->rlim[RLIMIT_CORE].rlim_cur = 0;
  p->rlim[RLIMIT_NPROC].rlim_cur = p->rlim[RLIMIT_NPROC].rlim_max = (u32)max_threads / 2;
  p->rlim[RLIMIT_NOFILE].rlim_cur = p->rlim[RLIMIT_NOFILE].rlim_max = NR_OPEN;
  p->rlim[RLIMIT_MEMLOCK].rlim_cur = p->rlim[RLIMIT_MEMLOCK].rlim_max = 8u * 1024 * 1024;
  p->rlim[RLIMIT_SIGPENDING].rlim_cur = p->rlim[RLIMIT_SIGPENDING].rlim_max = (u32)max_threads / 2;
  p->rlim[RLIMIT_MSGQUEUE].rlim_cur = p->rlim[RLIMIT_MSGQUEUE].rlim_max = 819200;
  p->rlim[RLIMIT_NICE].rlim_cur = p->rlim[RLIMIT_NICE].rlim_max = 0;
  p->rlim[RLIMIT_RTPRIO].rlim_cur = p->rlim[RLIMIT_RTPRIO].rlim_max = 0;
}

void rlimit_copy(struct proc *child, struct proc *parent) {
  memcpy(child->rlim, parent->group_leader->rlim, sizeof child->rlim);
}

u32 rlimit(int resource) {
  return current->group_leader->rlim[resource].rlim_cur;
}

/* ---- checks for other subsystems ---- */

/* fork/clone: the caller's real user may not have more than RLIMIT_NPROC
 * tasks (threads count, as on Linux); root is exempt. The machine-wide
 * threads-max holds for everyone. 0 or -EAGAIN. */
int rlimit_may_fork(int ntasks) {
  struct list_head *n;
  u32 limit = rlimit(RLIMIT_NPROC);
  u32 count = 0;
  if (ntasks >= max_threads) return -EAGAIN;
  if (current->ruid == 0 || limit == RLIM_INFINITY) return 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state != P_UNUSED && p->mm != NULL && p->ruid == current->ruid) count++;
  }
  return count >= limit ? -EAGAIN : 0;
}

/* The bytes of address space mapped (RLIMIT_AS) or of data (RLIMIT_DATA:
 * private writable areas that are not the stack, the heap included). */
static u32 mapped_bytes(struct mm *mm, int data_only) {
  struct vm_area *v;
  u32 total = 0;
  for (v = mm->vmas; v; v = v->next) {
    if (data_only && (!(v->prot & VM_WRITE) || (v->flags & (VM_SHARED | VM_GROWSDOWN)))) continue;
    total += v->end - v->start;
  }
  return total;
}

/* May mm grow by `bytes` of address space (and of data when `data`)?
 * 0 or -ENOMEM, as Linux's may_expand_vm. */
int rlimit_may_expand(struct mm *mm, u32 bytes, int data) {
  u32 as = rlimit(RLIMIT_AS);
  u32 dl = rlimit(RLIMIT_DATA);
  if (as != RLIM_INFINITY) {
    u32 now = mapped_bytes(mm, 0);
    if (bytes > as || now > as - bytes) return -ENOMEM;
  }
  if (data && dl != RLIM_INFINITY) {
    u32 now = mapped_bytes(mm, 1);
    if (bytes > dl || now > dl - bytes) return -ENOMEM;
  }
  return 0;
}

/* The stack growth a new image gets from RLIMIT_STACK, capped so the mmap
 * area keeps room below it (infinity: the cap). */
u32 rlimit_stack_for_exec(void) {
  u32 s = rlimit(RLIMIT_STACK);
  if (s > USER_STACK_CAP) s = USER_STACK_CAP;
  if (s < 4 * PAGE_SIZE) s = 4 * PAGE_SIZE;
  return ALIGN_UP(s, PAGE_SIZE);
}

/* A write of *n bytes at pos into a regular file: past RLIMIT_FSIZE it is
 * SIGXFSZ and -EFBIG when not one byte fits, else shortened to what fits
 * (Linux's generic_write_checks). */
int rlimit_fsize_write(u32 pos, u32 *n) {
  u32 limit = rlimit(RLIMIT_FSIZE);
  if (limit == RLIM_INFINITY) return 0;
  if (pos >= limit) {
    send_signal_thread(current, SIGXFSZ);
    return -EFBIG;
  }
  if (*n > limit - pos) *n = limit - pos;
  return 0;
}

/* truncate to size: growing past RLIMIT_FSIZE is SIGXFSZ and -EFBIG. */
int rlimit_fsize_truncate(u32 old_size, u32 size) {
  u32 limit = rlimit(RLIMIT_FSIZE);
  if (size <= old_size || limit == RLIM_INFINITY || size <= limit) return 0;
  send_signal_thread(current, SIGXFSZ);
  return -EFBIG;
}

/* Each tick of CPU the current thread used: at RLIMIT_CPU's soft limit its
 * group gets SIGXCPU, again each second after, and SIGKILL at the hard one
 * (the time counted is the whole group's). */
void rlimit_cpu_tick(void) {
  struct proc *leader = current->group_leader;
  u32 soft = leader->rlim[RLIMIT_CPU].rlim_cur;
  u32 hard = leader->rlim[RLIMIT_CPU].rlim_max;
  struct list_head *n;
  u32 ticks = 0, secs;
  if (soft == RLIM_INFINITY && hard == RLIM_INFINITY) return;
  for (n = leader->thread_list.next; n != &leader->thread_list; n = n->next) {
    struct proc *t = list_entry(n, struct proc, thread_node);
    ticks += t->utime + t->stime;
  }
  if (ticks % HZ != 0) return;
  secs = ticks / HZ;
  if (hard != RLIM_INFINITY && secs >= hard) send_signal(leader, SIGKILL);
  else if (secs >= soft) send_signal(leader, SIGXCPU);
}

/* ---- the system calls ---- */

/* prlimit's permission (Linux's check_prlimit_permission): the caller's
 * uid equals the target's real, effective and saved uid, and likewise
 * for the gids, or the caller is root. */
static int may_prlimit(struct proc *t) {
  if (t == current || current->uid == 0) return 1;
  return current->uid == t->ruid && current->uid == t->uid && current->uid == t->suid && current->gid == t->rgid &&
         current->gid == t->gid && current->gid == t->sgid;
}

static int do_prlimit(struct proc *t, int resource, const struct rlimit *new_lim, struct rlimit *old_lim) {
  struct rlimit *r;
  if (resource < 0 || resource >= RLIM_NLIMITS) return -EINVAL;
  r = &t->group_leader->rlim[resource];
  if (new_lim) {
    if (new_lim->rlim_cur > new_lim->rlim_max) return -EINVAL;
    if (new_lim->rlim_max > r->rlim_max && current->uid != 0) return -EPERM;
    if (resource == RLIMIT_NOFILE && new_lim->rlim_max > NR_OPEN) return -EPERM;
  }
  if (old_lim) *old_lim = *r;
  if (new_lim) *r = *new_lim;
  return 0;
}

int sys_getrlimit(int resource, struct rlimit *user_lim) {
  struct rlimit r;
  int err = do_prlimit(current, resource, NULL, &r);
  if (err) return err;
  /* The original call's ABI has signed longs: infinity reads as LONG_MAX. */
  if (r.rlim_cur > RLIM_INFINITY_OLD) r.rlim_cur = RLIM_INFINITY_OLD;
  if (r.rlim_max > RLIM_INFINITY_OLD) r.rlim_max = RLIM_INFINITY_OLD;
  return copyout(user_lim, &r, sizeof r);
}

int sys_ugetrlimit(int resource, struct rlimit *user_lim) {
  struct rlimit r;
  int err = do_prlimit(current, resource, NULL, &r);
  if (err) return err;
  return copyout(user_lim, &r, sizeof r);
}

int sys_setrlimit(int resource, const struct rlimit *user_lim) {
  struct rlimit r;
  if (copyin(&r, user_lim, sizeof r) != 0) return -EFAULT;
  return do_prlimit(current, resource, &r, NULL);
}

/* struct rlimit64 as the kernel handles it: the 64-bit values as
 * little-endian (low, high) word pairs, so no 64-bit arithmetic is needed. */
struct rlimit64_words {
  u32 cur_lo, cur_hi, max_lo, max_hi;
};

static u32 from64(u32 lo, u32 hi) {
  return hi != 0 ? RLIM_INFINITY : lo;
}

static u32 to64_high(u32 v) {
  return v == RLIM_INFINITY ? 0xFFFFFFFFu : 0;
}

int sys_prlimit64(int pid, int resource, const struct rlimit64 *user_new, struct rlimit64 *user_old) {
  struct rlimit64_words r64;
  struct rlimit nl, ol;
  struct proc *t = pid == 0 ? current : proc_find_vpid(pid);
  int err;
  if (user_new) {
    if (copyin(&r64, user_new, sizeof r64) != 0) return -EFAULT;
    nl.rlim_cur = from64(r64.cur_lo, r64.cur_hi);
    nl.rlim_max = from64(r64.max_lo, r64.max_hi);
  }
  if (t == NULL || t->mm == NULL) return -ESRCH;
  if (!may_prlimit(t)) return -EPERM;
  err = do_prlimit(t, resource, user_new ? &nl : NULL, user_old ? &ol : NULL);
  if (err) return err;
  if (user_old) {
    r64.cur_lo = ol.rlim_cur;
    r64.cur_hi = to64_high(ol.rlim_cur);
    r64.max_lo = ol.rlim_max;
    r64.max_hi = to64_high(ol.rlim_max);
    if (copyout(user_old, &r64, sizeof r64) != 0) return -EFAULT;
  }
  return 0;
}
