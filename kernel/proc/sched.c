/*
 * sched.c — the scheduler: a CFS-like fair, weight-based policy.
 *
 * Each process has a weight from its nice value (Linux's table below:
 * nice 0 = 1024, each nice step about 1.25x, so a nice-0 process gets
 * ~10% more CPU than a nice-1 one). While it runs, its vruntime grows by
 * elapsed_us * 1024 / weight. schedule() runs the runnable process with
 * the smallest vruntime; the timer asks for a reschedule when the current
 * process is more than SCHED_GRANULARITY_US ahead of the leftmost one.
 * min_vruntime only moves forward; new and woken processes start near it
 * (a woken sleeper gets at most SLEEPER_CREDIT_US of credit), so nobody
 * can hoard credit by sleeping. The run queue is an unsorted list scanned
 * for the minimum: O(n) in the runnable count is cheaper here than a red-black
 * tree, and the policy is the same. The tick also fires timed wakeups
 * and alarm(2) signals and samples the load average (loadavg.c, which
 * also gets the idle thread's time). The idle thread (pid 0) is never in
 * the queue; it runs when the queue is empty.
 *
 * A forked child is placed as CFS's task_fork_fair places it
 * (sched_fork): the parent is first charged for the time it has run since
 * its last tick or switch — without that its vruntime is up to a tick
 * stale, and a child copying it starts in the past of everything that
 * ran meanwhile —, the child inherits the parent's vruntime, raised to
 * min_vruntime, and joins the queue at the tail of its equals, so two
 * children forked back to back (`sleep 5 &` then a typed-ahead `ps`) run
 * in fork order. CFS's START_DEBIT (placing a child one slice after
 * min_vruntime) is left out: with one CPU and a shell that forks one
 * child per command it only delays every command by a slice.
 *
 * Wake-up preemption (make_runnable) is CFS's check_preempt_wakeup: the
 * running task is first charged up to now (update_current, Linux's
 * update_curr): compared with the vruntime of its last tick or switch, a
 * thread woken by its hrtimer looked level with a task that had in fact
 * run milliseconds more, and waited for the tick. Then the woken task
 * preempts only if it is behind by more than SCHED_WAKEUP_GRANULARITY_US
 * converted to its own virtual time (wakeup_gran: 1 ms on one CPU,
 * * 1024 / its weight), so a busy task is not preempted by every sleeper
 * level with it; such a sleeper runs at the tick instead. The charge is
 * safe from every caller: interrupts are off; an idle current is charged
 * as idle time; and no wake-up comes in the middle of schedule(), which
 * runs with interrupts off.
 *
 * Control groups (cgroup/cpu.c): a task in a group has its weighted
 * runtime scaled by its groups' cpu.weight and runnable counts, so each
 * group competes as one task of its weight, and a group that used its
 * cpu.max quota is passed over by leftmost() until its period ends (the
 * idle thread halts when only such tasks are runnable).
 *
 * Invariants: a proc is on the run queue iff its state is RUNNABLE;
 * `current` is RUNNING (or leaving: SLEEPING, STOPPED, ZOMBIE inside
 * schedule()); all of this changes only with interrupts off.
 */
#include "arch.h"
#include "cgroup.h"
#include "dev.h"
#include "lib.h"
#include "printk.h"
#include "proc.h"
#include "poll.h"
#include "trap.h"
#include "vm.h"
#include "hako/errno.h"
#include "signal.h"
#include "trace.h"

#define SCHED_GRANULARITY_US 2000
#define SLEEPER_CREDIT_US 10000
#define SCHED_WAKEUP_GRANULARITY_US 1000

/* Linux's sched_prio_to_weight, nice -20 .. 19. */
static const u32 nice_to_weight[40] = {
  88761, 71755, 56483, 46273, 36291,
  29154, 23254, 18705, 14949, 11916,
  9548, 7620, 6100, 4904, 3906,
  3121, 2501, 1991, 1586, 1277,
  1024, 820, 655, 526, 423,
  335, 272, 215, 172, 137,
  110, 87, 70, 56, 45,
  36, 29, 23, 18, 15,
};

static struct list_head run_queue;
static struct proc *idle;
static u32 min_vruntime;
int need_resched;

/* a is before b, wrap-safe. */
static int vr_before(u32 a, u32 b) {
  return (int)(a - b) < 0;
}

