/*
 * cpu.c — the cpu controller: what the scheduler (proc/sched.c) asks of a
 * process's group, and cpu.weight, cpu.max and cpu.stat.
 *
 * Weight (cpu.weight 1..10000, 100 the default, as nice 0): the scheduler
 * stays one flat run queue of tasks; a task in a group runs "slower" in
 * virtual time so that the group as a whole competes like one task of
 * the group's weight. For each group G on the way to the root (with the
 * cpu controller), the task's weighted runtime is multiplied by
 *     runnable(G) * 100 / cpu.weight(G)
 * where runnable(G) counts G's subtree's tasks that are running or
 * runnable. So a group of weight 100 with four busy tasks gets, together,
 * what one nice-0 task at the root gets (each of its tasks a quarter of
 * that), and weight 200 twice that: Linux's group scheduling, without its
 * per-group run queues.
 *
 * Bandwidth (cpu.max "QUOTA PERIOD" in µs, "max" for none): the run time
 * the scheduler charges (update_current, the µs clock) is added to the
 * group's period usage; once it reaches the quota the group is throttled:
 * its tasks are passed over by schedule() until the period ends (checked
 * at every tick, so a period ends up to a tick late and a quota may be
 * overrun by up to a tick: 10 ms). A task with SIGKILL pending is never
 * held back: it runs to its exit. nr_periods counts the periods that
 * ended with the group active (it ran or was throttled), nr_throttled
 * those in which it was throttled, throttled_usec the time it spent so.
 * usage_usec is all the run time charged to the group's subtree;
 * user_usec/system_usec split it in the proportion of the ticks that
 * found its tasks in user or kernel mode (Linux's cputime_adjust).
 */
#include "cgroup.h"
#include "dev.h"
#include "proc.h"
#include "signal.h"
#include "hako/errno.h"
#include "cgroup/internal.h"

#define PERIOD_MIN_US 1000
#define PERIOD_MAX_US 1000000
#define QUOTA_MIN_US 1000

static int cpu_enabled(struct cgroup *cg) {
  return (cgroup_controllers(cg) & CGRP_CPU) != 0;
}

static void usec_add(struct cg_usec *t, u32 us) {
  t->usec += us % 1000000;
  t->sec += us / 1000000;
  if (t->usec >= 1000000) {
    t->usec -= 1000000;
    t->sec++;
  }
}

/* Running or runnable tasks inside cg. */
static u32 runnable_in(struct cgroup *cg) {
  struct list_head *n;
  u32 count = 0;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if ((p->state == P_RUNNING || p->state == P_RUNNABLE) && p->cgroup && cgroup_is_descendant(p->cgroup, cg)) count++;
  }
  return count;
}

u32 cgroup_cpu_vruntime(struct proc *p, u32 delta, u32 weighted) {
  struct cgroup *cg;
  (void)delta;
  for (cg = p->cgroup; cg && cg->parent; cg = cg->parent) {
    u32 share, w = cg->cpu_weight;
    if (!cpu_enabled(cg)) continue;
    share = runnable_in(cg) * 100;
    if (share == 0) share = 100;   /* p itself, leaving the CPU */
    weighted = (weighted / w) * share + ((weighted % w) * share) / w;
  }
  return weighted;
}

void cgroup_cpu_charge(struct proc *p, u32 delta_us) {
  struct cgroup *cg;
  for (cg = p->cgroup; cg && cg->parent; cg = cg->parent) {
    usec_add(&cg->usage, delta_us);
    if (cg->cpu_quota_us == CG_UNLIMITED || !cpu_enabled(cg)) continue;
    cg->period_used_us += delta_us;
    if (!cg->throttled && cg->period_used_us >= cg->cpu_quota_us) {
      cg->throttled = 1;
      cg->throttled_since_us = timer_uptime_us_low();
      cg->nr_throttled++;
      need_resched = 1;
    }
  }
}

int cgroup_cpu_throttled(struct proc *p) {
  struct cgroup *cg;
  /* A dying task runs to its end (an OOM victim must give its memory back). */
  if ((p->sig_pending | p->group_leader->shared_pending) & (1u << (SIGKILL - 1))) return 0;
  for (cg = p->cgroup; cg && cg->parent; cg = cg->parent) {
    if (cg->throttled) return 1;
  }
  return 0;
}

/* Ends cg's period if it is over: a new quota, the throttle lifted. */
static void period_check(struct cgroup *cg, u32 now) {
  if (now - cg->period_start_us < cg->cpu_period_us) return;
  if (cg->period_used_us > 0 || cg->throttled) cg->nr_periods++;
  if (cg->throttled) {
    usec_add(&cg->throttled_time, now - cg->throttled_since_us);
    cg->throttled = 0;
    need_resched = 1;   /* its tasks may run again */
  }
  cg->period_used_us = 0;
  /* The next period starts where this one ended (or now, after a long quiet spell). */
  cg->period_start_us += cg->cpu_period_us;
  if (now - cg->period_start_us >= cg->cpu_period_us) cg->period_start_us = now;
}

