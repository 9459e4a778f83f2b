/*
 * itimer.c — interval timers: setitimer, getitimer and alarm.
 *
 * Three timers per process, counted in ticks (1/HZ s; a value is rounded
 * up to whole ticks, never shorter than asked, as Linux's jiffies timers):
 *   ITIMER_REAL     wall time; its deadline is p->alarm_at (jiffies, 0 =
 *                   off), checked by the scheduler's timer pass, SIGALRM;
 *   ITIMER_VIRTUAL  the process's user-mode ticks, SIGVTALRM;
 *   ITIMER_PROF     its user and kernel ticks, SIGPROF.
 * When one expires its interval (0 = one shot) reloads it. alarm(s) is
 * setitimer(ITIMER_REAL, {0, s}): the same timer, so each sees the other's
 * value. Timers are not inherited by fork (the child starts with none) and
 * survive execve, as on Linux.
 */
#include "gen/syscall_table.h"
#include "arch.h"
#include "dev.h"
#include "lib.h"
#include "param.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "vm.h"

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
#define USEC_PER_SEC 1000000u

struct timeval {
  u32 sec;
  u32 usec;
};

struct itimerval {
  struct timeval interval;
  struct timeval value;
};

static u32 timeval_to_ticks(const struct timeval *tv) {
  return tv->sec * HZ + (tv->usec + TICK_US - 1) / TICK_US;
}

static void ticks_to_timeval(u32 ticks, struct timeval *tv) {
  tv->sec = ticks / HZ;
  tv->usec = (ticks % HZ) * TICK_US;
}

/* alarm_at is a deadline; 0 means "off", so a deadline falling on jiffies
 * 0 is moved one tick on. */
static void set_real_deadline(u32 ticks) {
  current->alarm_at = ticks ? jiffies + ticks : 0;
  if (ticks && current->alarm_at == 0) current->alarm_at = 1;
}

static u32 real_ticks_left(void) {
  int left;
  if (current->alarm_at == 0) return 0;
  left = (int)(current->alarm_at - jiffies);
  return left > 0 ? (u32)left : 1;   /* due this tick: still armed */
}

static void read_timer(int which, struct itimerval *out) {
  u32 value, interval;
  if (which == ITIMER_REAL) {
    value = real_ticks_left();
    interval = current->itimer_real_interval;
  } else if (which == ITIMER_VIRTUAL) {
    value = current->itimer_virt_value;
    interval = current->itimer_virt_interval;
  } else {
    value = current->itimer_prof_value;
    interval = current->itimer_prof_interval;
  }
  ticks_to_timeval(value, &out->value);
  ticks_to_timeval(interval, &out->interval);
}

int sys_getitimer(int which, struct itimerval *value) {
  struct itimerval v;
  if (which < ITIMER_REAL || which > ITIMER_PROF) return -EINVAL;
  read_timer(which, &v);
  return copyout(value, &v, sizeof v) != 0 ? -EFAULT : 0;
}

int sys_setitimer(int which, const struct itimerval *value, struct itimerval *old) {
  struct itimerval v, o;
  u32 ticks, interval;
  u32 flags;
  if (which < ITIMER_REAL || which > ITIMER_PROF) return -EINVAL;
  if (value == NULL) memset(&v, 0, sizeof v);   /* Linux: NULL disarms */
  else if (copyin(&v, value, sizeof v) != 0) return -EFAULT;
  if (v.value.usec >= USEC_PER_SEC || v.interval.usec >= USEC_PER_SEC) return -EINVAL;
  ticks = timeval_to_ticks(&v.value);
  interval = ticks ? timeval_to_ticks(&v.interval) : 0;
  flags = irq_save();
  read_timer(which, &o);
  if (which == ITIMER_REAL) {
    set_real_deadline(ticks);
    current->itimer_real_interval = interval;
  } else if (which == ITIMER_VIRTUAL) {
    current->itimer_virt_value = ticks;
    current->itimer_virt_interval = interval;
  } else {
    current->itimer_prof_value = ticks;
    current->itimer_prof_interval = interval;
  }
  irq_restore(flags);
  if (old && copyout(old, &o, sizeof o) != 0) return -EFAULT;
  return 0;
}

/* Returns the seconds left on the previous alarm (rounded up, as Linux
 * rounds a fraction to a whole second that is never 0 while armed). */
int sys_alarm(u32 seconds) {
  u32 flags = irq_save();
  u32 left = (real_ticks_left() + HZ - 1) / HZ;
  set_real_deadline(seconds * HZ);
  current->itimer_real_interval = 0;
  irq_restore(flags);
  return (int)left;
}

/* The scheduler's timer pass found p's ITIMER_REAL due. */
void itimer_real_expired(struct proc *p) {
  p->alarm_at = 0;
  if (p->itimer_real_interval) {
    p->alarm_at = jiffies + p->itimer_real_interval;
    if (p->alarm_at == 0) p->alarm_at = 1;
  }
  send_signal(p, SIGALRM);
}

/* One tick charged to current (interrupts off): user or kernel mode. */
void itimer_tick(int user) {
  struct proc *p = current;
  if (user && p->itimer_virt_value && --p->itimer_virt_value == 0) {
    p->itimer_virt_value = p->itimer_virt_interval;
    send_signal(p, SIGVTALRM);
  }
  if (p->itimer_prof_value && --p->itimer_prof_value == 0) {
    p->itimer_prof_value = p->itimer_prof_interval;
    send_signal(p, SIGPROF);
  }
}