void sched_init(struct proc *idle_thread) {
  list_init(&run_queue);
  idle = idle_thread;
  min_vruntime = 0;
}

void set_nice(struct proc *p, int nice) {
  if (nice < -20) nice = -20;
  if (nice > 19) nice = 19;
  p->nice = nice;
  p->weight = nice_to_weight[nice + 20];
}

/* Charges the running process for the time since it was last charged. */
static void update_current(void) {
  u32 now = timer_uptime_us_low();
  u32 delta = now - current->ran_since_us;
  u32 weighted;
  current->ran_since_us = now;
  if (current == idle) {
    idle_charge(delta);   /* /proc/uptime's idle time (loadavg.c) */
    return;
  }
  /* Split so that delta * 1024 cannot overflow for long runs. */
  weighted = (delta / current->weight) * 1024 + ((delta % current->weight) * 1024) / current->weight;
  if (current->cgroup) {   /* its group's share (cpu.weight) and bandwidth (cpu.max): cgroup/cpu.c */
    weighted = cgroup_cpu_vruntime(current, delta, weighted);
    cgroup_cpu_charge(current, delta);
  }
  current->vruntime += weighted;
}

static struct proc *leftmost(void) {
  struct list_head *n;
  struct proc *best = NULL;
  for (n = run_queue.next; n != &run_queue; n = n->next) {
    struct proc *p = list_entry(n, struct proc, run_node);
    if (p->cgroup && cgroup_cpu_throttled(p)) continue;   /* its group used its cpu.max quota */
    if (best == NULL || vr_before(p->vruntime, best->vruntime)) best = p;
  }
  return best;
}

static void update_min_vruntime(void) {
  struct proc *left = leftmost();
  u32 v = min_vruntime;
  int have = 0;
  if (current != idle && current->state == P_RUNNING) {
    v = current->vruntime;
    have = 1;
  }
  if (left && (!have || vr_before(left->vruntime, v))) {
    v = left->vruntime;
    have = 1;
  }
  if (have && vr_before(min_vruntime, v)) min_vruntime = v;
}

/* Places a new child (not yet runnable) for its first run: see the top. */
void sched_fork(struct proc *child) {
  u32 flags = irq_save();
  update_current();
  update_min_vruntime();
  child->vruntime = current->vruntime;
  if (vr_before(child->vruntime, min_vruntime)) child->vruntime = min_vruntime;
  irq_restore(flags);
}

/* CFS's wakeup_preempt_entity: p, just woken, takes the CPU from current
 * only if it is behind by more than the wake-up granularity, counted in
 * p's virtual time (a heavier p preempts sooner, a lighter one later). */
static int wakeup_preempts(struct proc *p) {
  u32 gran = SCHED_WAKEUP_GRANULARITY_US * 1024 / p->weight;
  return (int)(current->vruntime - p->vruntime) > (int)gran;
}

void make_runnable(struct proc *p) {
  u32 flags = irq_save();
  u32 floor;
  if (p->state == P_RUNNABLE || p->state == P_RUNNING) {
    irq_restore(flags);
    return;
  }
  floor = p->state == P_EMBRYO ? min_vruntime : min_vruntime - SLEEPER_CREDIT_US;
  if (vr_before(p->vruntime, floor)) p->vruntime = floor;
  p->state = P_RUNNABLE;
  p->chan = NULL;
  update_current();   /* current's vruntime as of now, not as of its last tick or switch */
  list_add_tail(&p->run_node, &run_queue);
  if (current == idle || wakeup_preempts(p)) need_resched = 1;
  irq_restore(flags);
}

static void wake_timed_sleepers(void) {
  struct list_head *n;
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->alarm_at != 0 && (int)(jiffies - p->alarm_at) >= 0) itimer_real_expired(p);
    if (p->state == P_SLEEPING && p->wake_at != 0 && (int)(jiffies - p->wake_at) >= 0) {
      p->wake_at = 0;
      make_runnable(p);
    }
  }
}

