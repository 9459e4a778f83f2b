/*
 * rtc.c — the real-time clock: one dword port giving Unix time in seconds.
 * Read at boot by time_init() (and again after a resume: dev/doorbell.c);
 * the wall clock then runs on the timer.
 */
#include "arch.h"
#include "dev.h"

#define RTC_PORT 0x70

u32 rtc_read(void) {
  return inl(RTC_PORT);
}
