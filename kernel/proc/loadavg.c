/*
 * loadavg.c — the load average and the idle time, as Linux keeps them.
 *
 * Load: every LOAD_FREQ ticks (5 s of uptime and one tick, Linux's
 * 5*HZ+1, so the sample does not beat with 1 s periodic work) the number
 * of active tasks — runnable or running, plus those in an uninterruptible
 * (disk) sleep; the idle thread is not a task — is folded into three
 * exponentially-damped averages with Linux's constants: fixed point with
 * FSHIFT 11 bits of fraction, decay factors EXP_1/EXP_5/EXP_15 =
 * 2048·e^(-5s/1min), e^(-5s/5min), e^(-5s/15min), rounded up while the
 * load rises (Linux's calc_load). /proc/loadavg and sysinfo(2) read them.
 *
 * Idle time: sched.c charges the idle thread's CPU time here (idle_charge,
 * microseconds, from the same clock that charges vruntime), for
 * /proc/uptime's second field.
 *
 * Invariants: the averages change only in loadavg_tick, from the timer
 * interrupt; idle_seconds + idle_micros/1e6 only grows.
 */
#include "dev.h"
#include "lib.h"
#include "proc.h"

#define FSHIFT 11
#define FIXED_1 (1u << FSHIFT)
#define LOAD_FREQ (5 * HZ + 1)
#define EXP_1 1884u
#define EXP_5 2014u
#define EXP_15 2037u

u32 avenrun[3];
static u32 next_sample = LOAD_FREQ;
static u32 idle_seconds, idle_micros;

static u32 calc_load(u32 load, u32 exp, u32 active) {
  u32 newload = load * exp + active * (FIXED_1 - exp);
  if (active >= load) newload += FIXED_1 - 1;
  return newload / FIXED_1;
}

/* Tasks that count for the load: runnable, running or in a disk wait. */
static u32 active_tasks(void) {
  struct list_head *n;
  u32 count = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pid == 0) continue;
    if (p->state == P_RUNNABLE || p->state == P_RUNNING || (p->state == P_SLEEPING && p->uninterruptible)) count++;
  }
  return count;
}

/* From sched_tick (interrupts off): the tick that interrupted current is
 * counted with current still running, as Linux samples at the tick. */
void loadavg_tick(void) {
  u32 active;
  if ((int)(jiffies - next_sample) < 0) return;
  next_sample += LOAD_FREQ;
  active = active_tasks() * FIXED_1;
  avenrun[0] = calc_load(avenrun[0], EXP_1, active);
  avenrun[1] = calc_load(avenrun[1], EXP_5, active);
  avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}

/* Runnable or running tasks (the idle thread not counted) and all tasks,
 * for /proc/loadavg's "running/total". */
void loadavg_counts(u32 *running, u32 *total) {
  struct list_head *n;
  *running = 0;
  *total = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->pid == 0 || p->state == P_UNUSED) continue;
    (*total)++;
    if (p->state == P_RUNNABLE || p->state == P_RUNNING) (*running)++;
  }
}

void idle_charge(u32 micros) {
  idle_micros += micros;
  if (idle_micros >= 1000000) {
    idle_seconds += idle_micros / 1000000;
    idle_micros %= 1000000;
  }
}

void idle_time(u32 *seconds, u32 *micros) {
  *seconds = idle_seconds;
  *micros = idle_micros;
}
