/*
 * sys_ids.c — the file-creation mask, clocks, resource usage and alarms.
 * The user and group ids and their calls live in kernel/proc/cred.c.
 */
#include "gen/syscall_table.h"
#include "dev.h"
#include "lib.h"
#include "proc.h"
#include "hako/errno.h"
#include "vm.h"

int sys_umask(int mask) {
  u32 old = current->fs->umask;
  current->fs->umask = (u32)mask & 0777;
  return (int)old;
}

int sys_gettimeofday(u32 *tv, void *tz) {
  u32 t[2];
  (void)tz;
  wall_clock(&t[0], &t[1]);
  if (tv && copyout(tv, t, sizeof t) != 0) return -EFAULT;
  return 0;
}

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

int sys_clock_gettime(int clock, u32 *ts) {
  u32 t[2];
  u32 s, us;
  if (clock == CLOCK_REALTIME) wall_clock(&s, &us);
  else if (clock == CLOCK_MONOTONIC) uptime(&s, &us);
  else return -EINVAL;
  t[0] = s;
  t[1] = us * 1000;
  return copyout(ts, t, sizeof t);
}

/* struct rusage starts with ru_utime and ru_stime (timevals); the other
 * fields (14 longs) are zero. */
int sys_getrusage(int who, u32 *usage) {
  u32 r[18];
  u32 ut, st;
  memset(r, 0, sizeof r);
  if (who == 0) {
    ut = current->utime;
    st = current->stime;
  } else if (who == -1) {
    ut = current->cutime;
    st = current->cstime;
  } else {
    return -EINVAL;
  }
  r[0] = ut / HZ;
  r[1] = (ut % HZ) * TICK_US;
  r[2] = st / HZ;
  r[3] = (st % HZ) * TICK_US;
  return copyout(usage, r, sizeof r);
}

/* alarm(2) is in proc/itimer.c, with the other interval timers. */
