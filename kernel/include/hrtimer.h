/*
 * hrtimer.h — high-resolution timers (proc/hrtimer.c): sleeps that end at
 * a microsecond deadline, on the timer's one-shot compare (IRQ 8), instead
 * of at the next 10 ms tick.
 */
#ifndef HAKO_HRTIMER_H
#define HAKO_HRTIMER_H

#include "types.h"
#include "list.h"

struct proc;

/* Deadlines are the low 32 bits of the µs uptime (timer_uptime_us_low),
 * compared modulo 2^32: a timer may lie at most HRTIMER_MAX_US ahead.
 * Longer waits stay on the jiffies tick (10 ms is nothing against them). */
#define HRTIMER_MAX_US 2000000000u   /* 2000 s, under 2^31 µs */

struct hrtimer {
  struct list_head node;   /* on the armed list, ordered by expires */
  u32 expires;             /* µs uptime, low 32 bits; never 0 */
  struct proc *proc;       /* woken at expiry if it still sleeps on chan */
  void *chan;
  int armed;
};

void hrtimer_init(void);   /* registers IRQ 8 */
/* The µs deadline `us` from now, at least that far (0 when us is 0). */
u32 hrtimer_deadline_after(u32 us);
int hrtimer_passed(u32 deadline);   /* the uptime has reached it */
/* Interrupts off, like sleep_on: sleeps on chan until a wakeup, a signal
 * (-EINTR) or the µs deadline. Returns sleep_on's result; the caller
 * checks its own condition and the deadline (hrtimer_passed) again. */
int sleep_on_until_us(void *chan, u32 deadline);
/* Sleeps until the µs deadline; 0, or -EINTR if a signal comes first. */
int sleep_until_us(u32 deadline);
/* A timespec (seconds, nanoseconds) as µs, rounded up; -1 if it is more
 * than HRTIMER_MAX_US (the caller falls back to ticks). */
int timespec_to_us(int sec, int nsec, u32 *us);

/* A wait's end for callers that take any timeout: µs of uptime when it
 * fits (hres), else jiffies. */
struct deadline {
  u32 at;
  int hres;
};
/* sec + usec from now (usec may exceed a second), never shorter. */
void deadline_after(struct deadline *d, u32 sec, u32 usec);
int deadline_passed(const struct deadline *d);
/* Interrupts off: sleep_on(chan) bounded by d (sleep_on's result). */
int sleep_on_deadline(void *chan, const struct deadline *d);
u32 deadline_left_us(const struct deadline *d);   /* 0 once passed */

#endif
