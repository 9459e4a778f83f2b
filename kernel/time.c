/*
 * time.c — time keeping: jiffies (ticks since boot), uptime and the wall
 * clock.
 *
 * Wall time = boot wall time + uptime, where the boot wall time is read from
 * the RTC at boot (again when the host says the machine was resumed from a
 * saved state: dev/doorbell.c) and shifted by time_set() (settimeofday/stime).
 * Invariants: jiffies only increases, by one per timer interrupt; a wall
 * time with microseconds (wall_clock) takes its seconds and microseconds
 * from one read of the timer, never two: between two reads the second may
 * roll over, and seconds from the later read with microseconds from the
 * earlier one make a time up to a second in the future (a spinner timing
 * itself with gettimeofday stopped early).
 */
#include "dev.h"

volatile u32 jiffies;
static u32 wall_at_boot;   /* Unix seconds at uptime 0 */

void time_init(void) {
  u32 s, us;
  timer_uptime(&s, &us);
  wall_at_boot = rtc_read() - s;
}

void time_tick(void) {
  jiffies++;
}

void uptime(u32 *seconds, u32 *micros) {
  timer_uptime(seconds, micros);
}

u32 time_now(void) {
  u32 s, us;
  timer_uptime(&s, &us);
  return wall_at_boot + s;
}

void wall_clock(u32 *seconds, u32 *micros) {
  timer_uptime(seconds, micros);
  *seconds += wall_at_boot;
}

u32 boot_wall_time(void) {
  return wall_at_boot;
}

void time_set(u32 unix_seconds) {
  u32 s, us;
  timer_uptime(&s, &us);
  wall_at_boot = unix_seconds - s;
}
