/*
 * hrtimer.c — high-resolution timers: waits that end at a microsecond
 * deadline rather than at the next 10 ms tick (nanosleep, futex waits).
 *
 * The hardware is the timer's one-shot compare (port 0x4C, IRQ 8; see
 * docs/architecture.md): it pulses once when the µs uptime reaches the
 * value written. This file owns that register and the list of armed
 * timers. The periodic tick (dev/timer.c) stays for the scheduler and
 * for everything kept in jiffies.
 *
 * Invariants (interrupts off around every change):
 * - `armed` is ordered by deadline, earliest first; a timer is on it iff
 *   its `armed` flag is set.
 * - The one-shot register holds the first timer's deadline, or 0 (off)
 *   when the list is empty. Deadlines are never 0, so 0 keeps meaning off.
 * - Deadlines are the uptime's low 32 bits, compared modulo 2^32; every
 *   armed deadline lies less than HRTIMER_MAX_US ahead of the uptime, so
 *   those comparisons are exact.
 * - A timer lives on its sleeper's kernel stack: whoever arms it cancels it
 *   before returning, so the list never points at a dead frame.
 */
#include "arch.h"
#include "dev.h"
#include "hrtimer.h"
#include "param.h"
#include "proc.h"
#include "trap.h"

#define TIMER_ONESHOT 0x4C
#define IRQ_HRTIMER 8

static struct list_head armed;

static int before(u32 a, u32 b) { return (int)(a - b) < 0; }

int hrtimer_passed(u32 deadline) {
  return !before(timer_uptime_us_low(), deadline);
}

u32 hrtimer_deadline_after(u32 us) {
  u32 d;
  if (us == 0) return 0;
  /* +1: the uptime counter is whole µs and part of the current one has
   * gone by; a sleep may never be shorter than asked. */
  d = timer_uptime_us_low() + us + 1;
  return d ? d : 1;
}

int timespec_to_us(int sec, int nsec, u32 *us) {
  u32 v;
  if ((u32)sec > HRTIMER_MAX_US / 1000000u) return -1;
  v = (u32)sec * 1000000u + ((u32)nsec + 999u) / 1000u;
  if (v > HRTIMER_MAX_US) return -1;
  *us = v;
  return 0;
}

static void program(void) {
  u32 next = 0;
  if (!list_empty(&armed)) next = list_entry(armed.next, struct hrtimer, node)->expires;
  outl(TIMER_ONESHOT, next);
}

static void hrtimer_start(struct hrtimer *t, u32 expires, void *chan) {
  struct list_head *n;
  t->expires = expires ? expires : 1;
  t->proc = current;
  t->chan = chan;
  t->armed = 1;
  for (n = armed.next; n != &armed; n = n->next)
    if (before(t->expires, list_entry(n, struct hrtimer, node)->expires)) break;
  list_insert_between(&t->node, n->prev, n);
  if (armed.next == &t->node) program();
}

static void hrtimer_cancel(struct hrtimer *t) {
  int was_first;
  if (!t->armed) return;
  was_first = armed.next == &t->node;
  list_del(&t->node);
  t->armed = 0;
  if (was_first) program();
}

/* IRQ 8: fire every timer whose deadline has come, then aim the one-shot
 * at the next. A sleeper is woken only if it still sleeps where it armed
 * the timer (it may have been woken and be on its way to cancel it). */
static void hrtimer_irq(int irq) {
  u32 now = timer_uptime_us_low();
  (void)irq;
  while (!list_empty(&armed)) {
    struct hrtimer *t = list_entry(armed.next, struct hrtimer, node);
    struct proc *p = t->proc;
    if (before(now, t->expires)) break;
    list_del(&t->node);
    t->armed = 0;
    if (p->state == P_SLEEPING && p->chan == t->chan) {
      p->wake_at = 0;
      make_runnable(p);
    }
  }
  program();
}

void hrtimer_init(void) {
  list_init(&armed);
  outl(TIMER_ONESHOT, 0);
  irq_register(IRQ_HRTIMER, hrtimer_irq, "hrtimer");
  pic_unmask(IRQ_HRTIMER);
}

int sleep_on_until_us(void *chan, u32 deadline) {
  struct hrtimer t;
  int err;
  if (hrtimer_passed(deadline)) return 0;
  hrtimer_start(&t, deadline, chan);
  err = sleep_on(chan);
  hrtimer_cancel(&t);
  return err;
}

void deadline_after(struct deadline *d, u32 sec, u32 usec) {
  u32 ticks;
  sec += usec / 1000000u;
  usec %= 1000000u;
  if (sec <= HRTIMER_MAX_US / 1000000u && sec * 1000000u + usec <= HRTIMER_MAX_US) {
    u32 us = sec * 1000000u + usec;
    d->hres = 1;
    d->at = us ? hrtimer_deadline_after(us) : timer_uptime_us_low();   /* 0: due now */
    return;
  }
  /* One tick more: the current tick has partly gone by. */
  ticks = sec * HZ + (usec + TICK_US - 1) / TICK_US;
  d->hres = 0;
  d->at = jiffies + ticks + 1;
}

int deadline_passed(const struct deadline *d) {
  return d->hres ? hrtimer_passed(d->at) : (int)(jiffies - d->at) >= 0;
}

int sleep_on_deadline(void *chan, const struct deadline *d) {
  int err;
  if (d->hres) return sleep_on_until_us(chan, d->at);
  current->wake_at = d->at ? d->at : 1;
  err = sleep_on(chan);
  current->wake_at = 0;
  return err;
}

u32 deadline_left_us(const struct deadline *d) {
  int left;
  if (d->hres) {
    left = (int)(d->at - timer_uptime_us_low());
    return left > 0 ? (u32)left : 0;
  }
  left = (int)(d->at - jiffies) - 1;   /* the extra tick of rounding was not asked for */
  return left > 0 ? (u32)left * TICK_US : 0;
}

int sleep_until_us(u32 deadline) {
  u32 flags = irq_save();
  int err = 0;
  while (!hrtimer_passed(deadline)) {
    err = sleep_on_until_us(&current->wake_at, deadline);
    if (err) break;
  }
  irq_restore(flags);
  return err;
}