/* Called from the timer interrupt (interrupts off). */
void sched_tick(void) {
  struct proc *left;
  cpustat_tick(current, trap_from_user, current == idle);
  if (current != idle) {
    if (trap_from_user) current->utime++;
    else current->stime++;
    itimer_tick(trap_from_user);
    rlimit_cpu_tick();
  }
  update_current();
  cgroup_cpu_tick(current, trap_from_user);   /* cpu.max periods, cpu.stat's user/system split */
  update_min_vruntime();
  wake_timed_sleepers();
  loadavg_tick();
  if (current->cgroup && cgroup_cpu_throttled(current)) need_resched = 1;   /* off the CPU until its period ends */
  left = leftmost();
  if (left == NULL) return;
  if (current == idle || (int)(current->vruntime - left->vruntime) > SCHED_GRANULARITY_US) need_resched = 1;
}

/* Switches from one process to another since boot (the debugger's kdebug_mem). */
u32 nr_context_switches;

void schedule(void) {
  u32 flags = irq_save();
  struct proc *prev = current;
  struct proc *next;
  reap_dead_threads();
  update_current();
  if (prev->state == P_RUNNING && prev != idle) {
    prev->state = P_RUNNABLE;
    list_add_tail(&prev->run_node, &run_queue);
  }
  next = leftmost();
  if (next == NULL) {
    next = idle;
  } else {
    list_del(&next->run_node);
  }
  next->state = P_RUNNING;
  need_resched = 0;
  update_min_vruntime();
  if (next != prev) {
    nr_context_switches++;
    trace3(TR_SWITCH, prev->pid, next->pid, prev->state);
    next->ran_since_us = timer_uptime_us_low();
    current = next;
    mm_switch(next->mm);
    load_kernel_stack((u32)next->kstack + KSTACK_SIZE);
    if (next->tls != prev->tls) tls_load(next->tls);   /* each thread's own TLS base */
    swtch(&prev->context, next->context);
    /* Back here when prev runs again: `current` is prev once more. */
  }
  irq_restore(flags);
}

void yield(void) {
  schedule();
}

/* sched_yield(2): CFS would pick the caller again while its vruntime is
 * the smallest, so it is moved just behind the last runnable process
 * (Linux's old sched_compat_yield): every thread waiting for the CPU runs
 * before the caller does again. */
void yield_to_others(void) {
  u32 flags = irq_save();
  struct list_head *n;
  update_current();
  for (n = run_queue.next; n != &run_queue; n = n->next) {
    struct proc *p = list_entry(n, struct proc, run_node);
    if (!vr_before(p->vruntime, current->vruntime)) current->vruntime = p->vruntime + 1;
  }
  schedule();
  irq_restore(flags);
}

int sleep_on(void *chan) {
  if (signal_pending(current)) return -EINTR;
  current->chan = chan;
  current->state = P_SLEEPING;
  schedule();
  current->chan = NULL;
  if (signal_pending(current)) return -EINTR;
  return 0;
}

void sleep_uninterruptible(void *chan) {
  current->chan = chan;
  current->state = P_SLEEPING;
  current->uninterruptible = 1;
  schedule();
  current->uninterruptible = 0;
  current->chan = NULL;
}

void wakeup(void *chan) {
  u32 flags = irq_save();
  struct list_head *n;
  poll_wake_channel(chan);   /* select/poll/epoll waiters watching chan (fs/select.c) */
  for (n = all_procs.next; n != &all_procs; n = n->next) {
    struct proc *p = list_entry(n, struct proc, all_node);
    if (p->state == P_SLEEPING && p->chan == chan) {
      p->wake_at = 0;
      make_runnable(p);
    }
  }
  irq_restore(flags);
}

/* Sleeps until jiffies reaches deadline; -EINTR if a signal comes first. */
int sleep_until(u32 deadline) {
  u32 flags = irq_save();
  int err = 0;
  while ((int)(jiffies - deadline) < 0) {
    current->wake_at = deadline;
    err = sleep_on(&current->wake_at);
    if (err) break;
  }
  current->wake_at = 0;
  irq_restore(flags);
  return err;
}

int sleep_ticks(u32 ticks) {
  return sleep_until(jiffies + (ticks ? ticks : 1));
}

/* The idle thread: halt until an interrupt makes something runnable. */
void idle_loop(void) {
  for (;;) {
    cli();
    if (list_empty(&run_queue) || leftmost() == NULL) sti_hlt();   /* nobody, or only throttled groups */
    else sti();
    schedule();
  }
}
