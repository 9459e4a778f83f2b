/*
 * timer.c — the periodic timer (ports 0x40-0x4B, IRQ 0). The same
 * device's one-shot compare (0x4C, IRQ 8) belongs to proc/hrtimer.c.
 *
 * Programs a period of TICK_US microseconds; each tick calls time_tick()
 * and the scheduler's tick. Uptime comes from the device's microsecond
 * counter, not from counting ticks, so it stays exact even if ticks are
 * lost while interrupts are off.
 */
#include "arch.h"
#include "dev.h"
#include "param.h"
#include "trap.h"

#define TIMER_PERIOD 0x40
#define TIMER_UPTIME_LOW 0x44   /* reading it latches the high half */
#define TIMER_UPTIME_HIGH 0x48

void sched_tick(void);

static void timer_irq(int irq) {
  (void)irq;
  time_tick();
  sched_tick();
}

void timer_init(void) {
  irq_register(IRQ_TIMER, timer_irq, "timer");
  outl(TIMER_PERIOD, TICK_US);
  pic_unmask(IRQ_TIMER);
}

u32 timer_uptime_us_low(void) {
  return inl(TIMER_UPTIME_LOW);
}

/* Splits the 64-bit microsecond count into seconds and microseconds with
 * 32-bit arithmetic: high * 2^32 = high * 4294 s + high * 967296 us. */
void timer_uptime(u32 *seconds, u32 *micros) {
  u32 flags = irq_save();
  u32 low = inl(TIMER_UPTIME_LOW);
  u32 high = inl(TIMER_UPTIME_HIGH);
  u32 s, us;
  irq_restore(flags);
  s = low / 1000000u + high * 4294u;
  us = low % 1000000u + high * 967296u;
  s += us / 1000000u;
  us %= 1000000u;
  *seconds = s;
  *micros = us;
}