void cgroup_cpu_tick(struct proc *p, int user) {
  struct cgroup *cg;
  u32 now = timer_uptime_us_low();
  int i;
  for (cg = p->cgroup; cg && cg->parent; cg = cg->parent) {
    if (user) cg->user_ticks++;
    else cg->system_ticks++;
  }
  for (i = CGROUP_ROOT_ID + 1; i < CGROUP_MAX; i++) {
    cg = &cgroup_table[i];
    if (cg->used && (cg->cpu_quota_us != CG_UNLIMITED || cg->throttled)) period_check(cg, now);
  }
}

/* part/whole of t, in µs (whole > 0), rounded down; both scaled below
 * 2^16 first so that nothing overflows. */
static void usec_share(struct cg_usec *t, u32 part, u32 whole, struct cg_usec *out) {
  u32 ms = t->sec * 1000 + t->usec / 1000, r;
  while (whole >= 0x10000) {
    whole >>= 1;
    part >>= 1;
  }
  if (whole == 0) whole = 1;
  r = (ms / whole) * part + ((ms % whole) * part) / whole;
  out->sec = r / 1000;
  out->usec = (r % 1000) * 1000;
}

int cpu_show(struct cgroup *cg, int kind, struct cg_out *o) {
  struct cg_usec user, sys;
  u32 ticks = cg->user_ticks + cg->system_ticks;
  switch (kind) {
    case CGF_CPU_WEIGHT: cg_outf(o, "%u\n", cg->cpu_weight); return 1;
    case CGF_CPU_MAX:
      if (cg->cpu_quota_us == CG_UNLIMITED) cg_outf(o, "max %u\n", cg->cpu_period_us);
      else cg_outf(o, "%u %u\n", cg->cpu_quota_us, cg->cpu_period_us);
      return 1;
    case CGF_CPU_STAT:
      if (ticks == 0) {
        user = cg->usage;
        sys.sec = sys.usec = 0;
      } else {
        usec_share(&cg->usage, cg->user_ticks, ticks, &user);
        usec_share(&cg->usage, cg->system_ticks, ticks, &sys);
      }
      cg_out_usec(o, "usage_usec", &cg->usage);
      cg_out_usec(o, "user_usec", &user);
      cg_out_usec(o, "system_usec", &sys);
      cg_outf(o, "nr_periods %u\nnr_throttled %u\n", cg->nr_periods, cg->nr_throttled);
      cg_out_usec(o, "throttled_usec", &cg->throttled_time);
      return 1;
  }
  return 0;
}

/* cpu.max: "QUOTA [PERIOD]" or "max [PERIOD]". */
static int store_max(struct cgroup *cg, const char *text, u32 n) {
  u32 i = 0, quota, period = cg->cpu_period_us;
  int err;
  while (i < n && text[i] == ' ') i++;
  while (i < n && text[i] != ' ' && text[i] != '\n') i++;
  err = cg_parse_u32(text, i, &quota, 1);
  if (err) return err;
  if (i < n && text[i] == ' ') {
    u32 rest = i;
    while (rest < n && (text[rest] == ' ' || text[rest] == '\n')) rest++;
    if (rest < n) {
      err = cg_parse_u32(text + i, n - i, &period, 0);
      if (err) return err;
    }
  }
  if (period < PERIOD_MIN_US || period > PERIOD_MAX_US) return -EINVAL;
  if (quota != CG_UNLIMITED && quota < QUOTA_MIN_US) return -EINVAL;
  cg->cpu_quota_us = quota;
  cg->cpu_period_us = period;
  cg->period_start_us = timer_uptime_us_low();
  cg->period_used_us = 0;
  if (cg->throttled) {
    usec_add(&cg->throttled_time, cg->period_start_us - cg->throttled_since_us);
    cg->throttled = 0;
    need_resched = 1;
  }
  return 0;
}

int cpu_store(struct cgroup *cg, int kind, const char *text, u32 n, int *err) {
  u32 v;
  switch (kind) {
    case CGF_CPU_WEIGHT:
      *err = cg_parse_u32(text, n, &v, 0);
      if (*err == 0 && (v < 1 || v > 10000)) *err = -ERANGE;
      if (*err == 0) cg->cpu_weight = v;
      return 1;
    case CGF_CPU_MAX: *err = store_max(cg, text, n); return 1;
  }
  return 0;
}
